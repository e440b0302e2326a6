"""Comparison tables as semantic HTML."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from ..data.inline import to_html
from ..data.model import Dataset, Field, Item

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

    The table sits in a `<div class="compare-table">`, the single root, which scrolls a wide
    table sideways and is focusable so that a keyboard can scroll it. The table's own class
    keeps Material's script from wrapping it in a scrolling box of its own; `compare.css`
    gives it the look of Material's tables.
    """
    chosen_items = [dataset.item(item_id) for item_id in items]
    chosen_fields = [dataset.fields[field_id] for field_id in fields]
    if orientation == "columns":
        corner = "<td></td>"
        headers = [to_html(item.name) for item in chosen_items]
        rows = [
            (to_html(field.label), [_cell(dataset, datasets, item, field) for item in chosen_items])
            for field in chosen_fields
        ]
    else:
        corner = f'<th scope="col">{to_html(dataset.item_label)}</th>'
        headers = [to_html(field.label) for field in chosen_fields]
        rows = [
            (to_html(item.name), [_cell(dataset, datasets, item, field) for field in chosen_fields])
            for item in chosen_items
        ]
    head = corner + "".join(f'<th scope="col">{header}</th>' for header in headers)
    body = "".join(
        f'<tr><th scope="row">{header}</th>{"".join(f"<td>{cell}</td>" for cell in cells)}</tr>'
        for header, cells in rows
    )
    return (
        f'<div class="compare-table compare-table--{orientation}" tabindex="0">'
        '<table class="compare-table__grid">'
        f"<caption>{to_html(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _cell(dataset: Dataset, datasets: Mapping[str, Dataset], item: Item, field: Field) -> str:
    """The HTML inside one `<td>`: `item`'s value of `field`, as its field type shows it."""
    value = item.values.get(field.id)
    if value is None:
        return (
            '<span class="compare-missing" aria-hidden="true">\u2014</span>'
            '<span class="compare-visually-hidden">not given</span>'
        )
    return field.type.cell_html(field, value, datasets, dataset)
