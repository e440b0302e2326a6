"""Public seams for measuring the plugin: how long each step takes, and every block rendered.

The benchmarks (and anyone profiling a site) register an `Observer` with `observing` instead
of patching the plugin's internals. With no observer registered, the seams cost a list check.

Steps, which never nest except as noted:

- `setup`: the extension set up for one Markdown instance;
- `load`: the data folder read and validated (inside the MkDocs plugin's `on_config`);
- `block`: one block converted, from its body to its HTML (`render` runs inside it);
- `render`: a kind's renderer, the detail naming the kind (inside `block`);
- `tree`: rendered tables moved into the Markdown tree, once per page.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal, Protocol

Step = Literal["setup", "load", "block", "render", "tree"]


@dataclass(frozen=True)
class RenderedBlock:
    """A block as it was rendered."""

    kind: str
    page: str
    """The page as messages name it."""
    body: str
    html: str


class Observer(Protocol):
    def timed(self, step: Step, detail: str, seconds: float) -> None:
        """`step` took `seconds`; `detail` is the block kind for `render`, else empty."""

    def rendered(self, block: RenderedBlock) -> str:
        """Called with every block rendered; returns the HTML to use, `block.html` or that
        HTML annotated (the benchmarks mark each block's root element to find it in the
        built page). The root element must stay the same."""


_observers: list[Observer] = []


@contextmanager
def observing(observer: Observer) -> Iterator[Observer]:
    """Report every step and block to `observer` while the `with` block runs."""
    _observers.append(observer)
    try:
        yield observer
    finally:
        _observers.remove(observer)


@contextmanager
def timed(step: Step, detail: str = "") -> Iterator[None]:
    if not _observers:
        yield
        return
    start = time.perf_counter()
    try:
        yield
    finally:
        seconds = time.perf_counter() - start
        for observer in _observers:
            observer.timed(step, detail, seconds)


def rendered(block: RenderedBlock) -> str:
    html = block.html
    for observer in _observers:
        html = observer.rendered(RenderedBlock(block.kind, block.page, block.body, html))
    return html
