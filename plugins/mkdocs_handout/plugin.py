"""The MkDocs side: after the build, gather the navigation's pages into the handout files."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .config import HandoutConfig
from .document import (
    ANSWER_KEY_ID,
    RESERVED_IDS,
    Chapter,
    Cover,
    Document,
    Part,
    chapters,
    has_answers,
    render,
)
from .embed import inline_stylesheet, site_file
from .page import Content, Site, rewrite_page, site_path
from .pdf import PrintJob, count_pages, print_pdfs

log = get_plugin_logger(__name__)

STYLESHEET = Path(__file__).parent / "assets" / "handout.css"
"""Layout of the handout itself (cover, contents, a new sheet per page in print)."""


MANIFEST = "handouts.json"
"""The list of the books written, in `output_dir`."""


@dataclass(frozen=True)
class Book:
    """One handout: a self-contained HTML file and its PDF."""

    source: str | None
    """Source path of the page that declared it; None for the whole site's."""
    filename: str
    pages: list[Page]
    """In the navigation's order."""
    cover: Cover


class HandoutPlugin(BasePlugin[HandoutConfig]):
    """Writes `<output_dir>/<filename>.html` (self-contained) and `.pdf` after each build, the
    same for every book a page declares, and their list, `handouts.json`."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.nav: Navigation | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if self.config.enabled and self.config.pdf and not Path(self.config.chromium).is_file():
            raise PluginError(
                f"handout: no Chromium at `{self.config.chromium}` to print the PDF: install it"
                " (apt-get install -y chromium), set `chromium` to its path or `pdf: false`")
        return config

    def on_nav(
        self, nav: Navigation, /, *, config: MkDocsConfig, files: Files
    ) -> Navigation | None:
        self.nav = nav
        return nav

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.nav is None:
            return
        books = [self._whole(config), *self._declared(config)]
        output = Path(self.config.output_dir)
        output.mkdir(parents=True, exist_ok=True)
        written = [(book, self._write(book, config, output)) for book in books]
        entries: list[dict[str, Any]] = []
        if self.config.pdf:
            jobs = [PrintJob(html, html.with_suffix(".pdf"), book.cover.title)
                    for book, html in written]
            refusals = print_pdfs(jobs, chromium=self.config.chromium, paper=self.config.paper)
            for job, refused in zip(jobs, refusals, strict=True):
                for url in refused:
                    log.warning("printing %s asked for %s; refused (the handout must not "
                                "need anything outside the file)", job.html.name, url)
                log.info("printed to %s", job.pdf)
        for book, html in written:
            entry: dict[str, Any] = {
                "source": book.source, "title": book.cover.title,
                "html": {"name": html.name, "bytes": html.stat().st_size},
            }
            pdf = html.with_suffix(".pdf")
            if self.config.pdf:
                entry["pdf"] = {"name": pdf.name, "bytes": pdf.stat().st_size,
                                "pages": count_pages(pdf)}
            entries.append(entry)
        manifest = output / MANIFEST
        manifest.write_text(json.dumps({"books": entries}, indent=2) + "\n", encoding="utf-8")
        log.info("%d handouts listed in %s", len(entries), manifest)

    def _whole(self, config: MkDocsConfig) -> Book:
        assert self.nav is not None
        pages = [page for page in self.nav.pages if self._included(page)]
        if not pages:
            raise PluginError("handout: `exclude` leaves no page of the navigation")
        return Book(None, self.config.filename, pages, self._cover(config))

    def _declared(self, config: MkDocsConfig) -> list[Book]:
        """The books pages declare in their metadata (`book_key`), in navigation order."""
        assert self.nav is not None
        books = []
        for page in self.nav.pages:
            declared = page.meta.get(self.config.book_key)
            if declared is None:
                continue
            where = f"handout: {page.file.src_uri}: `{self.config.book_key}`"
            if not isinstance(declared, dict) or not isinstance(declared.get("filename"), str) \
                    or not isinstance(declared.get("pages", []), list) \
                    or not isinstance(declared.get("cover", {}), dict):
                raise PluginError(f"{where} must be a mapping with `filename` (text), `pages` "
                                  "(a list of source paths) and `cover` (a mapping)")
            wanted = set(declared.get("pages") or [page.file.src_uri])
            missing = wanted - {p.file.src_uri for p in self.nav.pages}
            if missing:
                raise PluginError(f"{where}: {', '.join(sorted(missing))} is not a page of "
                                  "the navigation")
            pages = [p for p in self.nav.pages if p.file.src_uri in wanted and self._included(p)]
            if not pages:
                raise PluginError(f"{where}: `exclude` leaves none of its pages")
            lines = {name: value for name, value in declared.get("cover", {}).items()
                     if isinstance(value, str)}
            cover = replace(self._cover(config), title=lines.get("title") or page.title
                            or config.site_name, subtitle=lines.get("subtitle"),
                            author=lines.get("author"), organization=lines.get("organization"),
                            date=lines.get("date"))
            books.append(Book(page.file.src_uri, declared["filename"], pages, cover))
        names = [book.filename for book in books] + [self.config.filename]
        doubles = sorted({name for name in names if names.count(name) > 1})
        if doubles:
            raise PluginError(f"handout: two books are named {', '.join(doubles)}; give each "
                              "its own file name")
        return books

    def _write(self, book: Book, config: MkDocsConfig, output: Path) -> Path:
        """Write the book's HTML file; returns its path."""
        assert self.nav is not None
        site_dir = Path(config.site_dir)
        slugs = _slugs(book.pages)
        site = Site(site_dir, {site_path("/" + page.url): slugs[page.file.src_uri]
                               for page in book.pages}, config.site_url)
        contents = {page.file.src_uri: self._content(page, slugs[page.file.src_uri], site)
                    for page in book.pages}
        first = contents[book.pages[0].file.src_uri]
        document = Document(
            lang=first.lang or "en",
            body_attributes=first.body_attributes,
            description=config.site_description,
            css=self._css(contents.values(), site_dir),
            cover=book.cover,
            contents_title=self.config.contents_title,
            outline=_outline(self.nav.items, contents, slugs),
            answer_key_title=self.config.answer_key_title,
        )
        _check_anchors(document, contents)
        html = output / f"{book.filename}.html"
        html.write_text(render(document), encoding="utf-8")
        log.info("%d pages written to %s", len(book.pages), html)
        return html

    def _included(self, page: Page) -> bool:
        return not any(fnmatch(page.file.src_uri, pattern) for pattern in self.config.exclude)

    def _content(self, page: Page, slug: str, site: Site) -> Content:
        built = Path(page.file.abs_dest_path)
        content = rewrite_page(built.read_text(encoding="utf-8"), "/" + page.url, slug, site,
                               answer_class=self.config.answer_class,
                               answer_reference=self.config.answer_reference)
        for problem in content.problems:
            log.warning("%s: %s", page.file.src_uri, problem)
        return content

    def _css(self, contents: Iterable[Content], site_dir: Path) -> str:
        sheets: list[str] = []
        for content in contents:
            sheets.extend(path for path in content.stylesheets if path not in sheets)
        parts = []
        for path in sheets:
            file = site_file(site_dir, path)
            if file is None:
                log.warning("stylesheet %s is not in the built site; left out", path)
                continue
            css, dropped = inline_stylesheet(file.read_text(encoding="utf-8"), path, site_dir)
            for url in dropped:
                log.info("%s: url(%s) names no file of the site; left out", path, url)
            parts.append(f"/* {path} */\n{css}")
        parts.append(f"/* handout */\n{STYLESHEET.read_text(encoding='utf-8')}")
        return "\n".join(parts)

    def _cover(self, config: MkDocsConfig) -> Cover:
        cover = self.config.cover
        return Cover(
            title=cover.title or config.site_name,
            subtitle=cover.subtitle,
            author=cover.author or config.site_author,
            organization=cover.organization,
            date=cover.date,
            copyright=config.copyright,
            site_url=config.site_url,
        )


def _outline(
    items: list[StructureItem], contents: dict[str, Content], slugs: dict[str, str],
) -> tuple[Part | Chapter, ...]:
    """The navigation's sections and pages that are in the handout, in its order."""
    outline: list[Part | Chapter] = []
    for item in items:
        if isinstance(item, Page) and item.file.src_uri in contents:
            key = item.file.src_uri
            outline.append(Chapter(slugs[key], item.title or slugs[key], contents[key].body,
                                   tuple(contents[key].headings), tuple(contents[key].answers)))
        elif isinstance(item, Section):
            children = _outline(item.children, contents, slugs)
            if children:
                outline.append(Part(item.title, children))
        # Links of the navigation lead elsewhere: nothing of theirs to print.
    return tuple(outline)


def _slugs(pages: list[Page]) -> dict[str, str]:
    """A readable, unique id per page (by source path), from its source path
    (`virtualization/purpose.md` → `virtualization-purpose`)."""
    slugs: dict[str, str] = {}
    taken = set(RESERVED_IDS)
    for page in pages:
        stem = page.file.src_uri.rsplit(".", 1)[0].replace("/", "-").lower()
        slug, number = stem, 1
        while slug in taken:
            number += 1
            slug = f"{stem}-{number}"
        slugs[page.file.src_uri] = slug
        taken.add(slug)
    return slugs


def _check_anchors(document: Document, contents: dict[str, Content]) -> None:
    """Warn about links in the file that lead nowhere in it (MkDocs checked them on the site;
    this checks that the rewriting kept them)."""
    ids = {chapter.slug for chapter in chapters(document.outline)}
    if has_answers(document):
        ids.add(ANSWER_KEY_ID)
    for content in contents.values():
        ids |= content.ids
    for source, content in contents.items():
        for target in sorted(content.anchors - ids):
            log.warning("%s: link to #%s leads to no id in the handout", source, target)
