"""Comparison tables as semantic HTML."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from ..data.fields import dots
from ..data.inline import to_html
from ..data.model import Dataset, Field, Item, Source
from .notes import legend_html, marker_html, qualifier_html

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
    notes = _Notes(dataset)
    item_headers = [to_html(item.name) + notes.header(item.source) for item in chosen_items]
    field_headers = [to_html(field.label) + notes.header(field.source) for field in chosen_fields]
    if orientation == "columns":
        corner = "<td></td>"
        headers = item_headers
        rows = [
            (header, [notes.cell(datasets, item, field) for item in chosen_items])
            for header, field in zip(field_headers, chosen_fields, strict=True)
        ]
    else:
        corner = f'<th scope="col">{to_html(dataset.item_label)}</th>'
        headers = field_headers
        rows = [
            (header, [notes.cell(datasets, item, field) for field in chosen_fields])
            for header, item in zip(item_headers, chosen_items, strict=True)
        ]
    head = corner + "".join(f'<th scope="col">{header}</th>' for header in headers)
    body = "".join(
        f'<tr><th scope="row">{header}</th>{"".join(f"<td>{cell}</td>" for cell in cells)}</tr>'
        for header, cells in rows
    )
    caption_html = to_html(caption) + notes.header(dataset.source)
    foot = notes.legend(chosen_fields, chosen_items, len(headers) + 1)
    return (
        f'<div class="compare-table compare-table--{orientation}" tabindex="0">'
        '<table class="compare-table__grid">'
        f"<caption>{caption_html}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table></div>"
    )


class _Notes:
    """The markers and qualifiers of one table, and the legend they need."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.marked = False

    def header(self, source: Source | None) -> str:
        """The marker after a caption or header whose whole row, column or table the notes
        added."""
        self.marked |= source is Source.NOTES
        return marker_html(source or Source.LECTURE)

    def cell(self, datasets: Mapping[str, Dataset], item: Item, field: Field) -> str:
        """The HTML inside one `<td>`: `item`'s value of `field`, as its field type shows it,
        with its qualifier, and a marker unless its header or the caption has one."""
        value = item.values.get(field.id)
        if value is None:
            return (
                '<span class="compare-missing" aria-hidden="true">\u2014</span>'
                '<span class="compare-visually-hidden">not given</span>'
            )
        html = field.type.cell_html(field, value, datasets, self.dataset)
        html += qualifier_html(item.qualifiers.get(field.id))
        covered = Source.NOTES in (item.source, field.source, self.dataset.source)
        if self.dataset.source_of(item, field) is Source.NOTES and not covered:
            self.marked = True
            html += marker_html(Source.NOTES)
        return html

    def legend(self, fields: Sequence[Field], items: Sequence[Item], columns: int) -> str:
        """A `<tfoot>` saying what the marker and the levels shown mean, or nothing."""
        entries = []
        for field in fields:
            if field.scale is None:
                continue
            scale = self.dataset.scales[field.scale]
            shown = {item.values.get(field.id) for item in items}
            entries += [
                f'<li><span aria-hidden="true">{dots(scale, level.id)}</span> '
                f"<strong>{to_html(level.label)}</strong> ({to_html(field.label)}): "
                f"{to_html(level.description)}</li>"
                for level in scale.levels if level.id in shown and level.description
            ]
        if self.marked:
            entries.append(f"<li>{legend_html()}</li>")
        if not entries:
            return ""
        return (f'<tfoot><tr><td colspan="{columns}"><ul class="compare-legend">'
                f'{"".join(entries)}</ul></td></tr></tfoot>')
