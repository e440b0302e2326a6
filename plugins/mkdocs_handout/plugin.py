"""The MkDocs side: after the build, gather the navigation's pages into the handout files."""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatch
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .config import HandoutConfig
from .document import ANSWER_KEY_ID, Chapter, Cover, Document, Part, chapters, has_answers, render
from .embed import inline_stylesheet, site_file
from .page import Content, Site, rewrite_page, site_path
from .pdf import print_pdf

log = get_plugin_logger(__name__)

STYLESHEET = Path(__file__).parent / "assets" / "handout.css"
"""Layout of the handout itself (cover, contents, a new sheet per page in print)."""


class HandoutPlugin(BasePlugin[HandoutConfig]):
    """Writes `<output_dir>/<filename>.html` (self-contained) and `.pdf` after each build."""

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
        pages = [page for page in self.nav.pages if self._included(page)]
        if not pages:
            raise PluginError("handout: `exclude` leaves no page of the navigation")
        site_dir = Path(config.site_dir)
        slugs = _slugs(pages)
        site = Site(site_dir, {site_path("/" + page.url): slugs[page.file.src_uri]
                               for page in pages}, config.site_url)
        contents = {page.file.src_uri: self._content(page, slugs[page.file.src_uri], site)
                    for page in pages}
        first = contents[pages[0].file.src_uri]
        document = Document(
            lang=first.lang or "en",
            body_attributes=first.body_attributes,
            description=config.site_description,
            css=self._css(contents.values(), site_dir),
            cover=self._cover(config),
            contents_title=self.config.contents_title,
            outline=_outline(self.nav.items, contents, slugs),
            answer_key_title=self.config.answer_key_title,
        )
        _check_anchors(document, contents)
        output = Path(self.config.output_dir)
        output.mkdir(parents=True, exist_ok=True)
        html = output / f"{self.config.filename}.html"
        html.write_text(render(document), encoding="utf-8")
        log.info("%d pages written to %s", len(pages), html)
        if self.config.pdf:
            pdf = html.with_suffix(".pdf")
            refused = print_pdf(html, pdf, chromium=self.config.chromium,
                                paper=self.config.paper, title=document.cover.title)
            for url in refused:
                log.warning("printing %s asked for %s; refused (the handout must not "
                            "need anything outside the file)", html.name, url)
            log.info("printed to %s", pdf)

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
    for page in pages:
        stem = page.file.src_uri.rsplit(".", 1)[0].replace("/", "-").lower()
        slug, number = stem, 1
        while slug in slugs.values():
            number += 1
            slug = f"{stem}-{number}"
        slugs[page.file.src_uri] = slug
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
