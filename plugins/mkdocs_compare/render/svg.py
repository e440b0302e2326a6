"""What the diagrams share: text measurement and wrapping, SVG text, the accessible figure.

SVG text does not wrap by itself, so lines are broken here, from an estimate of each
character's width. The estimate uses Arial's advance widths (Helvetica, Liberation Sans and
Arimo share them, and the stylesheet sets diagram text in those) plus a safety margin, so
that a line fits its box in the fonts browsers actually pick.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..data.inline import escape

_ADVANCES = {
    "ijl'|": 222,
    " ft.,:;!/[]\\I": 278,
    "r()-`{}\"": 333,
    "*^": 389,
    "cksvxyzJ": 500,
    "+<=>~": 584,
    "FTZ": 611,
    "ABEKPSVXY&": 667,
    "CDHNRUw": 722,
    "GOQ": 778,
    "mM": 833,
    "æ": 889,
    "%": 889,
    "Wœ": 944,
    "ÆŒ": 1000,
    "@": 1015,
    # Wider than their letter or not Latin-like (Liberation Sans' widths, as the tests check).
    "|": 260,
    "ìíîïĩīĭ": 278,
    "ľ": 292,
    "ť": 375,
    "^": 469,
    "Þ": 667,
    "ÐĐĦ": 722,
    "Ŋ": 723,
    "Ĳ": 735,
    "©®": 737,
    "ØǾ": 778,
    "¼½¾": 834,
    "—―…‰™←→": 1000,
}
_ADVANCE = {char: width for chars, width in _ADVANCES.items() for char in chars}
_BOLD_ADVANCES = {
    "ijlįĵĺļ": 278,
    "ľ": 385,
    '"': 474,
    "ť": 479,
    "^": 584,
    "ŉ": 708,
    "ď": 719,
}
"""Bold widths wider than `_BOLD_FACTOR` times the regular one."""
_BOLD_ADVANCE = {char: width for chars, width in _BOLD_ADVANCES.items() for char in chars}
_DEFAULT_ADVANCE = 556
"""Arial's width of most lower-case letters, digits and other Latin-like characters."""
_WIDE_ADVANCE = 1000
"""CJK and other full-width characters take a whole em."""
_BOLD_FACTOR = 1.1
_SAFETY = 1.12
"""Slack for fonts wider than Arial: the stylesheet asks for Arial's metrics, but a system
without them falls back to e.g. DejaVu Sans, about a tenth wider."""


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated width of `text` set in `size` units, never smaller than the real one."""
    thousandths = sum(_advance(char, bold=bold) for char in text)
    return thousandths / 1000 * size * _SAFETY


def _advance(char: str, *, bold: bool = False) -> float:
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return _WIDE_ADVANCE * (_BOLD_FACTOR if bold else 1)
    # An accented letter is as wide as its letter (`Ö` as `O`) unless listed itself.
    base = unicodedata.normalize("NFD", char)[0]
    regular = _ADVANCE.get(char, _ADVANCE.get(base, _DEFAULT_ADVANCE))
    if not bold:
        return regular
    return max(regular * _BOLD_FACTOR, _BOLD_ADVANCE.get(char, _BOLD_ADVANCE.get(base, 0)))


_SEGMENTS = re.compile(r"[^-/]*[-/]+|[^-/]+")
"""Pieces of a word that may end a line: up to and including each hyphen or slash."""


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """`text` broken into lines no wider than `width`, at spaces where possible.

    A word that does not fit is broken after a hyphen or slash, and a piece wider than a
    whole line between characters. Always at least one line, so an empty value still takes
    its place.
    """
    lines: list[str] = []
    line = ""

    def fits(candidate: str) -> bool:
        return text_width(candidate, size, bold=bold) <= width

    for word in text.split():
        separator = " " if line else ""
        if fits(line + separator + word):
            line += separator + word
            continue
        for index, segment in enumerate(_SEGMENTS.findall(word)):
            joiner = separator if index == 0 else ""
            if fits(line + joiner + segment):
                line += joiner + segment
                continue
            if line:
                lines.append(line)
                line = ""
            for char in segment:
                if line and not fits(line + char):
                    lines.append(line)
                    line = ""
                line += char
    lines.append(line)
    return lines


@dataclass(frozen=True)
class Style:
    """How a kind of text is set: its CSS class (colour only), size, line height, weight.

    Size and weight are written on the element, not left to CSS, because the wrapping
    estimate depends on them.
    """

    css_class: str
    size: float
    line_height: float
    bold: bool = False

    def wrap(self, text: str, width: float) -> list[str]:
        return wrap(text, width, self.size, bold=self.bold)

    def width(self, text: str) -> float:
        return text_width(text, self.size, bold=self.bold)

    def widest_word(self, texts: Iterable[str]) -> float:
        """Width of the widest piece of a word in `texts` that `wrap` would not break: the
        narrowest box that need not cut words between letters."""
        return max(
            (self.width(segment) for text in texts for word in text.split()
             for segment in _SEGMENTS.findall(word)),
            default=0,
        )

    def height(self, lines: Sequence[str]) -> float:
        return len(lines) * self.line_height


def text(style: Style, lines: Sequence[str], x: float, top: float, *, anchor: str = "") -> str:
    """An SVG `<text>` with one `<tspan>` per line, the first line's box starting at `top`.

    `anchor` is an SVG text-anchor ("middle", "end"), empty for the start.
    """
    baseline = top + style.line_height * 0.5 + style.size * 0.35
    attributes = f' font-size="{_number(style.size)}"'
    if style.bold:
        attributes += ' font-weight="700"'
    if anchor:
        attributes += f' text-anchor="{anchor}"'
    spans = "".join(
        f'<tspan x="{_number(x)}" y="{_number(baseline + index * style.line_height)}">'
        f"{escape(line)}</tspan>"
        for index, line in enumerate(lines)
    )
    return f'<text class="{style.css_class}"{attributes}>{spans}</text>'


def _number(value: float) -> str:
    """A coordinate, rounded to one decimal so output is short and identical across runs."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def rect(css_class: str, x: float, y: float, width: float, height: float, radius: float) -> str:
    return (
        f'<rect class="{css_class}" x="{_number(x)}" y="{_number(y)}" width="{_number(width)}"'
        f' height="{_number(height)}" rx="{_number(radius)}"/>'
    )


def circle(css_class: str, center_x: float, center_y: float, radius: float) -> str:
    return (
        f'<circle class="{css_class}" cx="{_number(center_x)}" cy="{_number(center_y)}"'
        f' r="{_number(radius)}"/>'
    )


def path(css_class: str, points: Iterable[tuple[float, float]], *, closed: bool = False) -> str:
    """A polyline (or, `closed`, a polygon) through `points`."""
    steps = " ".join(f"{_number(x)} {_number(y)}" for x, y in points)
    return f'<path class="{css_class}" d="M{steps}{"Z" if closed else ""}"/>'


MIN_TEXT_SCALE = 0.63
"""The smallest a diagram's text may get, relative to the body text: about 10px of 16px,
small enough that the usual diagrams fit a desktop column without scrolling."""


def figure(
    *,
    kind: str,
    diagram_id: str,
    size: tuple[float, float],
    font_size: float,
    title: str,
    description: str,
    body: str,
    caption_html: str,
    text_alternative: str,
) -> str:
    """The `<figure>` around a diagram: inline SVG, caption, and the same facts as text.

    The SVG is as wide as the page allows, within limits that keep text of `font_size` units
    between `MIN_TEXT_SCALE` of and the same size as the body text: on a narrow phone a wide
    diagram scrolls inside its own box instead of the page. That box
    is focusable so that a keyboard can scroll it too.
    """
    svg = image(diagram_id=diagram_id, size=size, font_size=font_size, title=title,
                description=description, body=body)
    return (
        f'<figure class="compare-diagram compare-{kind}">'
        f'<div class="compare-diagram__canvas" tabindex="0">{svg}</div>'
        f"<figcaption>{caption_html}</figcaption>"
        '<details class="compare-diagram__text"><summary>The diagram as text</summary>'
        f"{text_alternative}</details></figure>"
    )


def image(
    *, diagram_id: str, size: tuple[float, float], font_size: float, title: str,
    description: str, body: str, text_scale: float | None = None,
) -> str:
    """The accessible inline `<svg>` of a diagram (see `figure`): `role="img"`, labelled by its
    `<title>` and `<desc>`, whose ids start with `diagram_id`.

    With `text_scale`, the SVG is as wide as sets its text of `font_size` units at that scale
    of the body text (narrower only when the column is), so that images set side by side
    share one text size; without, it fills the column up to the body text's size.
    """
    width, height = size
    labels = f"{diagram_id}-title {diagram_id}-desc"
    widths = (f"width:{_number(width / font_size * text_scale)}em;max-width:100%"
              if text_scale else f"max-width:{_number(width / font_size)}em")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{escape(labels)}"'
        f' viewBox="0 0 {_number(width)} {_number(height)}" class="compare-diagram__svg"'
        f' style="min-width:{_number(width / font_size * MIN_TEXT_SCALE)}em;{widths}">'
        f'<title id="{escape(diagram_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(diagram_id)}-desc">{escape(description)}</desc>'
        f"{body}</svg>"
    )
