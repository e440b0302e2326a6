"""Where fenced blocks stand in a page's source.

SuperFences does not tell a fence's formatter where its block stands, so a failing block is
found again in the page's text to name its line; the benchmarks find blocks the same way.
Blocks inside a longer fence (an example of a block, shown as code) are not blocks, and are
skipped as SuperFences skips them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_OPENING = re.compile(r"^(?P<indent>[ \t>]*)(?P<marks>`{3,}|~{3,})\s*\{?\s*\.?(?P<name>[\w-]*)")


@dataclass(frozen=True)
class FencedBlock:
    """One fenced block of a page, lines counted from 0."""

    name: str
    """The word after the opening marks (`compare-table`), empty when there is none."""
    opening: int
    closing: int
    """The closing fence's line; the page's last line when the block is never closed."""
    body: tuple[str, ...]
    """The lines between, without the opening's indentation and trailing spaces."""


def fenced_blocks(text: str) -> Iterator[FencedBlock]:
    """Every fenced block of `text`, in order, not counting fences inside others."""
    lines = text.splitlines()
    number = 0
    while number < len(lines):
        opening = _OPENING.match(lines[number])
        if opening is None:
            number += 1
            continue
        marks = opening["marks"]
        closing_fence = re.compile(rf"^[ \t>]*{re.escape(marks[0])}{{{len(marks)},}}\s*$")
        closing = next((index for index in range(number + 1, len(lines))
                        if closing_fence.match(lines[index])), len(lines) - 1)
        indent = len(opening["indent"])
        body = tuple(line[indent:].rstrip() for line in lines[number + 1 : closing])
        yield FencedBlock(opening["name"], number, closing, body)
        number = closing + 1


def locate(text: str, name: str, body: str) -> int | None:
    """1-based line of the opening fence of the first block `name` whose body is `body`.

    Identical blocks render identically, so the first one is the one that failed.
    """
    wanted = _trimmed(tuple(line.rstrip() for line in body.splitlines()))
    for block in fenced_blocks(text):
        if block.name == name and _trimmed(block.body) == wanted:
            return block.opening + 1
    return None


def _trimmed(lines: tuple[str, ...]) -> tuple[str, ...]:
    """`lines` without blank lines at either end."""
    start, end = 0, len(lines)
    while start < end and not lines[start]:
        start += 1
    while end > start and not lines[end - 1]:
        end -= 1
    return lines[start:end]
