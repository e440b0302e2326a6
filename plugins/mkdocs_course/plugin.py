"""The MkDocs side: lectures found in the navigation, their metadata shown where it belongs.

- `on_files`: the handout files listed in `downloads_dir` go into the site's `downloads/`;
- `on_nav`: every page whose front matter has `lecture` is a lecture's overview, in navigation
  order (the course's order); its section is named after the lecture's title;
- `on_page_markdown`: an overview gets its heading and facts above its own text and declares
  its handout (a book for the `handout` plugin); a `course-schedule` block becomes the schedule;
- `on_page_context`: the glossary's entries name the lectures whose pages use the term.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from pymdownx.superfences import SuperFencesException

from . import render
from .config import CourseConfig
from .downloads import Download, read_manifest
from .lectures import Lecture, LectureError, read_lecture

log = get_plugin_logger(__name__)

SCHEDULE_BLOCK = "course-schedule"
"""The fenced block that becomes the schedule: a line of three backticks and this word, then a
closing line of three backticks."""


class ScheduleError(SuperFencesException, PluginError):  # type: ignore[misc]
    """A bad schedule block: SuperFences lets only its own exceptions through, and MkDocs
    stops the build cleanly on a PluginError."""


class CoursePlugin(BasePlugin[CourseConfig]):
    """Reads each lecture's metadata from its overview page and shows it everywhere."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.lectures: list[Lecture] = []
        self.pages: dict[Lecture, list[str]] = {}
        self.titles: dict[str, str] = {}
        self.downloads: dict[str | None, tuple[Download, ...]] = {}
        self.texts: dict[str, str] = {}
        """The text of every page converted so far, by source path (for the glossary)."""
        self.page: Page | None = None
        self.files: Files | None = None
        self.project_dir = Path.cwd()

    # --- hooks ------------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self.project_dir = (Path(config.config_file_path).resolve().parent
                            if config.config_file_path else Path.cwd())
        config.markdown_extensions.append(_ScheduleExtension(self))  # type: ignore[arg-type]
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        folder = self.project_dir / self.config.downloads_dir
        try:
            self.downloads = read_manifest(folder)
        except (ValueError, KeyError, TypeError) as err:
            raise PluginError(f"course: {folder / 'handouts.json'} is not a list of handouts "
                              f"({err}); build the handouts again") from err
        for download in {d for book in self.downloads.values() for d in book}:
            files.append(File.generated(config, download.site_path,
                                        abs_src_path=str(download.path)))
        self.files = files
        return files

    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        if not self.config.enabled:
            return nav
        self.lectures, self.pages = [], {}
        for page in nav.pages:
            if page.title is None:
                # Untitled in the nav: MkDocs takes the title from the page (front matter,
                # first heading, file name) when it reads it, after a schedule may be written.
                page.read_source(config)
        self.titles = {page.file.src_uri: page.title or page.file.src_uri
                       for page in nav.pages}
        known = {page.file.src_uri for page in nav.pages}
        for page in nav.pages:
            lecture = self._lecture(page)
            if lecture is None:
                continue
            display = self._display(page)
            for lab in lecture.labs:
                if lab not in known:
                    raise PluginError(f"{display}: lab `{lab}` is not a page of the navigation;"
                                      " write its path relative to the docs folder, as in the "
                                      "`nav` of mkdocs.yml")
            section = page.parent
            if isinstance(section, Section) and _first_page(section) is page:
                section.title = lecture.title
                own = [child.file.src_uri for child in _pages(section)]
            else:
                own = [page.file.src_uri]
            self.lectures.append(lecture)
            self.pages[lecture] = own + [lab for lab in lecture.labs if lab not in own]
            self.titles[page.file.src_uri] = lecture.title
            if self.config.require_downloads and lecture.source not in self.downloads:
                log.warning("%s: lecture `%s` has no handout in %s/; build the handouts first "
                            "(README: Handout)", display, lecture.title,
                            self.config.downloads_dir)
        if self.config.require_downloads and None not in self.downloads:
            log.warning("the course has no handout in %s/; build the handouts first "
                        "(README: Handout)", self.config.downloads_dir)
        return nav

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return markdown
        self.page = page
        lecture = self._by_source(page.file.src_uri)
        if lecture is None:
            return markdown
        shown = self._facts(lecture)
        page.meta[self.config.handout_key] = {
            "filename": self.filename(lecture),
            "pages": self.pages[lecture],
            "cover": {"title": shown.title, "subtitle": config.site_name,
                      "author": shown.lecturer, "organization": shown.university,
                      "date": shown.date},
        }
        header = render.overview_header(lecture, shown, self.titles,
                                         self.downloads.get(lecture.source, ()))
        return header + markdown

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.config.enabled:
            self.texts[page.file.src_uri] = _text(html)
        return html

    def on_page_context(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        if not self.config.enabled or page.file.src_uri != self.config.glossary:
            return context
        if page.content is not None:
            page.content = render.add_used_in(page.content,
                                              lambda term: self._used_in(term, page))
        return context

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        folder = self.project_dir / self.config.downloads_dir
        if self.config.enabled and folder.is_dir():
            server.watch(str(folder / "handouts.json"))
        return server

    # --- for the schedule block and others --------------------------------------------------

    def filename(self, lecture: Lecture) -> str:
        """The handout files' name without extension: `T-401-ICYB-virtualization`."""
        return f"{self.config.code}-{lecture.slug}"

    def schedule(self) -> str:
        """The schedule, for the page being converted."""
        page = self.page
        rows = [
            render.ScheduleRow(lecture, self._facts(lecture),
                               tuple((self.titles.get(lab, lab), lab) for lab in lecture.labs),
                               self.downloads.get(lecture.source, ()))
            for lecture in self.lectures
        ]
        return render.schedule(rows, self.downloads.get(None, ()), self._href(page))

    # --- helpers ----------------------------------------------------------------------------

    def _lecture(self, page: Page) -> Lecture | None:
        if not page.file.abs_src_path:
            return None
        try:
            return read_lecture(Path(page.file.abs_src_path), page.file.src_uri,
                                self._display(page))
        except LectureError as err:
            raise PluginError(str(err)) from err

    def _display(self, page: Page) -> str:
        if not page.file.abs_src_path:
            return page.file.src_uri
        path = Path(page.file.abs_src_path)
        return (path.relative_to(self.project_dir).as_posix()
                if path.is_relative_to(self.project_dir) else str(path))

    def _by_source(self, source: str) -> Lecture | None:
        return next((lecture for lecture in self.lectures if lecture.source == source), None)

    def _facts(self, lecture: Lecture) -> render.Facts:
        return render.facts(lecture, self.config.code, self.config.date_format)

    def _href(self, page: Page | None) -> render.Href:
        files = self.files

        def href(target: str) -> str:
            file = files.get_file_from_path(target) if files is not None else None
            url = file.url if file is not None else target
            return get_relative_url(url, page.url) if page is not None else url

        return href

    def _used_in(self, term: str, glossary: Page) -> list[tuple[str, str]]:
        names = render.term_names(term)
        href = self._href(glossary)
        found = []
        for lecture in self.lectures:
            texts = (self.texts.get(source, "") for source in self.pages[lecture]
                     if source != glossary.file.src_uri)
            if any(render.uses(name, text) for text in texts for name in names):
                found.append((lecture.title, href(lecture.source)))
        return found


class _ScheduleExtension(Extension):
    """Teaches SuperFences the `course-schedule` block."""

    def __init__(self, plugin: CoursePlugin) -> None:
        super().__init__()
        self.plugin = plugin

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's API)
        superfences = next(
            (ext for ext in md.registeredExtensions if hasattr(ext, "extend_super_fences")), None)
        if superfences is None:
            raise PluginError("course: the schedule block needs `pymdownx.superfences` under "
                              "`markdown_extensions` in mkdocs.yml")
        superfences.extend_super_fences(SCHEDULE_BLOCK, self._format, _accept, _reset)

    def _format(self, src: str, language: str, options: dict[str, str], md: Markdown,
                **_: Any) -> str:
        if src.strip():
            page = self.plugin.page
            where = page.file.src_uri if page is not None else "<markdown>"
            raise ScheduleError(f"{where}: the `{SCHEDULE_BLOCK}` block takes no content; leave "
                              "it empty (the schedule is written from the lectures' front matter)")
        return self.plugin.schedule()


def _accept(language: str, inputs: dict[str, str], options: dict[str, str],
            attrs: dict[str, str], md: Markdown) -> bool:
    return True


def _reset(md: Markdown) -> None:
    return None


def _pages(section: Section) -> list[Page]:
    pages: list[Page] = []
    for child in section.children:
        if isinstance(child, Page):
            pages.append(child)
        elif isinstance(child, Section):
            pages.extend(_pages(child))
    return pages


def _first_page(section: Section) -> Page | None:
    return next(iter(_pages(section)), None)


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []

    def handle_data(self, data: str) -> None:
        self.words.append(data)


def _text(html: str) -> str:
    """The words of a page's HTML, tags left out."""
    parser = _Words()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.words).split())
