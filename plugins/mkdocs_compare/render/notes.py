"""What every renderer adds to a fact: its qualifier, and a marker when these notes added it.

The marker is a symbol for the eye and words for a screen reader, explained by a legend
wherever it appears: never colour alone.
"""

from __future__ import annotations

from ..data.inline import escape, to_html, to_plain
from ..data.model import Source

MARK = "\u2020"
"""The dagger placed after a fact these notes added."""
LEGEND = "Added in these notes; not from the lecture."
ADDED = "added in these notes"


def marker_html(source: Source) -> str:
    """The marker after a fact from `source` (nothing for the lecture)."""
    if source is not Source.NOTES:
        return ""
    return (f'<sup class="compare-provenance"><span aria-hidden="true">{MARK}</span>'
            f'<span class="compare-visually-hidden"> ({ADDED})</span></sup>')


def marker_plain(source: Source) -> str:
    """The marker as plain text, for an SVG (whose legend says what it means)."""
    return f" {MARK}" if source is Source.NOTES else ""


def legend_html() -> str:
    return (f'<span class="compare-provenance__legend"><span aria-hidden="true">{MARK}</span>'
            f" {escape(LEGEND)}</span>")


def qualifier_html(qualifier: str | None) -> str:
    if qualifier is None:
        return ""
    return f' <span class="compare-qualifier">({to_html(qualifier)})</span>'


def qualifier_plain(qualifier: str | None) -> str:
    return "" if qualifier is None else f" ({to_plain(qualifier)})"
