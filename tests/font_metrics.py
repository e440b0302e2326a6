"""Real advance widths of the fonts the diagrams ask for, read with fontTools: Liberation Sans
has Arial's metrics (Debian's fonts-liberation, which CI installs for the browser tests)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from mkdocs_compare.render.svg import text_width

LIBERATION = Path("/usr/share/fonts/truetype/liberation")


@cache
def _widths(bold: bool) -> tuple[dict[int, float], float]:
    """Each character's advance in thousandths of an em, by code point, and the em."""
    font = TTFont(LIBERATION / f"LiberationSans-{'Bold' if bold else 'Regular'}.ttf")
    metrics = font["hmtx"]
    em = font["head"].unitsPerEm
    return {code: metrics[glyph][0] * 1000 / em for code, glyph in
            font.getBestCmap().items()}, em


def in_font(char: str, *, bold: bool = False) -> bool:
    return ord(char) in _widths(bold)[0]


def real_width(text: str, size: float, *, bold: bool = False) -> float:
    """`text`'s width set in Liberation Sans of `size` units, kerning aside (it only narrows).
    A character the font lacks is drawn by a fallback font no test can know: it counts as the
    renderer's estimate."""
    widths, _ = _widths(bold)
    return sum(widths[ord(char)] / 1000 * size if ord(char) in widths
               else text_width(char, size, bold=bold) for char in text)
