"""The ranking diagram: tiers in order, best first, and what is kept apart."""

from __future__ import annotations

from ..model import Dataset


def render_ranking(dataset: Dataset, *, caption: str, diagram_id: str) -> str:
    """A `<figure>` holding an inline SVG of `dataset.ranking` and its text alternative."""
    raise NotImplementedError
