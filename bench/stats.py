"""Repeated measurements: side-by-side rounds, and median, min and max of the samples."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Stats:
    """Summary of repeated samples of one figure."""

    median: float
    min: float
    max: float
    samples: tuple[float, ...]

    @classmethod
    def of(cls, samples: Sequence[float]) -> Stats:
        if not samples:
            raise ValueError("no samples to summarise")
        return cls(statistics.median(samples), min(samples), max(samples), tuple(samples))

    @property
    def runs(self) -> int:
        return len(self.samples)

    def scaled(self, factor: float) -> Stats:
        """The same samples in another unit (e.g. seconds to milliseconds)."""
        return Stats.of([sample * factor for sample in self.samples])

    def to_json(self) -> dict[str, Any]:
        return {"median": self.median, "min": self.min, "max": self.max, "runs": self.runs,
                "samples": list(self.samples)}


def side_by_side(
    variants: Mapping[str, Callable[[], float]], *, runs: int, warmup: int
) -> dict[str, Stats]:
    """Time every variant `runs` times, interleaved, after `warmup` unrecorded rounds.

    Each round runs every variant once, in an order rotated from round to round, so that a
    slow spell of a shared machine falls on all variants alike rather than on one of them.
    """
    names = list(variants)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(warmup + runs):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            seconds = variants[name]()
            if round_number >= warmup:
                samples[name].append(seconds)
    return {name: Stats.of(values) for name, values in samples.items()}


def loglog_slope(sizes: Sequence[float], values: Sequence[float]) -> float:
    """Least-squares slope of log(value) against log(size): 0 is flat, 1 is proportional."""
    from math import log

    xs = [log(size) for size in sizes]
    ys = [log(value) for value in values]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
