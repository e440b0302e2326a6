"""Comparison tables as semantic HTML."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from ..model import Dataset

Orientation = Literal["columns", "rows"]


def render_table(
    dataset: Dataset,
    datasets: Mapping[str, Dataset],
    *,
    items: Sequence[str],
    fields: Sequence[str],
    orientation: Orientation,
    caption: str,
) -> str:
    """One `<table>` (well-formed XML) comparing `items` on `fields`.

    `orientation` "columns" puts the items in columns and the fields in rows; "rows" the
    reverse. `datasets` resolves `refs` fields to the referenced items' names.
    """
    raise NotImplementedError
