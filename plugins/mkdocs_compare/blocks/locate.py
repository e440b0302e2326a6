"""Where fenced blocks stand in a page's source.

SuperFences does not tell a fence's formatter where its block stands, so a failing block is
found again in the page's text to name its line; the benchmarks find blocks the same way.
Blocks inside a longer fence (an example of a block, shown as code) are not blocks, and are
skipped as SuperFences skips them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

_OPENING = re.compile(
    r"^(?P<indent>[ \t>]*)(?P<marks>`{3,}|~{3,})"
    r"\s*(?P<brace>\{?)\s*\.?(?P<name>[\w-]*)(?P<info>.*)$"
)


@dataclass(frozen=True)
class FencedBlock:
    """One fenced block of a page, lines counted from 0."""

    name: str
    """The word after the opening marks (`compare-table`), empty when there is none."""
    info: str
    """What follows the name on the opening line (options, attributes), without the closing
    brace of the `{.name}` form; empty when nothing does."""
    opening: int
    closing: int
    """The closing fence's line; the text's last line when the block is never closed."""
    closed: bool
    body: tuple[str, ...]
    """The lines between, without the opening's indentation and trailing spaces."""


def fenced_blocks(text: str, tab_length: int = 4) -> Iterator[FencedBlock]:
    """Every fenced block of `text`, in order, not counting fences inside others.

    Lines are split and tabs expanded as Python-Markdown does, so that line numbers and
    bodies match what its extensions see: only a line feed (or a carriage return) ends a line,
    not a form feed or U+2028.
    """
    lines = [line.expandtabs(tab_length)
             for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    number = 0
    while number < len(lines):
        opening = _OPENING.match(lines[number])
        if opening is None:
            number += 1
            continue
        marks = opening["marks"]
        closing_fence = re.compile(rf"^[ \t>]*{re.escape(marks[0])}{{{len(marks)},}}\s*$")
        found = next((index for index in range(number + 1, len(lines))
                      if closing_fence.match(lines[index])), None)
        end = len(lines) if found is None else found
        indent = len(opening["indent"])
        body = tuple(line[indent:].rstrip() for line in lines[number + 1 : end])
        info = opening["info"].strip()
        if opening["brace"] and info.endswith("}"):
            info = info[:-1].strip()
        yield FencedBlock(opening["name"], info, number, min(end, len(lines) - 1),
                          found is not None, body)
        number = end + 1


def locate(text: str, name: str, body: Sequence[str], *, whole: bool = True,
           info: str | None = None, tab_length: int = 4) -> int | None:
    """1-based line of the opening fence of the first block `name` whose body is `body` (or,
    not `whole`, starts with it) and, if `info` is given, whose opening line has that info.
    Tabs are expanded as the Markdown that converted `body` expands them (`tab_length`).

    Identical blocks render identically, so the first one is the one that failed.
    """
    wanted = _trimmed(tuple(line.rstrip() for line in body))
    for block in fenced_blocks(text, tab_length):
        found = _trimmed(block.body)
        if block.name == name and (info is None or block.info == info) and (
                found == wanted if whole else found[: len(wanted)] == wanted):
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
