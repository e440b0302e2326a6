"""The MkDocs side of the rendering core (`extension`).

It loads the data once when each build starts (a build is one process's work, or one rebuild
of `mkdocs serve`), so that a bad data file stops the build before any page; hands the datasets
and the page being converted to the extension; keeps the data files out of the site; adds the
stylesheet; watches the data folder under `mkdocs serve`; and turns bad input into a clean
build failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import instrument
from .blocks import BLOCK_KINDS
from .blocks.locate import fenced_blocks, locate
from .config import CompareConfig
from .data.namespaces import load_all_datasets, namespace_of
from .errors import CompareError, display_path
from .extension import BlockRenderError, CompareExtension, PageSource

log = get_plugin_logger(__name__)

STYLESHEET = "assets/stylesheets/compare.css"
"""Where the plugin's stylesheet is written in the built site."""


class PageBlockRenderError(BlockRenderError, PluginError):
    """A bad block in a page: SuperFences lets it through, MkDocs stops the build cleanly."""


class ComparePlugin(BasePlugin[CompareConfig]):
    """Renders the blocks of every page from the datasets in `data_dir`."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.extension = CompareExtension(error_type=PageBlockRenderError)
        self.data_dir: Path | None = None
        self.project_dir = Path.cwd()
        """Folder of `mkdocs.yml`: paths in messages are shown relative to it."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self.project_dir = Path(config.config_file_path or ".").resolve().parent
        self.data_dir = Path(config.docs_dir, self.config.data_dir).resolve()
        if not self.data_dir.is_dir():
            raise PluginError(
                f"compare: data_dir `{self.data_dir}` is not a folder; create it or set"
                " `data_dir` (relative to docs_dir) under the plugin in mkdocs.yml"
            )
        try:
            with instrument.timed("load"):
                datasets = load_all_datasets(self.data_dir, self.project_dir)
        except CompareError as err:
            raise PluginError(str(err)) from err
        self.extension.setConfig("datasets", datasets)
        config.markdown_extensions.append(self.extension)  # type: ignore[arg-type]
        if self.config.stylesheet:
            config.extra_css.append(STYLESHEET)
        log.debug("loaded %d datasets from %s", len(datasets), self.data_dir)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.data_dir is None:
            return files
        docs_dir = Path(config.docs_dir).resolve()
        if self.data_dir.is_relative_to(docs_dir):
            prefix = self.data_dir.relative_to(docs_dir).as_posix() + "/"
            for file in [file for file in files if file.src_uri.startswith(prefix)]:
                files.remove(file)
        if self.config.stylesheet:
            stylesheet = Path(__file__).parent / "assets" / "compare.css"
            files.append(File.generated(config, STYLESHEET, abs_src_path=str(stylesheet)))
        return files

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
                raise PluginError(f"{where}:{line}: the compare plugin is off (`enabled: false` "
                                  f"in mkdocs.yml), so this `{block.name}` block cannot be "
                                  "rendered; remove the block or turn the plugin on")

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if self.config.enabled and self.data_dir is not None:
            server.watch(str(self.data_dir))
        return server
