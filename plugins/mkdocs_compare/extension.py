"""The rendering core as a Python-Markdown extension, independent of MkDocs.

It teaches pymdown-extensions' SuperFences a fence for every block kind (`blocks`) and renders
blocks from the datasets of a data folder. Any tool that runs Python-Markdown extensions can
use it:

    markdown.markdown(text, extensions=["pymdownx.superfences", "mkdocs_compare"],
                      extension_configs={"mkdocs_compare": {"data_dir": "docs/data"}})

The data is read and validated once per process and again only when a file changes. A bad
block or data file raises `BlockRenderError` with a located message; so does a block that
would otherwise be shown as code without a word (a misspelt kind, options after the kind,
a block never closed). The MkDocs plugin passes the datasets it loaded itself (`datasets`)
and an error type that stops a build cleanly.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any
from xml.etree import ElementTree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, AtomicString
from pymdownx.superfences import SuperFencesException

from . import instrument
from .blocks import BLOCK_KINDS, parse_block
from .blocks.locate import FencedBlock, fenced_blocks, locate
from .data.load import DataStore
from .data.model import Dataset
from .data.namespaces import DatasetScope, load_all_datasets
from .data.reader import Reader
from .errors import BlockError, CompareError, DataError, display_path


class BlockRenderError(SuperFencesException):
    """A bad block. SuperFences swallows every other exception from a fence."""


@dataclass(frozen=True)
class PageSource:
    """The page being converted, so errors can name its file and line."""

    path: str
    """The page as messages name it."""
    file: Path | None
    """The page's file, read again only to find where a failing block stands (front matter
    included, so that line numbers match the file). `None` for a page no file holds (one
    another plugin generated): its errors count lines from the block."""
    display_root: Path = field(default_factory=Path.cwd)
    """Files the page includes (snippets) are named relative to this folder."""
    namespace: str | None = None
    """The data folder's namespace the page is in (its lecture's folder): its blocks reach
    that namespace's datasets by their short names (`data.namespaces`)."""


_NOT_GIVEN: Mapping[str, Dataset] = MappingProxyType({})
"""The `datasets` option's default (Python-Markdown turns a default of `None` into a bool)."""

_STORES: dict[tuple[Path, Path], DataStore] = {}
"""One store per data folder (and message root) for the whole process."""


def data_store(data_dir: Path, display_root: Path) -> DataStore:
    """The process's store for `data_dir`, made on first use."""
    key = (data_dir.resolve(), display_root.resolve())
    if key not in _STORES:
        _STORES[key] = DataStore(*key, load=load_all_datasets)
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
            conversion = _Conversion(self, md)
            for name in BLOCK_KINDS:
                superfences.extend_super_fences(name, conversion.format, _accept,
                                                conversion.reset)
            # After snippets (32) have put included text in place, before SuperFences (31.05).
            md.preprocessors.register(_BlockCheck(md, conversion), "compare_block_check", 31.5)
            # After `attr_list` (8), so data can never set attributes; before `abbr` (7).
            md.treeprocessors.register(_IntoTree(md, conversion), "compare_into_tree", 7.5)
            md.registerExtension(self)


def makeExtension(**kwargs: Any) -> CompareExtension:  # noqa: N802 (Python-Markdown's API)
    """What `markdown.Markdown(extensions=["mkdocs_compare.extension"])` calls."""
    return CompareExtension(**kwargs)


def _accept(
    language: str, inputs: dict[str, str], options: dict[str, str], attrs: dict[str, str],
    md: Markdown,
) -> bool:
    """Take every block; anything after the kind on the opening line is refused before
    (`_BlockCheck`)."""
    return True


class _Conversion:
    """State of one Markdown conversion: which blocks have been seen and rendered."""

    def __init__(self, extension: CompareExtension, md: Markdown) -> None:
        self.extension = extension
        self.md = md
        self.blocks = 0
        self.into_tree: set[str] = set()
        """Rendered output to bring into the tree, as the HTML stored in the stash; see
        `_IntoTree`."""
        self.placeholders: list[str] = []
        """The stash's placeholder of each SVG kept out of the tree, by marker number."""
        self.text = ""
        """The document as converted (included files in place), for a page with no file."""

    def reset(self, md: Markdown) -> None:
        """Forget the previous document when the same `Markdown` converts another."""
        self.blocks = 0
        self.into_tree.clear()
        self.placeholders.clear()
        self.text = ""

    def format(
        self, src: str, language: str, options: dict[str, str], md: Markdown, **_: Any
    ) -> str:
        with instrument.timed("block"):
            return self._format(src, language)

    def _format(self, src: str, language: str) -> str:
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
        datasets = DatasetScope(datasets, page.namespace if page else None)
        try:
            block = parse_block(kind, src, reader, datasets, f"{language}-{self.blocks}")
            with instrument.timed("render", kind.name):
                html = kind.render(block)
        except CompareError as err:
            raise self._located(err, language, src.split("\n")) from err
        except Exception as err:
            # SuperFences would swallow it and show the block as code: a silent failure.
            bug = CompareError(path, 0, f"`{language}` block failed to render (a bug in the "
                                        f"compare plugin, please report it): {err!r}")
            raise self._located(bug, language, src.split("\n")) from err
        html = instrument.rendered(instrument.RenderedBlock(language, path, src, html))
        if kind.in_tree:
            html = _SVG.sub(self._stash, html)
            self.into_tree.add(html)
        return html

    def _stash(self, svg: re.Match[str]) -> str:
        """A marker element for `svg`, which waits in the stash behind a placeholder."""
        self.placeholders.append(self.md.htmlStash.store(svg[0]))
        return f'<compare-stashed n="{len(self.placeholders) - 1}"/>'

    def _located(self, err: CompareError, name: str, body: list[str], *,
                 whole: bool = True) -> Exception:
        """The error to raise for `err`, whose line counts from the block `name`'s opening
        fence (line 0), moved to the file and line where that block stands."""
        origin = self.origin(name, body, whole=whole)
        if origin is None or err.line is None:
            where = "" if err.line is None else f" (line {err.line} of the `{name}` block)"
            return self.extension.failure(CompareError(err.path, None, err.message + where))
        path, fence_line = origin
        return self.extension.failure(CompareError(path, fence_line + err.line, err.message))

    def origin(self, name: str, body: list[str], *, whole: bool,
               info: str | None = None) -> tuple[str, int] | None:
        """The file (as messages name it) and line where the first block `name` with `body`
        (and `info` after its name, if given) stands: in the page, or in a file it includes."""
        for path, text in self._sources():
            line = locate(text, name, body, whole=whole, info=info,
                          tab_length=self.md.tab_length)
            if line is not None:
                return path, line
        return None

    def _sources(self) -> Iterator[tuple[str, str]]:
        """The page's text, then the texts of the files it includes with pymdown-extensions'
        snippets (named in the page, or appended to every page)."""
        page = self.extension.page
        if page is None:
            yield "<markdown>", self.text
            return
        if page.file is None:
            return
        text = page.file.read_text(encoding="utf-8-sig")
        yield page.path, text
        if "snippet" not in self.md.preprocessors:
            return
        snippets: Any = self.md.preprocessors["snippet"]
        names = [match["snippet"][1:-1] for line in text.split("\n")
                 if (match := snippets.RE_ALL_SNIPPETS.match(line)) and match["snippet"]]
        for name in [*names, *(snippets.auto_append or [])]:
            found = snippets.get_snippet_path(name)
            if found is not None:
                included = Path(found)
                yield (display_path(included.resolve(), page.display_root.resolve()),
                       included.read_text(encoding="utf-8-sig"))


class _BlockCheck(Preprocessor):
    """Stops at fences that look like blocks but would be shown as code without a word: a
    kind misspelt or in capitals, options or attributes after the kind, a block never
    closed."""

    def __init__(self, md: Markdown, conversion: _Conversion) -> None:
        super().__init__(md)
        self.conversion = conversion

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        self.conversion.text = text
        for block in fenced_blocks(text, self.md.tab_length):
            problem = _problem(block)
            if problem is not None:
                raise self._error(block, problem)
        return lines

    def _error(self, block: FencedBlock, problem: str) -> Exception:
        conversion = self.conversion
        page = conversion.extension.page
        # A block never closed runs to the end of the text, which differs between the page
        # as converted and the file: only its first lines can be compared.
        body = list(block.body if block.closed else block.body[:3])
        found = conversion.origin(block.name, body, whole=block.closed, info=block.info)
        if found is None:
            path = page.path if page else "<markdown>"
            return conversion.extension.failure(CompareError(path, block.opening + 1, problem))
        return conversion.extension.failure(CompareError(*found, problem))


def _problem(block: FencedBlock) -> str | None:
    """What is wrong with a fence that names, or nearly names, a kind of block."""
    kinds = list(BLOCK_KINDS)
    if block.name not in BLOCK_KINDS:
        lowered = block.name.lower()
        if lowered in BLOCK_KINDS:
            return (f"block kinds are written in lower case: write `{lowered}`, not "
                    f"`{block.name}`")
        close = difflib.get_close_matches(lowered, kinds, n=1, cutoff=0.8)
        if close or lowered.startswith("compare-"):
            guess = f"did you mean `{close[0]}`? " if close else ""
            return (f"unknown kind of block `{block.name}`; {guess}the kinds are: "
                    f"{', '.join(kinds)}")
        return None
    if block.info:
        return (f"nothing may follow `{block.name}` on the opening line, but `{block.info}` "
                "does: write each option on its own line in the block's body (`key: value`); "
                "a block takes no id or class")
    if not block.closed:
        return (f"the `{block.name}` block is never closed; end it with a line holding only "
                "the opening's backticks (or tildes)")
    return None


_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
"""An inline SVG: kept out of the tree, so that nothing may alter its text."""


class _IntoTree(Treeprocessor):
    """Moves rendered output that joins the tree from the raw-HTML stash into the tree.

    Blocks are rendered before the tree exists, so their HTML waits in the stash. Output is
    brought into the tree so the rest of the page's processing treats it as the page's own
    text: abbreviations (`abbr`, which runs next) get their tooltips, and MkDocs rewrites and
    checks links. SVG drawings stay in the stash, each behind a placeholder: nothing may change
    the text inside an SVG.
    """

    def __init__(self, md: Markdown, conversion: _Conversion) -> None:
        super().__init__(md)
        self.conversion = conversion

    def run(self, root: ElementTree.Element) -> None:
        if not self.conversion.into_tree:
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
                if html is not None and html in self.conversion.into_tree:
                    element = ElementTree.fromstring(html)
                    element.tail = child.tail
                    _as_data(element, self.conversion.placeholders)
                    parent.remove(child)
                    parent.insert(index, element)


def _as_data(element: ElementTree.Element, placeholders: list[str]) -> None:
    """Keep the rendered text as it is through the rest of the conversion.

    Python-Markdown writes a `&` that starts something entity-like as it is, so that `AT&amp;T`
    from data would show as `AT&T`: every `&` becomes the substitute its serializer turns
    back into `&amp;`. Code stays code (no abbreviations), and each stashed SVG's marker
    becomes its placeholder, which Python-Markdown replaces with the SVG at the end.
    """
    amp = f"{AMP_SUBSTITUTE}amp;"
    for node in list(element.iter()):
        for key, value in node.attrib.items():
            node.set(key, value.replace("&", amp))
        if node.text:
            node.text = node.text.replace("&", amp)
        if node.tail:
            node.tail = node.tail.replace("&", amp)
        if node.tag == "code":
            node.text = AtomicString(node.text or "")
        for child in list(node):
            if child.tag == "compare-stashed":
                stashed = placeholders[int(child.get("n", "0"))]
                node.text = AtomicString(f"{node.text or ''}{stashed}{child.tail or ''}")
                node.remove(child)
    for quiet in _repeats(element):
        for node in quiet.iter():
            node.text = AtomicString(node.text) if node.text else node.text
            if node is not quiet and node.tail:
                node.tail = AtomicString(node.tail)


def _repeats(element: ElementTree.Element) -> list[ElementTree.Element]:
    """The parts of the output that say its facts a second time: a diagram's text alternative
    and a table's legend. They get no abbreviation tooltips: the facts' first showing has
    them, and the theme's script sets up every tooltip on every page load (on a page of
    diagrams, a cost a phone feels)."""
    return [node for node in element.iter()
            if node.tag == "tfoot" or "compare-diagram__text" in node.get("class", "").split()]


_PLACEHOLDER = re.compile("^\x02wzxhzdk:(\\d+)\x03$")


def _stashed(blocks: list[str | ElementTree.Element], placeholder: str) -> str | None:
    match = _PLACEHOLDER.match(placeholder)
    if match is None or int(match[1]) >= len(blocks):
        return None
    block = blocks[int(match[1])]
    return block if isinstance(block, str) else None
