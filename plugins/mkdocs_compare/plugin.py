"""The MkDocs side of the rendering core (`extension`).

It loads the data once when each build starts (a build is one process's work, or one rebuild
of `mkdocs serve`), so that a bad data file stops the build before any page; hands the datasets
and the page being converted to the extension; keeps the data files out of the site; adds the
stylesheet; watches the data folder under `mkdocs serve`; and turns bad input into a clean
build failure.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import DuplicateFilter

from . import instrument
from .blocks import BLOCK_KINDS
from .blocks.locate import fenced_blocks, locate
from .config import CompareConfig
from .data.load import data_files, load_datasets
from .data.namespaces import load_all_datasets, namespace_of, namespaces
from .errors import CompareError, display_path
from .extension import BlockRenderError, CompareExtension, PageSource

log = get_plugin_logger(__name__)

STYLESHEET = "assets/stylesheets/compare.css"
"""Where the plugin's stylesheet is written in the built site."""


class CompareBuildError(PluginError):
    """Bad data or a bad block: MkDocs stops the build with the located message alone."""


class PageBlockRenderError(BlockRenderError, CompareBuildError):
    """A bad block in a page: SuperFences lets it through, MkDocs stops the build cleanly."""


class ComparePlugin(BasePlugin[CompareConfig]):
    """Renders the blocks of every page from the datasets in `data_dir`."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.extension = CompareExtension(error_type=PageBlockRenderError)
        self.dirty = False
        """Whether the build (or `mkdocs serve`) rebuilds only what changed (`--dirty`)."""
        self.data_dir: Path | None = None
        self.project_dir = Path.cwd()
        """Folder of `mkdocs.yml`: paths in messages are shown relative to it."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this hook also keeps one plugin instance for a whole `mkdocs serve`.
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # Set first: with the plugin off, its refusal of a block names the page from here too.
        self.project_dir = (Path(config.config_file_path).resolve().parent
                            if config.config_file_path else Path.cwd())
        if not self.config.enabled:
            return config
        self.data_dir = Path(config.docs_dir, self.config.data_dir).resolve()
        if not self.data_dir.is_dir():
            raise CompareBuildError(
                f"compare: data_dir `{self.data_dir}` is not a folder; create it or set"
                " `data_dir` (relative to docs_dir) under the plugin in mkdocs.yml"
            )
        try:
            with instrument.timed("load"):
                datasets = load_all_datasets(self.data_dir, self.project_dir, load_datasets)
        except CompareError as err:
            raise CompareBuildError(str(err)) from err
        self.extension.setConfig("datasets", datasets)
        config.markdown_extensions.append(self.extension)  # type: ignore[arg-type]
        if self.config.stylesheet:
            config.extra_css.append(STYLESHEET)
        log.debug("loaded %d datasets from %s", len(datasets), self.data_dir)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.data_dir is None:
            return files
        # The data folder as written (`docs/data`, perhaps a link) and where it really is: a
        # file under either is a source, never published, however links lead to it.
        written = Path(os.path.normpath(Path(config.docs_dir, self.config.data_dir)))
        for file in [file for file in files if _is_inside(file, written, self.data_dir)]:
            files.remove(file)
        if self.dirty:
            self._rebuild_pages_older_than_the_data(files)
        if self.config.stylesheet:
            stylesheet = Path(__file__).parent / "assets" / "compare.css"
            files.append(File.generated(config, STYLESHEET, abs_src_path=str(stylesheet)))
        return files

    def _rebuild_pages_older_than_the_data(self, files: Files) -> None:
        """Under `--dirty`, MkDocs rebuilds a page only when its file is newer than its output.
        A page with a block shows the data too: it is rebuilt when the data is newer."""
        assert self.data_dir is not None
        # The folders count: removing a file changes only its folder's time.
        folders = [self.data_dir, *namespaces(self.data_dir)]
        sources = [path for folder in folders for path in (folder, *data_files(folder))]
        newest = max(path.stat().st_mtime for path in sources)
        for file in files.documentation_pages():
            output = Path(file.abs_dest_path)
            if file.abs_src_path is None or not output.is_file():
                continue  # built anyway
            if output.stat().st_mtime >= newest:
                continue
            text = Path(file.abs_src_path).read_text(encoding="utf-8-sig")
            if any(block.name in BLOCK_KINDS for block in fenced_blocks(text)):
                file.is_modified = _modified  # type: ignore[method-assign]

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            self._refuse_blocks(markdown, page)
            return markdown
        if page.file.abs_src_path:
            source = Path(page.file.abs_src_path)
            self.extension.page = PageSource(display_path(source, self.project_dir), source,
                                             self.project_dir, self._namespace(page))
        else:  # a page another plugin generated: no file to point into
            self.extension.page = PageSource(page.file.src_uri, None, self.project_dir,
                                             self._namespace(page))
        return markdown

    def _namespace(self, page: Page) -> str | None:
        """The page's lecture folder, when the data folder has datasets of that name."""
        datasets = self.extension.getConfig("datasets")
        return namespace_of(page.file.src_uri, datasets)

    def _refuse_blocks(self, markdown: str, page: Page) -> None:
        """With the plugin off, a block would be shown as its YAML: stop instead."""
        for block in fenced_blocks(markdown):
            if block.name in BLOCK_KINDS:
                line = block.opening + 1
                if page.file.abs_src_path:
                    source = Path(page.file.abs_src_path)
                    text = source.read_text(encoding="utf-8-sig")
                    line = locate(text, block.name, block.body, whole=block.closed) or line
                    where = display_path(source, self.project_dir)
                else:
                    where = page.file.src_uri
                raise CompareBuildError(f"{where}:{line}: the compare plugin is off (`enabled: "
                                        f"false` in mkdocs.yml), so this `{block.name}` block "
                                        "cannot be rendered; remove the block or turn the "
                                        "plugin on")

    def on_build_error(self, *, error: Exception) -> None:
        """Let our message through MkDocs' duplicate filter, which it is about to pass.

        MkDocs logs a build's error through a filter that drops any message it has logged
        before in the process: under `mkdocs serve`, the same mistake made twice would show
        only "Aborted with a BuildError!" the second time. The filter keeps its purpose (one
        warning per build for repeated warnings); an error that stops the build is shown each
        time it stops it.
        """
        if isinstance(error, CompareBuildError):
            for log_filter in logging.getLogger("mkdocs.commands.build").filters:
                if isinstance(log_filter, DuplicateFilter):
                    log_filter.msgs.discard(str(error))

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if self.config.enabled and self.data_dir is not None:
            server.watch(str(self.data_dir))
        return server


def _is_inside(file: File, *folders: Path) -> bool:
    """Whether `file`'s source is in one of `folders`, as its path is written or resolved."""
    if file.abs_src_path is None:
        return False
    source = Path(file.abs_src_path)
    return any(source.is_relative_to(folder) or source.resolve().is_relative_to(folder)
               for folder in folders)


def _modified() -> bool:
    return True
