"""The plugin's own output, block by block, and copies of a course with that output pasted in.

A build under `python -m bench.inprocess --capture` marks the root element of every rendered
block with its number; the finished pages are then searched for the marks, so each block's
HTML is taken exactly as it stands in the page (after abbreviations and serialisation), and the
mark is removed again. That HTML replaces the block's fence in a copy of the docs, built with
the plugin switched off: the static baseline, whose pages must be identical to the plugin's.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.inprocess import MARKER
from bench.sites import BUILD_ENV, ROOT, copy_docs, derived_config, html_pages, read_config

VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                           "meta", "source", "track", "wbr"})


@dataclass(frozen=True)
class Block:
    """One rendered `compare-*` block of a built course."""

    number: int
    language: str
    source: Path
    """The Markdown file holding the block."""
    body: str
    output: str
    """The built page holding it, relative to the site folder."""
    html: str
    """The block's HTML exactly as it stands in that page."""

    @property
    def is_diagram(self) -> bool:
        return self.language != "compare-table"

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "language": self.language, "source": str(self.source),
                "output": self.output, "bytes": len(self.html.encode())}


@dataclass(frozen=True)
class Course:
    """A course (config and docs) and where its plugin options put things."""

    config: Path
    docs_dir: Path
    data_dir: Path
    extra_css: list[str]
    base_path: str
    """The URL path the site is published under (the path of `site_url`)."""

    @classmethod
    def of(cls, config: Path) -> Course:
        settings = read_config(config)
        docs_dir = (config.parent / settings.get("docs_dir", "docs")).resolve()
        plugin = (settings.get("plugins") or {}).get("compare") or {}
        return cls(config.resolve(), docs_dir, (docs_dir / plugin.get("data_dir", "data")),
                   list(settings.get("extra_css") or []),
                   urlsplit(settings.get("site_url") or "/").path or "/")


def capture(
    course: Course, site_dir: Path, result: Path, python: str = sys.executable
) -> list[Block]:
    """Build `course` once with every block marked; each block with its HTML as built."""
    subprocess.run(
        [python, "-m", "bench.inprocess", "--out", str(result), "--runs", "1", "--warmup", "0",
         "--capture", "--site", "capture", str(course.config), str(site_dir)],
        cwd=ROOT, env=BUILD_ENV, check=True,
    )
    records: list[dict[str, Any]] = json.loads(result.read_text(encoding="utf-8"))["capture"]
    found: dict[int, tuple[str, str]] = {}
    for name, page in html_pages(site_dir).items():
        text = page.read_text(encoding="utf-8")
        for number, html in marked_elements(text).items():
            found[number] = (name, html.replace(f' {MARKER}="{number}"', "", 1))
    blocks = []
    for record in records:
        number = record["number"]
        if number not in found:
            raise RuntimeError(f"block {number} ({record['language']} in {record['page']}) was "
                               "rendered but is not in any built page")
        output, html = found[number]
        source = Path(record["page"])
        blocks.append(Block(number, record["language"], (course.config.parent / source).resolve(),
                            record["body"], output, html))
    return blocks


class _MarkedElements(HTMLParser):
    """Finds the elements carrying the capture mark and where each ends."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.depth = 0
        self.open: list[tuple[int, str, int, int]] = []
        """Marked elements not yet closed: (number, tag, depth, start offset)."""
        self.found: dict[int, str] = {}

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_ELEMENTS:
            return
        self.depth += 1
        number = dict(attrs).get(MARKER)
        if number is not None:
            self.open.append((int(number), tag, self.depth, self._offset()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """`<rect ... />`: opens and closes nothing."""

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1][1] == tag and self.open[-1][2] == self.depth:
            number, _, _, start = self.open.pop()
            end = self.text.index(">", self._offset()) + 1
            self.found[number] = self.text[start:end]
        self.depth -= 1


def marked_elements(text: str) -> dict[int, str]:
    """The outer HTML of every element of `text` carrying the capture mark, by its number."""
    parser = _MarkedElements(text)
    parser.feed(text)
    parser.close()
    return parser.found


Replacement = Callable[[Block], list[str] | None]
"""What a block's fence becomes in a copy of the docs: lines of Markdown, or `None` to keep it."""


def paste_html(block: Block) -> list[str]:
    return block.html.split("\n")


def remove(block: Block) -> list[str]:
    return []


def write_docs(
    course: Course, blocks: list[Block], target: Path, replace: Replacement, *,
    keep_data: bool = False,
) -> Path:
    """A copy of the course's docs with each block's fence replaced as `replace` says, and
    without the data folder unless `keep_data`. Returns the copy's folder."""
    relative_data = course.data_dir.relative_to(course.docs_dir)
    copy_docs(course.docs_dir, target, without=() if keep_data else (relative_data.parts[0],))
    by_source: dict[Path, list[Block]] = {}
    for block in blocks:
        by_source.setdefault(block.source, []).append(block)
    for source, page_blocks in by_source.items():
        lines = source.read_text(encoding="utf-8").split("\n")
        fences = compare_fences(lines)
        if [fence[2] for fence in fences] != [block.language for block in page_blocks]:
            raise RuntimeError(f"{source}: the `compare-*` fences found, "
                               f"{[fence[2] for fence in fences]}, are not the blocks rendered, "
                               f"{[block.language for block in page_blocks]}")
        for (first, last, _), block in reversed(list(zip(fences, page_blocks, strict=True))):
            replacement = replace(block)
            if replacement is None:
                continue
            if lines[first][0] in " \t":
                raise RuntimeError(f"{source}:{first + 1}: an indented block cannot be replaced "
                                   "(Markdown reads indented HTML as text); the benchmark "
                                   "supports top-level blocks only")
            lines[first : last + 1] = ["", *replacement, ""]
        (target / source.relative_to(course.docs_dir)).write_text("\n".join(lines),
                                                                 encoding="utf-8")
    return target


def compare_fences(lines: list[str]) -> list[tuple[int, int, str]]:
    """The plugin's blocks of a page in document order, as (opening line, closing line, kind)
    with 0-based line numbers, found as the plugin finds them."""
    from mkdocs_compare.blocks import BLOCK_KINDS
    from mkdocs_compare.blocks.locate import fenced_blocks

    return [(block.opening, block.closing, block.name)
            for block in fenced_blocks("\n".join(lines)) if block.name in BLOCK_KINDS]


def plugin_stylesheet() -> tuple[str, Path]:
    """Where the plugin puts its stylesheet in the site, and the file it copies there."""
    from mkdocs_compare import plugin

    return plugin.STYLESHEET, Path(plugin.__file__).parent / "assets" / "compare.css"


def static_config(course: Course, blocks: list[Block], folder: Path) -> Path:
    """The course with each block pasted in as static HTML and the plugin switched off."""
    docs = write_docs(course, blocks, folder / "docs", paste_html)
    return derived_config(folder / "mkdocs.yml", course.config, docs,
                          static_overrides(course, docs))


def static_overrides(course: Course, docs: Path) -> dict[str, Any]:
    """Settings for a copy of the docs holding the plugin's output as static HTML: the plugin
    off, its stylesheet copied into the docs and linked where the plugin links it."""
    stylesheet, stylesheet_file = plugin_stylesheet()
    (docs / stylesheet).parent.mkdir(parents=True, exist_ok=True)
    (docs / stylesheet).write_bytes(stylesheet_file.read_bytes())
    return {"plugins": {"compare": {"enabled": False}},
            "extra_css": [*course.extra_css, stylesheet]}


def without_config(
    course: Course, blocks: list[Block], folder: Path, base: Path | None = None
) -> Path:
    """The course with every block (and the plugin's stylesheet) removed, the plugin off.

    `base` is the config to inherit (default the course's own), e.g. the offline export's.
    """
    docs = write_docs(course, blocks, folder / "docs", remove)
    return derived_config(folder / "mkdocs.yml", base or course.config, docs,
                          {"plugins": {"compare": {"enabled": False}}})


@dataclass(frozen=True)
class Comparison:
    identical: list[str]
    different: dict[str, str]
    """Page to the first difference, shown in context."""
    missing: list[str]


_BLANK_LINES_BETWEEN_TAGS = re.compile(r">\n{2,}<")


def without_trivia(html: str) -> str:
    """`html` without blank lines between two tags. A raw HTML block is followed by a blank
    line in the output where the plugin's table (an element of the Markdown tree) is not."""
    return _BLANK_LINES_BETWEEN_TAGS.sub(">\n<", html)


def compare_sites(plugin_site: Path, static_site: Path) -> Comparison:
    """Page by page, whether two builds wrote the same HTML apart from trivia."""
    ours, theirs = html_pages(plugin_site), html_pages(static_site)
    identical, different = [], {}
    for name, page in ours.items():
        if name not in theirs:
            continue
        a = without_trivia(page.read_text(encoding="utf-8"))
        b = without_trivia(theirs[name].read_text(encoding="utf-8"))
        if a == b:
            identical.append(name)
        else:
            at = _first_difference(a, b)
            different[name] = (f"plugin: {a[max(0, at - 80):at + 80]!r}\n"
                               f"static: {b[max(0, at - 80):at + 80]!r}")
    missing = sorted(set(ours) ^ set(theirs))
    return Comparison(identical, different, missing)


def _first_difference(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                min(len(a), len(b)))
