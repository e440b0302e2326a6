"""Figures, the table printed at the end of a run, the JSON and the maintainers' page."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from bench.sites import ROOT
from bench.stats import Stats

Value = Stats | float


@dataclass(frozen=True)
class Figure:
    """One measured figure, in the unit it is shown in, beside its baseline."""

    section: str
    name: str
    value: Value
    unit: str
    baseline: str | None = None
    baseline_value: Value | None = None
    target: str | None = None
    met: bool | None = None

    @property
    def ratio(self) -> float | None:
        if self.baseline_value is None:
            return None
        denominator = _median(self.baseline_value)
        return _median(self.value) / denominator if denominator else None

    def to_json(self) -> dict[str, Any]:
        return {
            "section": self.section, "name": self.name, "unit": self.unit,
            "value": _json_value(self.value), "baseline": self.baseline,
            "baseline_value": None if self.baseline_value is None
            else _json_value(self.baseline_value),
            "ratio": self.ratio, "target": self.target, "met": self.met,
        }


def _median(value: Value) -> float:
    return value.median if isinstance(value, Stats) else value


def _json_value(value: Value) -> Any:
    return value.to_json() if isinstance(value, Stats) else value


def number(value: float) -> str:
    """A figure with three significant digits, or as a whole number from 100 up."""
    if value == 0 or abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def _cells(figure: Figure) -> list[str]:
    value = figure.value
    if isinstance(value, Stats):
        shown = [number(value.median), number(value.min), number(value.max), str(value.runs)]
    else:
        shown = [number(value), "", "", ""]
    baseline = figure.baseline or ""
    if figure.baseline_value is not None:
        baseline += f" ({number(_median(figure.baseline_value))})"
    ratio = f"{figure.ratio:.3f}" if figure.ratio is not None else ""
    met = {True: "yes", False: "NO", None: ""}[figure.met]
    return [figure.name, figure.unit, *shown, baseline, ratio, figure.target or "", met]


HEADER = ["Figure", "Unit", "Median", "Min", "Max", "Runs", "Baseline (median)", "Ratio",
          "Target", "Met"]


def text_table(figures: list[Figure]) -> str:
    """The figures as a plain-text table, one block per section."""
    rows = [_cells(figure) for figure in figures]
    widths = [max(len(row[i]) for row in [HEADER, *rows]) for i in range(len(HEADER))]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

    lines = [line(HEADER), line(["-" * width for width in widths])]
    section = None
    for figure, row in zip(figures, rows, strict=True):
        if figure.section != section:
            section = figure.section
            lines.append(f"[{section}]")
        lines.append(line(row))
    return "\n".join(lines)


def markdown_table(figures: list[Figure]) -> str:
    def escape(cell: str) -> str:
        return cell.replace("|", "\\|")

    lines = ["| " + " | ".join(HEADER) + " |", "|" + " --- |" * len(HEADER)]
    lines += ["| " + " | ".join(escape(cell) for cell in _cells(figure)) + " |"
              for figure in figures]
    return "\n".join(lines)


def _command_output(*command: str) -> str | None:
    """The first line a command prints (`""` when it prints nothing); `None` if it fails."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    except OSError:
        return None
    if result.returncode != 0:
        return None
    return next(iter((result.stdout or result.stderr).strip().splitlines()), "")


def _package(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, Any]:
    """The machine and software the figures come from."""
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                    if line.startswith("model name")), cpu)
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split("MemTotal:", 1)[1].split()[0])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    changed = _command_output("git", "status", "--porcelain", "--untracked-files=no")
    return {
        "CPU": cpu,
        "Cores": os.cpu_count(),
        "Memory": memory,
        "System": platform.platform(),
        "Python": sys.version.split()[0],
        "MkDocs": _package("mkdocs"),
        "Material for MkDocs": _package("mkdocs-material"),
        "pymdown-extensions": _package("pymdown-extensions"),
        "Node.js": _command_output("node", "--version") or "not found",
        "Chromium": _command_output("/usr/bin/chromium", "--version") or "not found",
        "Commit": (_command_output("git", "rev-parse", "--short", "HEAD") or "unknown")
        + (" (with uncommitted changes)" if changed else ""),
        "Load average at the start": os.getloadavg(),
        "Started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def write_json(path: Path, results: dict[str, Any], figures: list[Figure]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {**results, "figures": [figure.to_json() for figure in figures]}
    path.write_text(json.dumps(document, indent=1, default=_json_default) + "\n",
                    encoding="utf-8")


def _json_default(value: Any) -> Any:
    if isinstance(value, Stats):
        return value.to_json()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON")
