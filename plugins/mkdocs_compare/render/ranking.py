"""The ranking diagram: tiers in order, best first, and what is kept apart."""

from __future__ import annotations

from ..data.inline import to_html, to_plain
from ..data.model import Apart, Dataset, Ranking, Source, Tier
from . import svg
from .notes import ADDED, LEGEND, MARK, legend_html, marker_html, marker_plain
from .svg import Style

WIDTH = 440
MARGIN = 8
AXIS_X = 22
"""Where the arrow from `first` to `last` runs, left of the boxes."""
BOX_LEFT = 40
BOX_WIDTH = WIDTH - BOX_LEFT - MARGIN
BADGE_RADIUS = 14
TEXT_INDENT = 2 * BADGE_RADIUS + 22
"""From a box's left edge to its text: room for the rank badge."""
APART_INDENT = 12
PADDING = 10
NOTE_INDENT = 12
GAP = 10

NAME = Style("cd-text", 15, 19, bold=True)
VERDICT = Style("cd-text", 14, 18)
NOTE = Style("cd-text", 13, 17)
AXIS = Style("cd-text", 13, 17, bold=True)
BADGE = Style("cd-badge-text", 15, 19, bold=True)


def render_ranking(dataset: Dataset, *, caption: str, diagram_id: str) -> str:
    """A `<figure>` holding an inline SVG of `dataset.ranking` and its text alternative."""
    ranking = dataset.ranking
    if ranking is None:
        raise ValueError(f"dataset `{dataset.id}` has no ranking")
    body, height = _diagram(dataset, ranking)
    return svg.figure(
        kind="ranking",
        diagram_id=diagram_id,
        size=(WIDTH, height),
        font_size=VERDICT.size,
        title=to_plain(caption),
        description=(to_plain(ranking.description) if ranking.description
                     else _summary(dataset, ranking)),
        body=body,
        caption_html=to_html(caption),
        text_alternative=_text_alternative(dataset, ranking),
    )


def _diagram(dataset: Dataset, ranking: Ranking) -> tuple[str, float]:
    """The SVG elements of the ranking and the height they take."""
    parts: list[str] = []
    top: float = MARGIN
    first = AXIS.wrap(to_plain(ranking.first), WIDTH - 2 * MARGIN)
    parts.append(svg.text(AXIS, first, MARGIN, top))
    top += AXIS.height(first) + GAP / 2
    stack_top = top
    for tier in ranking.tiers:
        box, top = _entry(tier, ranking.source_of(tier, dataset), top, ranked=True)
        parts.append(box)
        top += GAP
    stack_bottom = top - GAP
    parts.append(_arrow(stack_top, stack_bottom))
    top = stack_bottom + GAP / 2
    last = AXIS.wrap(to_plain(ranking.last), WIDTH - 2 * MARGIN)
    parts.append(svg.text(AXIS, last, MARGIN, top))
    top += AXIS.height(last)
    if ranking.apart:
        top += 2 * GAP
        heading = AXIS.wrap("Kept apart, outside the order:", WIDTH - 2 * MARGIN)
        parts.append(svg.text(AXIS, heading, MARGIN, top))
        top += AXIS.height(heading) + GAP / 2
        for apart in ranking.apart:
            box, top = _entry(apart, ranking.source_of(apart, dataset), top, ranked=False)
            parts.append(box)
            top += GAP
        top -= GAP
    if _marked(dataset, ranking):
        top += GAP
        legend = NOTE.wrap(f"{MARK} {LEGEND}", WIDTH - 2 * MARGIN)
        parts.append(svg.text(NOTE, legend, MARGIN, top))
        top += NOTE.height(legend)
    return "".join(parts), top + MARGIN


def _entry(
    entry: Tier | Apart, source: Source, top: float, *, ranked: bool
) -> tuple[str, float]:
    """One box: a tier with its rank badge, or a dashed box for an entry kept apart.

    Returns the SVG and the y where the box ends.
    """
    left = BOX_LEFT if ranked else MARGIN
    width = BOX_WIDTH if ranked else WIDTH - 2 * MARGIN
    indent = TEXT_INDENT if ranked else APART_INDENT
    text_left = left + indent
    text_width = width - indent - PADDING
    name = NAME.wrap(to_plain(entry.name) + marker_plain(source), text_width)
    verdict = VERDICT.wrap(to_plain(entry.verdict), text_width)
    notes = [NOTE.wrap(to_plain(note), text_width - NOTE_INDENT) for note in entry.notes]
    content_height = NAME.height(name) + 4 + VERDICT.height(verdict)
    content_height += sum(4 + NOTE.height(lines) for lines in notes)
    height = max(content_height, 2 * BADGE_RADIUS) + 2 * PADDING
    parts = [svg.rect("cd-box" if ranked else "cd-box cd-apart", left, top, width, height, 6)]
    if ranked and isinstance(entry, Tier):
        center_x, center_y = left + PADDING + BADGE_RADIUS, top + PADDING + BADGE_RADIUS
        parts.append(svg.circle("cd-badge", center_x, center_y, BADGE_RADIUS))
        parts.append(svg.text(BADGE, [str(entry.rank)], center_x, center_y - BADGE.line_height / 2,
                              anchor="middle"))
    line_top = top + PADDING
    parts.append(svg.text(NAME, name, text_left, line_top))
    line_top += NAME.height(name) + 4
    parts.append(svg.text(VERDICT, verdict, text_left, line_top))
    line_top += VERDICT.height(verdict)
    for lines in notes:
        line_top += 4
        bullet_y = line_top + NOTE.line_height / 2
        parts.append(svg.circle("cd-bullet", text_left + 4, bullet_y, 2))
        parts.append(svg.text(NOTE, lines, text_left + NOTE_INDENT, line_top))
        line_top += NOTE.height(lines)
    return "".join(parts), top + height


def _arrow(top: float, bottom: float) -> str:
    """The axis from `first` down to `last`, its head at the bottom."""
    head = 7
    return svg.path("cd-axis", [(AXIS_X, top), (AXIS_X, bottom - 1)]) + svg.path(
        "cd-axis-head",
        [(AXIS_X - head, bottom - 2 * head), (AXIS_X, bottom), (AXIS_X + head, bottom - 2 * head)],
        closed=True,
    )


def _summary(dataset: Dataset, ranking: Ranking) -> str:
    """The diagram in one paragraph, for its `<desc>` when the data gives no description."""
    def name(entry: Tier | Apart) -> str:
        added = ranking.source_of(entry, dataset) is Source.NOTES
        return to_plain(entry.name) + (f" ({ADDED})" if added else "")

    order = "; ".join(f"{tier.rank}. {name(tier)}" for tier in ranking.tiers)
    summary = f"From {to_plain(ranking.first)} to {to_plain(ranking.last)}: {order}."
    if ranking.apart:
        apart = "; ".join(name(entry) for entry in ranking.apart)
        summary += f" Kept apart, outside the order: {apart}."
    return summary


def _marked(dataset: Dataset, ranking: Ranking) -> bool:
    entries: list[Tier | Apart] = [*ranking.tiers, *ranking.apart]
    return any(ranking.source_of(entry, dataset) is Source.NOTES for entry in entries)


def _text_alternative(dataset: Dataset, ranking: Ranking) -> str:
    tiers = "".join(
        f'<li value="{tier.rank}">'
        f"{_entry_html(tier, ranking.source_of(tier, dataset))}</li>"
        for tier in ranking.tiers
    )
    html = (
        f"<p>From <strong>{to_html(ranking.first)}</strong> (top) to "
        f"<strong>{to_html(ranking.last)}</strong> (bottom):</p><ol>{tiers}</ol>"
    )
    if ranking.apart:
        apart = "".join(
            f"<li>{_entry_html(entry, ranking.source_of(entry, dataset))}</li>"
            for entry in ranking.apart
        )
        html += f"<p>Kept apart, outside the order:</p><ul>{apart}</ul>"
    if _marked(dataset, ranking):
        html += f"<p>{legend_html()}</p>"
    return html


def _entry_html(entry: Tier | Apart, source: Source) -> str:
    html = f"<strong>{to_html(entry.name)}</strong>{marker_html(source)}: {to_html(entry.verdict)}"
    if entry.notes:
        html += "<ul>" + "".join(f"<li>{to_html(note)}</li>" for note in entry.notes) + "</ul>"
    return html
