"""The rendering core as a Python-Markdown extension, independent of MkDocs.

It teaches pymdown-extensions' SuperFences a fence for every block kind (`blocks`) and renders
blocks from the datasets of a data folder. Any tool that runs Python-Markdown extensions can
use it:

    markdown.markdown(text, extensions=["pymdownx.superfences", "mkdocs_compare"],
                      extension_configs={"mkdocs_compare": {"data_dir": "docs/data"}})

The data is read and validated once per process and again only when a file changes. A bad
block or data file raises `BlockRenderError` with a located message. The MkDocs plugin passes the
datasets it loaded itself (`datasets`) and an error type that stops a build cleanly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any
from xml.etree import ElementTree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pymdownx.superfences import SuperFencesException

from . import instrument
from .blocks import BLOCK_KINDS, parse_block
from .blocks.locate import locate
from .data.load import DataStore
from .data.model import Dataset
from .data.reader import Reader
from .errors import BlockError, CompareError, DataError


class BlockRenderError(SuperFencesException):
    """A bad block. SuperFences swallows every other exception from a fence."""


@dataclass(frozen=True)
class PageSource:
    """The page being converted, so errors can name its file and line."""

    path: str
    """The page as messages name it."""
    file: Path
    """The page's file, read again only to find where a failing block stands (front matter
    included, so that line numbers match the file)."""


_NOT_GIVEN: Mapping[str, Dataset] = MappingProxyType({})
"""The `datasets` option's default (Python-Markdown turns a default of `None` into a bool)."""

_STORES: dict[tuple[Path, Path], DataStore] = {}
"""One store per data folder (and message root) for the whole process."""


def data_store(data_dir: Path, display_root: Path) -> DataStore:
    """The process's store for `data_dir`, made on first use."""
    key = (data_dir.resolve(), display_root.resolve())
    if key not in _STORES:
        _STORES[key] = DataStore(*key)
    return _STORES[key]


class CompareExtension(Extension):
    """Registers a SuperFences fence for every block kind."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "data_dir": [
                "",
                "Folder of the data files (`*.yml`), relative to the working folder; read once "
                "per process and again when a file changes. Paths in messages are shown "
                "relative to the working folder.",
            ],
            "datasets": [
                _NOT_GIVEN,
                "Datasets already loaded and validated (`Mapping[str, Dataset]`), instead of "
                "`data_dir`; the MkDocs plugin passes what it loaded for the build.",
            ],
            "error_type": [
                BlockRenderError,
                "Exception class raised for a bad block. It must derive from SuperFencesException,"
                " the only exception SuperFences lets through; the MkDocs plugin passes one that is"
                " also a PluginError, so the build stops with the message and no traceback.",
            ],
        }
        super().__init__(**kwargs)
        self.page: PageSource | None = None
        """Set by the host before each page is converted; `None` names errors `<markdown>`."""

    def datasets(self) -> Mapping[str, Dataset]:
        """The datasets blocks are rendered from: given, or read from `data_dir`."""
        given: Mapping[str, Dataset] = self.getConfig("datasets")
        if given is not _NOT_GIVEN:
            return given
        data_dir = self.getConfig("data_dir")
        if not data_dir:
            raise self.failure(
                "the compare extension has no data: set its `data_dir` option to the folder of "
                "the data files"
            )
        return data_store(Path(data_dir), Path.cwd()).datasets()

    def failure(self, error: CompareError | str) -> Exception:
        """The exception to raise for `error`: the `error_type` with its message."""
        return self.getConfig("error_type")(str(error))  # type: ignore[no-any-return]

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API)
        with instrument.timed("setup"):
            superfences = next(
                (ext for ext in md.registeredExtensions if hasattr(ext, "extend_super_fences")),
                None,
            )
            if superfences is None:
                raise self.failure(
                    "the compare extension needs `pymdownx.superfences`: list it under "
                    "`markdown_extensions` in mkdocs.yml (or before it in `extensions`)"
                )
            conversion = _Conversion(self)
            for name in BLOCK_KINDS:
                superfences.extend_super_fences(name, conversion.format, _accept,
                                                conversion.reset)
            # After `attr_list` (8), so data can never set attributes; before `abbr` (7).
            md.treeprocessors.register(_TableTreeprocessor(md, conversion), "compare_tables",
                                       7.5)
            md.registerExtension(self)


def makeExtension(**kwargs: Any) -> CompareExtension:  # noqa: N802 (Python-Markdown's API)
    """What `markdown.Markdown(extensions=["mkdocs_compare.extension"])` calls."""
    return CompareExtension(**kwargs)


def _accept(
    language: str, inputs: dict[str, str], options: dict[str, str], attrs: dict[str, str],
    md: Markdown,
) -> bool:
    """Take every block; options in its header are refused by the formatter."""
    options.update(inputs)
    return True


class _Conversion:
    """State of one Markdown conversion: which blocks have been seen and rendered."""

    def __init__(self, extension: CompareExtension) -> None:
        self.extension = extension
        self.blocks = 0
        self.in_tree: set[str] = set()
        """Rendered output to bring into the tree, as the HTML stored in the stash; see
        `_TableTreeprocessor`."""

    def reset(self, md: Markdown) -> None:
        """Forget the previous document when the same `Markdown` converts another."""
        self.blocks = 0
        self.in_tree.clear()

    def format(
        self, src: str, language: str, options: dict[str, str], md: Markdown, **_: Any
    ) -> str:
        with instrument.timed("block"):
            return self._format(src, language, options)

    def _format(self, src: str, language: str, options: dict[str, str]) -> str:
        self.blocks += 1
        kind = BLOCK_KINDS[language]
        page = self.extension.page
        path = page.path if page else "<markdown>"
        # Lines are counted from the block's opening fence (line 0); the page's own line
        # numbers are worked out only when there is an error to report.
        reader = Reader(path, 1, BlockError)
        try:
            datasets = self.extension.datasets()
        except DataError as err:
            raise self.extension.failure(err) from err
        try:
            if options:
                raise BlockError(path, 0, f"options go in the block's body, not after "
                                          f"`{language}`: write `{next(iter(options))}: ...` on "
                                          "its own line")
            block = parse_block(kind, src, reader, datasets,
                                f"{language}-{self.blocks}")
            with instrument.timed("render", kind.name):
                html = kind.render(block)
        except CompareError as err:
            raise self._error(err, language, src) from err
        except SuperFencesException:
            raise
        except Exception as err:
            # SuperFences would swallow it and show the block as code: a silent failure.
            bug = CompareError(path, 0, f"`{language}` block failed to render (a bug in the "
                                        f"compare plugin, please report it): {err!r}")
            raise self._error(bug, language, src) from err
        html = instrument.rendered(instrument.RenderedBlock(language, path, src, html))
        if kind.in_tree:
            self.in_tree.add(html)
        return html

    def _error(self, err: CompareError, language: str, src: str) -> Exception:
        """The error to raise for `err`, its line moved from the block's to the page's."""
        page = self.extension.page
        fence_line = None
        if page is not None:
            fence_line = locate(page.file.read_text(encoding="utf-8-sig"), language, src)
        line = err.line if fence_line is None or err.line is None else fence_line + err.line
        return self.extension.failure(CompareError(err.path, line, err.message))


class _TableTreeprocessor(Treeprocessor):
    """Moves rendered output that joins the tree from the raw-HTML stash into the tree.

    Blocks are rendered before the tree exists, so their HTML waits in the stash. Tables are
    brought into the tree so the rest of the page's processing treats them as text, in
    particular abbreviations (`abbr`, which runs next) get their tooltips. Diagrams stay in the
    stash: nothing may change the text inside an SVG.
    """

    def __init__(self, md: Markdown, conversion: _Conversion) -> None:
        super().__init__(md)
        self.conversion = conversion

    def run(self, root: ElementTree.Element) -> None:
        if not self.conversion.in_tree:
            return
        with instrument.timed("tree"):
            self._bring_into_tree(root)

    def _bring_into_tree(self, root: ElementTree.Element) -> None:
        stash = self.md.htmlStash
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "p" or child.text is None or len(child):
                    continue
                html = _stashed(stash.rawHtmlBlocks, child.text.strip())
                if html is not None and html in self.conversion.in_tree:
                    element = ElementTree.fromstring(html)
                    element.tail = child.tail
                    for code in element.iter("code"):
                        code.text = AtomicString(code.text or "")
                    parent.remove(child)
                    parent.insert(index, element)


_PLACEHOLDER = re.compile("^\x02wzxhzdk:(\\d+)\x03$")


def _stashed(blocks: list[str | ElementTree.Element], placeholder: str) -> str | None:
    match = _PLACEHOLDER.match(placeholder)
    if match is None or int(match[1]) >= len(blocks):
        return None
    block = blocks[int(match[1])]
    return block if isinstance(block, str) else None
