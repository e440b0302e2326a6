"""The rendering core as a Python-Markdown extension, independent of MkDocs.

It teaches pymdown-extensions' SuperFences the `compare-*` fences (see `directives`) and
renders them from datasets it is given. The MkDocs plugin loads and validates the datasets
once per build and tells the extension which page it is converting; any other host that runs
Python-Markdown extensions can do the same with `CompareExtension(datasets=...)`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pymdownx.superfences import SuperFencesException

from .directives import FENCES, Directive
from .errors import CompareError, DirectiveError
from .model import Dataset
from .source import Reader

_FENCE_OPENING = re.compile(
    r"^(?P<indent>[ \t>]*)(?P<marks>`{3,}|~{3,})\s*\{?\s*\.?(?P<name>[\w-]+)"
)


class FenceError(SuperFencesException):
    """A bad `compare-*` block. SuperFences swallows every other exception from a fence."""


@dataclass(frozen=True)
class PageSource:
    """The page being converted, so errors can name its file and line."""

    path: str
    """The page as messages name it."""
    file: Path
    """The page's file, read again only to find where a failing block stands (front matter
    included, so that line numbers match the file)."""


class CompareExtension(Extension):
    """Registers the `compare-*` fences with SuperFences."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "datasets": [
                {},
                "Validated datasets by id (`Mapping[str, model.Dataset]`), as `load.load_datasets`"
                " returns them.",
            ],
            "error_type": [
                FenceError,
                "Exception class raised for a bad block. It must derive from SuperFencesException,"
                " the only exception SuperFences lets through; the MkDocs plugin passes one that is"
                " also a PluginError, so the build stops with the message and no traceback.",
            ],
        }
        super().__init__(**kwargs)
        self.page: PageSource | None = None
        """Set by the host before each page is converted; `None` names errors `<markdown>`."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API)
        superfences = next(
            (ext for ext in md.registeredExtensions if hasattr(ext, "extend_super_fences")), None
        )
        if superfences is None:
            raise self.getConfig("error_type")(
                "the compare extension needs `pymdownx.superfences`: list it under "
                "`markdown_extensions` in mkdocs.yml"
            )
        conversion = _Conversion(self)
        for name in FENCES:
            superfences.extend_super_fences(name, conversion.format, _accept, conversion.reset)
        # After `attr_list` (8), so data can never set attributes; before `abbr` (7).
        md.treeprocessors.register(_TableTreeprocessor(md, conversion), "compare_tables", 7.5)
        md.registerExtension(self)


def _accept(
    language: str, inputs: dict[str, str], options: dict[str, str], attrs: dict[str, str],
    md: Markdown,
) -> bool:
    """Take every `compare-*` fence; options in its header are refused by the formatter."""
    options.update(inputs)
    return True


class _Conversion:
    """State of one Markdown conversion: which blocks have been seen and rendered."""

    def __init__(self, extension: CompareExtension) -> None:
        self.extension = extension
        self.blocks = 0
        self.tables: set[str] = set()
        """Rendered tables, as the HTML stored in the stash; see `_TableTreeprocessor`."""

    def reset(self, md: Markdown) -> None:
        """Forget the previous document when the same `Markdown` converts another."""
        self.blocks = 0
        self.tables.clear()

    def format(
        self, src: str, language: str, options: dict[str, str], md: Markdown, **_: Any
    ) -> str:
        self.blocks += 1
        page = self.extension.page
        # Lines are counted from the block's opening fence (line 0); the page's own line
        # numbers are worked out only when there is an error to report.
        reader = Reader(page.path if page else "<markdown>", 1, DirectiveError)
        datasets: Mapping[str, Dataset] = self.extension.getConfig("datasets")
        try:
            if options:
                raise DirectiveError(reader.path, 0, f"options go in the block's body, not after"
                                     f" `{language}`: write `{next(iter(options))}: ...` on its"
                                     " own line")
            html = FENCES[language](Directive(src, reader, f"{language}-{self.blocks}"), datasets)
        except CompareError as err:
            raise self._error(err, language, src) from err
        except Exception as err:
            # SuperFences would swallow it and show the block as code: a silent failure.
            bug = CompareError(reader.path, 0, f"`{language}` block failed to render (a bug in"
                               f" the compare plugin, please report it): {err!r}")
            raise self._error(bug, language, src) from err
        if language == "compare-table":
            self.tables.add(html)
        return html

    def _error(self, err: CompareError, language: str, src: str) -> Exception:
        """The error to raise for `err`, its line moved from the block's to the page's."""
        page = self.extension.page
        fence_line = None
        if page is not None:
            fence_line = _locate(page.file.read_text(encoding="utf-8-sig"), language, src)
        line = err.line if fence_line is None or err.line is None else fence_line + err.line
        located = CompareError(err.path, line, err.message)
        return self.extension.getConfig("error_type")(str(located))  # type: ignore[no-any-return]


class _TableTreeprocessor(Treeprocessor):
    """Moves rendered tables from the raw-HTML stash into the document tree.

    Fences are rendered before the tree exists, so their HTML waits in the stash. Tables are
    brought into the tree so the rest of the page's processing treats them as text, in
    particular abbreviations (`abbr`, which runs next) get their tooltips. Diagrams stay in the
    stash: nothing may change the text inside an SVG.
    """

    def __init__(self, md: Markdown, conversion: _Conversion) -> None:
        super().__init__(md)
        self.conversion = conversion

    def run(self, root: ElementTree.Element) -> None:
        if not self.conversion.tables:
            return
        stash = self.md.htmlStash
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "p" or child.text is None or len(child):
                    continue
                html = _stashed(stash.rawHtmlBlocks, child.text.strip())
                if html is not None and html in self.conversion.tables:
                    table = ElementTree.fromstring(html)
                    table.tail = child.tail
                    for code in table.iter("code"):
                        code.text = AtomicString(code.text or "")
                    parent.remove(child)
                    parent.insert(index, table)


_PLACEHOLDER = re.compile("^\x02wzxhzdk:(\\d+)\x03$")


def _stashed(blocks: list[str | ElementTree.Element], placeholder: str) -> str | None:
    match = _PLACEHOLDER.match(placeholder)
    if match is None or int(match[1]) >= len(blocks):
        return None
    block = blocks[int(match[1])]
    return block if isinstance(block, str) else None


def _locate(text: str, language: str, src: str) -> int | None:
    """1-based line of the opening fence of the first block `language` with body `src`.

    SuperFences does not tell a formatter where its block stands, so the block is found again
    in the page's source. Identical blocks render identically, so the first one is the one
    that failed. The bodies of other fences are skipped: an example of a block shown inside a
    longer fence is not the block.
    """
    lines = text.splitlines()
    body = [line.rstrip() for line in src.strip("\n").splitlines()]
    closing: re.Pattern[str] | None = None
    for number, line in enumerate(lines):
        if closing is not None:
            if closing.match(line):
                closing = None
            continue
        opening = _FENCE_OPENING.match(line)
        if opening is None:
            continue
        indent = len(opening["indent"])
        candidate = [line[indent:].rstrip() for line in lines[number + 1 : number + 1 + len(body)]]
        if opening["name"] == language and candidate == body:
            return number + 1
        marks = opening["marks"]
        closing = re.compile(rf"^[ \t>]*{re.escape(marks[0])}{{{len(marks)},}}\s*$")
    return None
