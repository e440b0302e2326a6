"""Comparison tables as semantic HTML."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from ..inline import escape, to_html, to_plain
from ..model import Dataset, Field, FieldType, Item, Scale

Orientation = Literal["columns", "rows"]

FILLED = "\u25cf"
"""A filled dot: one per level up to an item's own, so the rating reads without colour."""
EMPTY = "\u25cb"


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
    table sideways and is focusable so that a keyboard can scroll it. The table itself keeps
    no class, so that Material styles it like any Markdown table.
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
    """The HTML inside one `<td>`: `item`'s value of `field`."""
    value = item.values.get(field.id)
    if value is None:
        return (
            '<span class="compare-missing" aria-hidden="true">\u2014</span>'
            '<span class="compare-visually-hidden">not given</span>'
        )
    if isinstance(value, str):
        if field.type is FieldType.SCALE and field.scale is not None:
            return _rating(dataset.scales[field.scale], value)
        return to_html(value)
    if field.type is FieldType.REFS and field.dataset is not None:
        referenced = datasets[field.dataset]
        value = tuple(referenced.item(item_id).name for item_id in value)
    entries = "".join(f"<li>{to_html(entry)}</li>" for entry in value)
    return f'<ul class="compare-list">{entries}</ul>'


def _rating(scale: Scale, level_id: str) -> str:
    """A level as dots for its position on the scale, then its label: never colour alone."""
    position = scale.position(level_id)
    level = scale.levels[position]
    symbol = FILLED * (position + 1) + EMPTY * (len(scale.levels) - position - 1)
    title = f' title="{escape(to_plain(level.description))}"' if level.description else ""
    return (
        f'<span class="compare-rating"{title}>'
        f'<span class="compare-rating__symbol" aria-hidden="true">{symbol}</span> '
        f'<span class="compare-rating__label">{to_html(level.label)}</span></span>'
    )
