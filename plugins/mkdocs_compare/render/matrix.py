"""The matrix diagram: items placed on two ordinal scales (e.g. isolation against overhead)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Dataset


def render_matrix(
    dataset: Dataset, *, x: str, y: str, items: Sequence[str], caption: str, diagram_id: str
) -> str:
    """A `<figure>` holding an inline SVG grid of `items` by scale fields `x` and `y`."""
    raise NotImplementedError
