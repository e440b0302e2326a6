"""The matrix diagram: items placed on two ordinal scales (e.g. isolation against overhead)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..data.inline import to_html, to_plain
from ..data.model import Dataset, Field, Item, Level, Scale, Source
from . import svg
from .notes import (
    ADDED,
    LEGEND,
    MARK,
    legend_html,
    marker_html,
    marker_plain,
    qualifier_html,
    qualifier_plain,
)
from .svg import Style

MARGIN = 8
ROW_LABELS_WIDTH = (40, 150)
"""Bounds of the room for the y scale's level labels, left of the grid."""
COLUMN_WIDTH = (100, 160)
"""Bounds of a column's width: as wide as its longest word needs, within these."""
CELL_PADDING = 7
MARKER_RADIUS = 4
MARKER_INDENT = 2 * MARKER_RADIUS + 6
"""From a cell's padding to an item's name: room for its marker."""
ITEM_GAP = 6
MIN_ROW_HEIGHT = 56
AXIS_GAP = 14
"""Between the grid and the axis arrows drawn along its left and bottom edges."""

AXIS_TITLE = Style("cd-text", 14, 18, bold=True)
LEVEL = Style("cd-text", 13, 17)
ITEM = Style("cd-text", 13, 17, bold=True)
QUALIFIER = Style("cd-text", 12, 15)


@dataclass(frozen=True)
class _Axis:
    """A scale field on one axis of the grid."""

    field: Field
    scale: Scale

    @classmethod
    def of(cls, dataset: Dataset, field_id: str) -> _Axis:
        field = dataset.fields[field_id]
        if field.scale is None:
            raise ValueError(f"field `{field.id}` of dataset `{dataset.id}` is not a scale field")
        return cls(field, dataset.scales[field.scale])

    def level(self, item: Item) -> Level:
        """`item`'s level on this axis."""
        value = item.values[self.field.id]
        if not isinstance(value, str):
            raise ValueError(f"item `{item.id}` has no single level for `{self.field.id}`")
        return self.scale.level(value)

    def position(self, item: Item) -> int:
        return self.scale.position(self.level(item).id)

    def qualifier(self, item: Item) -> str | None:
        return item.qualifiers.get(self.field.id)


def render_matrix(
    dataset: Dataset, *, x: str, y: str, items: Sequence[str], caption: str, diagram_id: str
) -> str:
    """A `<figure>` holding an inline SVG grid of `items` by scale fields `x` and `y`."""
    x_axis, y_axis = _Axis.of(dataset, x), _Axis.of(dataset, y)
    placed = [dataset.item(item_id) for item_id in items]
    body, width, height = _diagram(dataset, placed, x_axis, y_axis)
    return svg.figure(
        kind="matrix",
        diagram_id=diagram_id,
        size=(width, height),
        font_size=LEVEL.size,
        title=to_plain(caption),
        description=_summary(dataset, placed, x_axis, y_axis),
        body=body,
        caption_html=to_html(caption),
        text_alternative=_text_alternative(dataset, placed, x_axis, y_axis),
    )


def _added(dataset: Dataset, item: Item, x: _Axis, y: _Axis) -> bool:
    """Whether these notes added the item's place: the item, or either of its levels."""
    return any(dataset.source_of(item, field) is Source.NOTES for field in (x.field, y.field))


@dataclass(frozen=True)
class _Label:
    """An item's words in its cell: its name (with a marker if the notes added its place),
    then what its levels hold only with."""

    name: list[str]
    conditions: list[list[str]]

    @property
    def height(self) -> float:
        return ITEM.height(self.name) + sum(QUALIFIER.height(lines) for lines in self.conditions)

    def draw(self, left: float, top: float) -> str:
        parts = [svg.circle("cd-marker", left + MARKER_RADIUS, top + ITEM.line_height / 2,
                            MARKER_RADIUS),
                 svg.text(ITEM, self.name, left + MARKER_INDENT, top)]
        top += ITEM.height(self.name)
        for lines in self.conditions:
            parts.append(svg.text(QUALIFIER, lines, left + MARKER_INDENT, top))
            top += QUALIFIER.height(lines)
        return "".join(parts)


def _diagram(
    dataset: Dataset, items: Sequence[Item], x: _Axis, y: _Axis
) -> tuple[str, float, float]:
    """The SVG elements of the grid, and its width and height."""
    columns = len(x.scale.levels)
    row_labels = [to_plain(level.label) for level in y.scale.levels]
    column_labels = [to_plain(level.label) for level in x.scale.levels]
    plain_names = {
        item.id: to_plain(item.name) + marker_plain(
            Source.NOTES if _added(dataset, item, x, y) else Source.LECTURE)
        for item in items
    }
    row_label_width = _within(max(LEVEL.width(label) for label in row_labels), ROW_LABELS_WIDTH)
    widest_name = ITEM.widest_word(plain_names.values()) + MARKER_INDENT
    column_width = _within(
        max(widest_name, LEVEL.widest_word(column_labels)) + 2 * CELL_PADDING, COLUMN_WIDTH
    )
    grid_left = MARGIN + row_label_width + CELL_PADDING + AXIS_GAP
    grid_width = columns * column_width
    width = grid_left + grid_width + AXIS_GAP + MARGIN
    name_width = column_width - 2 * CELL_PADDING - MARKER_INDENT
    labels = {
        item.id: _Label(ITEM.wrap(plain_names[item.id], name_width), [
            QUALIFIER.wrap(f"{to_plain(axis.field.label)}: {to_plain(qualifier)}", name_width)
            for axis in (x, y) if (qualifier := axis.qualifier(item)) is not None])
        for item in items
    }
    cells: dict[tuple[int, int], list[_Label]] = {}
    for item in items:
        cells.setdefault((x.position(item), y.position(item)), []).append(labels[item.id])

    parts: list[str] = []
    top: float = MARGIN
    y_title = AXIS_TITLE.wrap(to_plain(y.field.label), width - 2 * MARGIN)
    parts.append(svg.text(AXIS_TITLE, y_title, MARGIN, top))
    top += AXIS_TITLE.height(y_title) + AXIS_GAP
    grid_top = top
    # Rows from the highest level down, so the scale rises up the page.
    for row in reversed(range(len(y.scale.levels))):
        label = LEVEL.wrap(row_labels[row], row_label_width)
        stacks = [cells.get((column, row), []) for column in range(columns)]
        height = max([MIN_ROW_HEIGHT, LEVEL.height(label) + 2 * CELL_PADDING]
                     + [_stack_height(stack) + 2 * CELL_PADDING for stack in stacks if stack])
        parts.append(svg.text(LEVEL, label, grid_left - AXIS_GAP - CELL_PADDING,
                              top + (height - LEVEL.height(label)) / 2, anchor="end"))
        for column, stack in enumerate(stacks):
            cell_left = grid_left + column * column_width
            parts.append(svg.rect("cd-cell", cell_left, top, column_width, height, 0))
            item_top: float = top + CELL_PADDING
            for item_label in stack:
                parts.append(item_label.draw(cell_left + CELL_PADDING, item_top))
                item_top += item_label.height + ITEM_GAP
        top += height
    grid_bottom = top
    parts.append(_arrows(grid_left, grid_top, grid_left + grid_width, grid_bottom))

    top += AXIS_GAP
    wrapped_labels = [LEVEL.wrap(label, column_width - 2 * CELL_PADDING) for label in column_labels]
    for column, lines in enumerate(wrapped_labels):
        center = grid_left + (column + 0.5) * column_width
        parts.append(svg.text(LEVEL, lines, center, top, anchor="middle"))
    top += max(LEVEL.height(lines) for lines in wrapped_labels) + CELL_PADDING
    x_title = AXIS_TITLE.wrap(to_plain(x.field.label), grid_width)
    parts.append(svg.text(AXIS_TITLE, x_title, grid_left + grid_width / 2, top, anchor="middle"))
    top += AXIS_TITLE.height(x_title)
    if any(_added(dataset, item, x, y) for item in items):
        top += CELL_PADDING
        legend = QUALIFIER.wrap(f"{MARK} {LEGEND}", width - 2 * MARGIN)
        parts.append(svg.text(QUALIFIER, legend, MARGIN, top))
        top += QUALIFIER.height(legend)
    return "".join(parts), width, top + MARGIN


def _stack_height(stack: Sequence[_Label]) -> float:
    """The height the labels of one cell take, one under the other."""
    return sum(label.height + ITEM_GAP for label in stack) - ITEM_GAP


def _within(width: float, bounds: tuple[float, float]) -> float:
    """`width` rounded up to a whole unit and kept within `bounds`."""
    low, high = bounds
    return min(max(math.ceil(width), low), high)


def _arrows(left: float, top: float, right: float, bottom: float) -> str:
    """Axes along the grid's left and bottom edges, pointing to the higher levels."""
    head = 6
    x_axis = bottom + AXIS_GAP / 2
    y_axis = left - AXIS_GAP / 2
    return "".join([
        svg.path("cd-axis", [(y_axis, x_axis), (right + AXIS_GAP - 1, x_axis)]),
        svg.path("cd-axis-head", [(right + AXIS_GAP - 2 * head, x_axis - head),
                                  (right + AXIS_GAP, x_axis),
                                  (right + AXIS_GAP - 2 * head, x_axis + head)], closed=True),
        svg.path("cd-axis", [(y_axis, x_axis), (y_axis, top - AXIS_GAP + 1)]),
        svg.path("cd-axis-head", [(y_axis - head, top - AXIS_GAP + 2 * head),
                                  (y_axis, top - AXIS_GAP),
                                  (y_axis + head, top - AXIS_GAP + 2 * head)], closed=True),
    ])


def _summary(dataset: Dataset, items: Sequence[Item], x: _Axis, y: _Axis) -> str:
    """The diagram in one paragraph, for its `<desc>`."""
    placements = "; ".join(
        f"{to_plain(item.name)}"
        f"{f' ({ADDED})' if _added(dataset, item, x, y) else ''}: "
        f"{to_plain(x.field.label)} {to_plain(x.level(item).label)}"
        f"{qualifier_plain(x.qualifier(item))}, "
        f"{to_plain(y.field.label)} {to_plain(y.level(item).label)}"
        f"{qualifier_plain(y.qualifier(item))}"
        for item in items
    )
    axes = " and ".join(
        f"{to_plain(axis.field.label)} from {direction} "
        f"({', '.join(to_plain(level.label) for level in axis.scale.levels)})"
        for axis, direction in ((x, "left to right"), (y, "bottom to top"))
    )
    return f"{to_plain(dataset.item_label)} placed on a grid of {axes}. {placements}."


def _text_alternative(dataset: Dataset, items: Sequence[Item], x: _Axis, y: _Axis) -> str:
    rows = "".join(
        f'<tr><th scope="row">{to_html(item.name)}</th>'
        + "".join(f"<td>{to_html(axis.level(item).label)}{qualifier_html(axis.qualifier(item))}"
                  f"{marker_html(dataset.source_of(item, axis.field))}</td>" for axis in (x, y))
        + "</tr>"
        for item in items
    )
    axes = "".join(
        f"<li><strong>{to_html(axis.field.label)}</strong> ({direction}): "
        f"{' → '.join(to_html(level.label) for level in axis.scale.levels)}</li>"
        for axis, direction in ((x, "left to right"), (y, "bottom to top"))
    )
    return (
        f"<p>The axes, from the lowest level to the highest:</p><ul>{axes}</ul>"
        f'<table><thead><tr><th scope="col">{to_html(dataset.item_label)}</th>'
        f'<th scope="col">{to_html(x.field.label)}</th>'
        f'<th scope="col">{to_html(y.field.label)}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        + (f"<p>{legend_html()}</p>" if any(_added(dataset, item, x, y) for item in items)
           else "")
    )
