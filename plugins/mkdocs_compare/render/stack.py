"""The stack diagram: architectures as layers from the bottom up, with what the guests share,
where the isolation boundary runs and how an attacker gets from one layer to another.

Each architecture is one accessible SVG; a figure sets them side by side (wrapping on a narrow
screen) or one per row, with one legend and one text alternative. Shared layers span the
guests, layers in each guest are repeated in their columns, and a layer `beside` the guests
stands in a column of its own on the right. A role is told by a patterned strip at the left of
each box (the legend names it) and the label in the box; marks are words in the boxes they
mark, a heavier outline (attack surface), a dashed outline around each guest (isolation
boundary) and arrows in a lane at the left (attack paths). Nothing rests on colour.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ..data.inline import escape, to_html, to_plain
from ..data.model import Dataset, Item, Scale, Source
from ..data.stack import MARKS, AttackPath, Layer, Stack, as_stack, span_words
from . import svg
from .notes import ADDED, legend_html, marker_html, marker_plain
from .svg import Style

Layout = str
"""`side-by-side` or `rows`."""

MARGIN = 8
STRIP = 9
"""Width of the patterned strip that tells a box's role."""
PAD = 6
GAP = 10
"""Between guest columns; the boundary outlines sit in it."""
ROW_GAP = 4
OUTLINE = 4
"""From a guest's boxes to the dashed boundary drawn around them."""
LANE = (56, 110)
"""Bounds of the width of the lane, left of the boxes, that holds one attack path and its
label: as wide as the label's longest word needs."""
LANE_ARROW = 10
"""From the lane's right edge to its arrow's vertical line."""
DETOUR = 7
"""How far apart the detours of paths that start or end beside the guests run: each goes out
to the right of the column beside the guests and over the top of the stack, clear of every
box, into the lane."""
COLUMN_WIDTH = (74, 150)
MIN_WIDTH = 280
MAX_WIDTH = 440
"""Wider only when a word needs it: at the smallest text scale a stack this wide fits a phone's
column (390 px less the margins), so it never scrolls there."""
MIN_ROW = 30

TEXT_SCALE = 0.8
"""Labels are set at this scale of the body text (12.8 px of 16), so that two stacks of two
guests fit side by side in a desktop column."""
NAME = Style("cd-text", 14.5, 18, bold=True)
LABEL = Style("cd-text", 13, 16)
TAG = Style("cd-text", 11.5, 14)
HEADER = Style("cd-text", 12, 15, bold=True)
PATH = Style("cd-text", 12, 15, bold=True)
LINES = 3.0
"""A guest's column is wide enough that its longest label takes about this many lines."""

PATTERNS = (
    '<rect class="cd-stack-ink" width="6" height="6"/>',
    '<path class="cd-stack-hatch" d="M-1 1L1-1M0 6L6 0M5 7L7 5"/>',
    '<circle class="cd-stack-ink" cx="3" cy="3" r="1.3"/>',
    '<path class="cd-stack-hatch" d="M0 3H6"/>',
    '<path class="cd-stack-hatch" d="M0 3H6M3 0V6"/>',
    '<path class="cd-stack-hatch" d="M3 0V6"/>',
    '<path class="cd-stack-hatch" d="M-1 5L1 7M0 0L6 6M5-1L7 1"/>',
    '<rect class="cd-stack-ink" width="3" height="3"/><rect class="cd-stack-ink" x="3" y="3" '
    'width="3" height="3"/>',
)
"""One tile per role, by the role's position on its scale (repeating after the last)."""

MARK_LEGEND = {
    "boundary": "Isolation boundary: dashed, around each guest's own layers; the layer that "
                "keeps the guests apart says so.",
    "single_point": "Single point of failure: a shared layer whose flaw affects every guest.",
    "surface": "Attack surface: heavy outline, the shared layers a guest can reach.",
    "paths": "Attack path: an arrow from where an attacker starts to the layer attacked.",
}


@dataclass(frozen=True)
class Shown:
    """One architecture as a diagram shows it: the item, its stack, and the marks shown."""

    item: Item
    stack: Stack
    roles: Scale
    marks: frozenset[str]
    source: Source
    """Where the item's stack as a whole comes from."""

    def tags(self, layer: Layer) -> list[tuple[str, bool]]:
        """The words a layer's box carries for the marks on it, each with whether the notes
        add it."""
        stack, tags = self.stack, []
        if "boundary" in self.marks and stack.boundary and stack.boundary.layer == layer.id:
            tags.append((f"Keeps each {stack.guest} apart", stack.boundary.notes))
        for key, marks, words in (("single_point", stack.single_points,
                                   "Single point of failure"),
                                  ("surface", stack.surface, "Attack surface")):
            mark = next((mark for mark in marks if mark.layer == layer.id), None)
            if key in self.marks and mark is not None:
                tags.append((words, mark.notes))
        return tags

    @property
    def notes(self) -> bool:
        """Whether the figure shows anything these notes add (and so needs the legend)."""
        stack = self.stack
        shown = [*(layer.notes for layer in stack.layers),
                 *(notes for layer in stack.layers for _, notes in self.tags(layer)),
                 *(path.notes for path in self.paths)]
        return self.source is Source.NOTES or any(shown)

    @property
    def paths(self) -> tuple[AttackPath, ...]:
        return self.stack.paths if "paths" in self.marks else ()

    def on_surface(self, layer: Layer) -> bool:
        return "surface" in self.marks and any(m.layer == layer.id for m in self.stack.surface)


def render_stack(
    dataset: Dataset, *, field: str, items: Sequence[str], layout: Layout,
    marks: Collection[str], caption: str, diagram_id: str,
) -> str:
    """A `<figure>` of one SVG per item's stack, a legend, caption and text alternative."""
    roles_id = None
    shown: list[Shown] = []
    for item_id in items:
        item = dataset.item(item_id)
        stack = as_stack(item.values[field])
        roles_id = stack.roles
        shown.append(Shown(item, stack, dataset.scales[stack.roles], frozenset(marks),
                           dataset.source_of(item, dataset.fields[field])))
    images = "".join(
        f'<div class="compare-diagram__canvas" tabindex="0">'
        f"{_image(one, f'{diagram_id}-{number}', diagram_id)}</div>"
        for number, one in enumerate(shown, start=1)
    )
    roles = dataset.scales[roles_id] if roles_id else None
    legend = _legend(shown, roles, diagram_id)
    return (
        f'<figure class="compare-diagram compare-stack">{_patterns(shown, diagram_id)}'
        f'<div class="compare-stack__stacks compare-stack__stacks--{escape(layout)}">{images}'
        f"</div>{legend}<figcaption>{to_html(caption)}</figcaption>"
        '<details class="compare-diagram__text"><summary>The diagram as text</summary>'
        f"{''.join(_text_alternative(one) for one in shown)}{_notes_legend(shown)}</details>"
        "</figure>"
    )


def _source(notes: bool) -> Source:
    return Source.NOTES if notes else Source.LECTURE


def _noted(text: str, notes: bool) -> str:
    """Plain `text` as drawn, with the marker when the notes add it."""
    return text + marker_plain(_source(notes))


def _said(text: str, notes: bool) -> str:
    """Plain `text` as a description says it, with words when the notes add it."""
    return f"{text} ({ADDED})" if notes else text


def _noted_html(html: str, notes: bool) -> str:
    return html + marker_html(_source(notes))


def _label(layer: Layer) -> str:
    return _noted(to_plain(layer.label), layer.notes)


def _layer_html(layer: Layer) -> str:
    return _noted_html(to_html(layer.label), layer.notes)


@dataclass
class _Box:
    layer: Layer
    x: float
    width: float
    lines: list[str]
    tags: list[str]

    @property
    def need(self) -> float:
        height = LABEL.height(self.lines) + 2 * PAD
        if self.tags:
            height += 3 + TAG.height(self.tags)
        return max(MIN_ROW, height)


def _within(width: float, bounds: tuple[float, float]) -> float:
    low, high = bounds
    return min(max(math.ceil(width), low), high)


@dataclass(frozen=True)
class _Columns:
    """Where one stack's parts go across: the lanes of its attack paths, then its guests'
    columns, then the column beside them."""

    lanes: list[float]
    left: float
    """Where the guests' first column starts."""
    column: float
    body: float
    """The width of the guests' columns and the column beside them, with the gaps."""
    width: float
    guests_width: float
    side_x: float

    @classmethod
    def of(cls, one: Shown) -> _Columns:
        stack = one.stack
        guests = stack.guests
        each, beside = stack.spanning("each"), stack.spanning("beside")
        columns = guests + (1 if beside else 0)
        words = [_label(layer) for layer in stack.layers]
        tag_words = [_noted(*tag) for layer in stack.layers for tag in one.tags(layer)]
        column_words = [_label(layer) for layer in (*each, *beside)]
        narrowest = _within(max(LABEL.widest_word(words), TAG.widest_word(tag_words),
                                HEADER.widest_word([f"{_capital(stack.guest)} {guests}"]))
                            + STRIP + 2 * PAD, COLUMN_WIDTH)
        column = max(narrowest, _within(max((LABEL.width(label) for label in column_words),
                                            default=0) / LINES + STRIP + 2 * PAD, COLUMN_WIDTH))
        path_labels = [_noted(to_plain(path.label), path.notes) for path in one.paths]
        lanes = [_within(max(PATH.widest_word([label]), PATH.width(label) / LINES)
                         + LANE_ARROW + 6, LANE) for label in path_labels]
        outline = OUTLINE if each else 0
        detours = DETOUR * len(_detoured(one))
        left = MARGIN + sum(lanes) + outline
        fixed = left + MARGIN + outline + detours + (columns - 1) * GAP
        if fixed + columns * column > MAX_WIDTH:
            column = max(narrowest, math.floor((MAX_WIDTH - fixed) / columns))
        if fixed + columns * column < MIN_WIDTH:
            column = (MIN_WIDTH - fixed) / columns
        body = columns * column + (columns - 1) * GAP
        guests_width = guests * column + (guests - 1) * GAP
        return cls(lanes, left, column, body, left + body + MARGIN + outline + detours,
                   guests_width, left + guests_width + GAP)


@dataclass(frozen=True)
class _Rows:
    """One stack's boxes row by row, bottom first, with each row's height; and the boxes of
    the column beside the guests, which stand on the layer `base_row` holds."""

    rows: list[list[_Box]]
    heights: list[float]
    base_row: int
    side: list[_Box]

    @classmethod
    def of(cls, one: Shown, columns: _Columns) -> _Rows:
        # A shared layer spans the guests (and the column beside them, up to the layer the
        # `beside` layers stand on), a layer in each guest repeats.
        stack = one.stack
        base = _beside_base(stack)
        beside = stack.spanning("beside")
        rows: list[list[_Box]] = []
        above_base = base is None
        for layer in stack.layers:
            if layer.span == "beside":
                continue
            tags = one.tags(layer)
            if layer.span == "shared":
                span = columns.body if not above_base or not beside else columns.guests_width
                boxes = [_box(layer, columns.left, span, tags)]
            else:
                boxes = [_box(layer, columns.left + index * (columns.column + GAP),
                              columns.column, tags) for index in range(stack.guests)]
            rows.append(boxes)
            if layer.id == base:
                above_base = True
        heights = [max(box.need for box in boxes) for boxes in rows]
        base_row = next((index for index, boxes in enumerate(rows)
                         if boxes[0].layer.id == base), 0)
        side = [_box(layer, columns.side_x, columns.column, one.tags(layer))
                for layer in beside]
        if side:
            rows_above = range(base_row + 1, len(rows))
            available = (sum(heights[index] for index in rows_above)
                         + ROW_GAP * (len(rows_above) - 1))
            need = sum(box.need for box in side) + ROW_GAP * (len(side) - 1)
            if need > available:
                heights[-1] += need - available
        return cls(rows, heights, base_row, side)

    def tops(self, top: float) -> tuple[list[float], float]:
        """Each row's top, the rows laid from the top of the stack down from `top`, and where
        the lowest row ends."""
        rows = self.rows
        row_tops = [0.0] * len(rows)
        for index in reversed(range(len(rows))):
            row_tops[index] = top
            top += self.heights[index]
            below = rows[index - 1] if index else None
            gap = ROW_GAP
            if below is not None and rows[index][0].layer.span == "each" \
                    and below[0].layer.span != "each":
                gap = 2 * OUTLINE + ROW_GAP
            top += gap if below is not None else 0
        return row_tops, top


def _image(one: Shown, image_id: str, diagram_id: str) -> str:
    stack = one.stack
    each = stack.spanning("each")
    columns = _Columns.of(one)
    layout = _Rows.of(one, columns)
    rows, heights = layout.rows, layout.heights

    parts: list[str] = []
    top: float = MARGIN
    name = NAME.wrap(to_plain(one.item.name) + marker_plain(one.source),
                     columns.width - 2 * MARGIN)
    parts.append(svg.text(NAME, name, MARGIN, top))
    top += NAME.height(name) + 6
    if each and stack.guests > 1:
        headers = [HEADER.wrap(f"{_capital(stack.guest)} {index + 1}", columns.column)
                   for index in range(stack.guests)]
        for index, lines in enumerate(headers):
            center = columns.left + index * (columns.column + GAP) + columns.column / 2
            parts.append(svg.text(HEADER, lines, center, top, anchor="middle"))
        top += max(HEADER.height(lines) for lines in headers) + 2
    detoured = _detoured(one)
    over = {path: top + DETOUR * (number + 0.5) for number, path in enumerate(detoured)}
    """The height at which each detoured path crosses over the stack."""
    top += DETOUR * len(detoured)
    top += OUTLINE if each else 0
    row_tops, bottom = layout.tops(top)
    tops: dict[str, tuple[float, float]] = {}
    """Each layer's top and height, for the marks."""
    boxes_svg: list[str] = []
    for index, boxes in enumerate(rows):
        for box in boxes:
            boxes_svg.append(_draw(box, row_tops[index], heights[index], one, diagram_id))
        tops[boxes[0].layer.id] = (row_tops[index], heights[index])
    if layout.side:
        side_top = row_tops[-1]
        side_bottom = row_tops[layout.base_row + 1] + heights[layout.base_row + 1]
        share = (side_bottom - side_top - ROW_GAP * (len(layout.side) - 1)) / len(layout.side)
        for number, box in enumerate(reversed(layout.side)):
            box_top = side_top + number * (share + ROW_GAP)
            boxes_svg.append(_draw(box, box_top, share, one, diagram_id))
            tops[box.layer.id] = (box_top, share)
    if "boundary" in one.marks and stack.boundary is not None and each:
        parts.append(_boundaries(layout, row_tops, columns, stack.guests))
    parts.extend(boxes_svg)
    lane_left: float = MARGIN
    for number, (path, lane) in enumerate(zip(one.paths, columns.lanes, strict=True)):
        # The first path is outermost on every side (leftmost lane, highest crossing,
        # rightmost line up or down), so that detours nest instead of crossing each other.
        route = _Route(lane_left, lane, columns, over.get(number),
                       columns.side_x + columns.column
                       + DETOUR * (len(detoured) - detoured.index(number))
                       if number in over else 0)
        parts.append(_path(path, route, tops, stack))
        lane_left += lane
    return svg.image(diagram_id=image_id, size=(columns.width, bottom + MARGIN),
                     font_size=LABEL.size, title=to_plain(one.item.name),
                     description=_summary(one), body="".join(parts), text_scale=TEXT_SCALE)


def _boundaries(layout: _Rows, row_tops: list[float], columns: _Columns, guests: int) -> str:
    """A dashed outline around each guest's own layers: where one guest ends."""
    rows = layout.rows
    each_top = row_tops[len(rows) - 1]
    first_each = next(index for index, boxes in enumerate(rows)
                      if boxes[0].layer.span == "each")
    each_bottom = row_tops[first_each] + layout.heights[first_each]
    return "".join(
        svg.rect("cd-stack-boundary", columns.left + index * (columns.column + GAP) - OUTLINE,
                 each_top - OUTLINE, columns.column + 2 * OUTLINE,
                 each_bottom - each_top + 2 * OUTLINE, 6)
        for index in range(guests))


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def _beside_base(stack: Stack) -> str | None:
    """The shared layer the `beside` layers stand on (the last shared one before them)."""
    base = None
    for layer in stack.layers:
        if layer.span == "beside":
            return base
        if layer.span == "shared":
            base = layer.id
    return None


def _box(layer: Layer, x: float, width: float, tags: list[tuple[str, bool]]) -> _Box:
    text_width = width - STRIP - 2 * PAD
    tag_lines = TAG.wrap(" \u00b7 ".join(_noted(*tag) for tag in tags), text_width) if tags \
        else []
    return _Box(layer, x, width, LABEL.wrap(_label(layer), text_width), tag_lines)


def _pattern_index(roles: Scale, role: str) -> int:
    return roles.position(role) % len(PATTERNS)


def _patterns(shown: Sequence[Shown], diagram_id: str) -> str:
    """One pattern per role drawn, in an SVG of no size that every image of the figure and its
    legend refer to (ids are the page's, so one definition serves them all)."""
    used = sorted({_pattern_index(one.roles, layer.role)
                   for one in shown for layer in one.stack.layers})
    patterns = "".join(
        f'<pattern id="{escape(diagram_id)}-p{index}" width="6" height="6" '
        f'patternUnits="userSpaceOnUse">{PATTERNS[index]}</pattern>' for index in used)
    return (f'<svg class="compare-stack__defs" aria-hidden="true" focusable="false" width="0" '
            f'height="0"><defs>{patterns}</defs></svg>')


def _draw(box: _Box, top: float, height: float, one: Shown, diagram_id: str) -> str:
    surface = " cd-stack-surface" if one.on_surface(box.layer) else ""
    pattern = f"{diagram_id}-p{_pattern_index(one.roles, box.layer.role)}"
    parts = [
        svg.rect(f"cd-box{surface}", box.x, top, box.width, height, 4),
        svg.rect("cd-stack-strip", box.x, top, STRIP, height, 0).replace(
            ' rx="0"/>', f' fill="url(#{escape(pattern)})"/>'),
    ]
    content = LABEL.height(box.lines) + (3 + TAG.height(box.tags) if box.tags else 0)
    line_top = top + (height - content) / 2
    text_left = box.x + STRIP + PAD
    parts.append(svg.text(LABEL, box.lines, text_left, line_top))
    if box.tags:
        parts.append(svg.text(TAG, box.tags, text_left, line_top + LABEL.height(box.lines) + 3))
    return "".join(parts)


def _detoured(one: Shown) -> list[int]:
    """The attack paths (by position) that start or end at a layer beside the guests."""
    return [number for number, path in enumerate(one.paths)
            if "beside" in (one.stack.layer(path.start).span, one.stack.layer(path.end).span)]


@dataclass(frozen=True)
class _Route:
    """Where one attack path runs: its lane, and for a path that starts or ends beside the
    guests, the height it crosses over the stack at and the line right of the column beside
    the guests it goes up or down along."""

    lane_left: float
    lane: float
    columns: _Columns
    over: float | None
    aside: float


def _path(path: AttackPath, route: _Route, tops: dict[str, tuple[float, float]],
          stack: Stack) -> str:
    """An arrow down its lane, from the middle of one box's left edge to another's, and its
    label beside it. A box beside the guests is reached at its right edge, by a detour over
    the stack: a line drawn straight across would cross the guests' boxes."""
    line_x = route.lane_left + route.lane - LANE_ARROW
    columns, head = route.columns, 5
    legs: list[list[tuple[float, float]]] = []
    ends: list[float] = []
    """Where each end of the path's line in the lane is."""
    outward = 0
    """Which way from the box the path points at its line comes in: -1 left, 1 right."""
    for layer_id in (path.start, path.end):
        box_top, height = tops[layer_id]
        middle = box_top + height / 2
        if stack.layer(layer_id).span == "beside" and route.over is not None:
            edge, outward = columns.side_x + columns.column, 1
            legs.append([(edge, middle), (route.aside, middle), (route.aside, route.over),
                         (line_x, route.over)])
            ends.append(route.over)
        else:
            edge, outward = columns.left, -1
            legs.append([(edge, middle), (line_x, middle)])
            ends.append(middle)
    # The line stops short of the box it points at: the arrow's head fills the rest.
    tip_x, tip_y = legs[1][0]
    legs[1][0] = (tip_x + outward * head, tip_y)
    parts = [
        svg.path("cd-stack-path", legs[0] + legs[1][::-1]),
        svg.path("cd-stack-path-head", [(tip_x + outward * 2 * head, tip_y - head),
                                        (tip_x, tip_y),
                                        (tip_x + outward * 2 * head, tip_y + head)],
                 closed=True),
    ]
    lines = PATH.wrap(_noted(to_plain(path.label), path.notes), line_x - route.lane_left - 6)
    middle = (ends[0] + ends[1]) / 2 - PATH.height(lines) / 2
    parts.append(svg.text(PATH, lines, route.lane_left, middle))
    return "".join(parts)


def _names_html(stack: Stack, layer_ids: Sequence[str]) -> str:
    return ", ".join(_layer_html(stack.layer(layer_id)) for layer_id in layer_ids)


def _facts(one: Shown) -> list[str]:
    """The marks, as sentences of HTML, for the text alternative."""
    stack, facts = one.stack, []
    each = stack.spanning("each")
    if "boundary" in one.marks and stack.boundary is not None and each:
        facts.append(_noted_html(
            f"Isolation boundary: around each {escape(stack.guest)}'s own layers "
            f"({_names_html(stack, [layer.id for layer in each])}), kept by "
            f"{_layer_html(stack.layer(stack.boundary.layer))}.", stack.boundary.notes))
    for key, marks, words in (("single_point", stack.single_points, "Single point of failure"),
                              ("surface", stack.surface, "Attack surface")):
        if key in one.marks and marks:
            facts.append(f"{words}: " + ", ".join(
                _noted_html(_layer_html(stack.layer(mark.layer)), mark.notes)
                for mark in marks) + ".")
    for path in one.paths:
        facts.append(_noted_html(
            f"Attack path, {to_html(path.label)}: from {_layer_html(stack.layer(path.start))} "
            f"to {_layer_html(stack.layer(path.end))}.", path.notes))
    return facts


def _summary(one: Shown) -> str:
    """The stack in one paragraph, for its `<desc>`: the layers and what is shared; the text
    alternative gives every mark."""
    stack = one.stack
    layers = "; ".join(f"{_said(to_plain(layer.label), layer.notes)} "
                       f"({span_words(stack, layer)})" for layer in stack.layers)
    return f"From the bottom up: {layers}."


def _text_alternative(one: Shown) -> str:
    stack = one.stack
    layers = "".join(
        f"<li>{_layer_html(layer)} "
        f"({to_html(one.roles.level(layer.role).label)}, {escape(span_words(stack, layer))})"
        + "".join(f"; {_noted_html(escape(words), notes)}" for words, notes in one.tags(layer))
        + "</li>"
        for layer in stack.layers
    )
    guests = (f"{stack.guests} {escape(stack.guests_noun)} side by side" if stack.guests > 1
              else f"one {escape(stack.guest)}")
    facts = "".join(f"<li>{fact}</li>" for fact in _facts(one))
    name = to_html(one.item.name) + marker_html(one.source)
    return (f"<p><strong>{name}</strong>, {guests}; the layers from the bottom up:</p>"
            f"<ol>{layers}</ol>" + (f"<ul>{facts}</ul>" if facts else ""))


def _notes_legend(shown: Sequence[Shown]) -> str:
    if not any(one.notes for one in shown):
        return ""
    return f'<p class="compare-stack__notes">{legend_html()}</p>'


def _legend(shown: Sequence[Shown], roles: Scale | None, diagram_id: str) -> str:
    """The roles drawn, each with its pattern, the marks drawn, and the notes' marker."""
    if roles is None:
        return ""
    used = {layer.role for one in shown for layer in one.stack.layers}
    entries = []
    for position, level in enumerate(roles.levels):
        if level.id not in used:
            continue
        swatch = (f'<svg class="compare-stack__swatch" aria-hidden="true" width="14" '
                  f'height="14"><rect class="cd-stack-strip" x=".5" y=".5" width="13" '
                  f'height="13" fill="url(#{escape(diagram_id)}-p{position % len(PATTERNS)})"/>'
                  "</svg>")
        entries.append(f"<li>{swatch}{to_html(level.label)}</li>")
    drawn = set()
    for one in shown:
        stack = one.stack
        present = {"boundary": stack.boundary is not None and bool(stack.spanning("each")),
                   "single_point": bool(stack.single_points), "surface": bool(stack.surface),
                   "paths": bool(stack.paths)}
        drawn |= {mark for mark in one.marks if present[mark]}
    entries += [f"<li>{escape(MARK_LEGEND[mark])}</li>" for mark in MARKS if mark in drawn]
    if any(one.notes for one in shown):
        entries.append(f"<li>{legend_html()}</li>")
    return f'<ul class="compare-stack__legend">{"".join(entries)}</ul>'
