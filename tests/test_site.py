"""The built course site: titles, abbreviations, the home page, links and published files.

Every test reads the HTML that `mkdocs build --strict` wrote for the real `mkdocs.yml`
(the session fixture `site`). That no page asks another host for anything is tested in
test_publishing.py, for this build and the offline export alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
CONFIG_FILE = ROOT / "mkdocs.yml"
ABBREVIATIONS_FILE = ROOT / "docs" / "includes" / "abbreviations.md"
DATA_DIR = ROOT / "docs" / "data"

# The abbreviations the issue names; the definitions file must keep at least these.
REQUIRED_ABBREVIATIONS = {
    "VM", "VMM", "OS", "VT-x", "AMD-V", "IaaS", "VDI", "DoS", "CVE", "KVM", "CI/CD",
}
# Words in capitals that the notes use as names, not as abbreviations with an expansion.
NOT_ABBREVIATIONS = {
    "ICYB",  # part of the course code T-401-ICYB
    "UTM",  # the name of a macOS app, not short for anything
    "ESXi",  # the name of VMware's hypervisor
}
# Content whose text cannot carry an <abbr>: code, keys, scripts, and the compare plugin's
# diagrams (<figure>: SVG and its text alternative), which stay raw HTML that Markdown never sees.
NO_ABBR_CONTENT = {"code", "pre", "kbd", "script", "style", "figure", "abbr", "tfoot"}
"""Where abbreviations get no tooltip: code, and what repeats a block's facts (a diagram and
its text alternative, a table's legend)."""
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}
HOME_PAGE_DATE = re.compile(r"25\.11\.2025|25 November 2025|November 25, 2025|2025-11-25")
WORD = re.compile(r"\b[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*\b")


# --- reading the configuration and the sources ------------------------------------------------


@dataclass(frozen=True)
class NavPage:
    """A page listed in `nav`: its title there (None when the page supplies its own) and file."""

    title: str | None
    src_path: str


@cache
def config() -> Any:
    """The validated `mkdocs.yml`, loaded the way MkDocs loads it (its `!!python/name` tags too)."""
    return load_config(str(CONFIG_FILE))


def nav_pages() -> list[NavPage]:
    def walk(items: list[Any]) -> Iterator[NavPage]:
        for item in items:
            if isinstance(item, str):
                yield NavPage(None, item)
                continue
            for title, value in item.items():
                if isinstance(value, list):
                    yield from walk(value)
                else:
                    yield NavPage(title, value)

    return list(walk(config().nav))


def built_path(src_path: str) -> str:
    """Where MkDocs writes the page built from `src_path`, relative to the site folder."""
    cfg = config()
    return File(src_path, cfg.docs_dir, cfg.site_dir, cfg.use_directory_urls).dest_uri


def abbreviations() -> dict[str, str]:
    """The site-wide abbreviations: text → expansion, as Python-Markdown's `abbr` reads them."""
    pattern = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*(?P<title>.+)$", re.MULTILINE)
    text = ABBREVIATIONS_FILE.read_text(encoding="utf-8")
    return {m["abbr"].strip(): m["title"].strip() for m in pattern.finditer(text)}


def abbreviation_pattern(texts: set[str]) -> re.Pattern[str]:
    """Python-Markdown's own matching rule: whole words, longest alternative first."""
    alternatives = sorted(texts, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(text) for text in alternatives) + r")\b")


# --- reading the built HTML -------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]


@dataclass
class Page:
    """What the tests need from one built HTML file."""

    title: str = ""
    h1s: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    elements: list[Element] = field(default_factory=list)
    abbrs: list[tuple[str, str]] = field(default_factory=list)
    """(text, title) of every <abbr> in the page's content."""
    prose: list[str] = field(default_factory=list)
    """The content's text nodes that can carry an <abbr>, outside any <abbr>."""
    content: str = ""
    """All text of the page's content (the <article>)."""
    glossary_terms: list[str] = field(default_factory=list)
    """The text of every <dt> in the content."""
    glossary_term_abbrs: set[str] = field(default_factory=set)
    """The text of every <abbr> inside a <dt> of the content."""


class PageParser(HTMLParser):
    """Collects a `Page` from HTML, tracking the open elements to know where text sits."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.open: list[str] = []
        self.captures: list[tuple[Element, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.page.elements.append(Element(tag, attributes))
        if "id" in attributes:
            self.page.ids.add(attributes["id"])
        if tag in VOID_ELEMENTS:
            return
        self.open.append(tag)
        if tag in {"title", "h1", "abbr", "dt"}:
            self.captures.append((Element(tag, attributes), []))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.open:
            return
        while self.open:
            closed = self.open.pop()
            if self.captures and self.captures[-1][0].tag == closed:
                element, chunks = self.captures.pop()
                self._finish(element, "".join(chunks).strip())
            if closed == tag:
                return

    def _finish(self, element: Element, text: str) -> None:
        tag, in_content = element.tag, "article" in self.open
        if tag == "title" and "head" in self.open:  # not the <title> of an inline SVG
            self.page.title = text
        elif in_content and tag == "h1":
            self.page.h1s.append(text.removesuffix("¶").strip())
        elif in_content and tag == "abbr":
            self.page.abbrs.append((text, element.attrs.get("title", "")))
            if "dt" in self.open:
                self.page.glossary_term_abbrs.add(text)
        elif in_content and tag == "dt":
            self.page.glossary_terms.append(text)

    def handle_data(self, data: str) -> None:
        for _, chunks in self.captures:
            chunks.append(data)
        if "article" not in self.open:
            return
        self.page.content += data
        if not NO_ABBR_CONTENT.intersection(self.open):
            self.page.prose.append(data)


@cache
def parse(path: Path) -> Page:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.page


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@dataclass(frozen=True)
class LinkTarget:
    """Where a URL inside the site points: a file of the built site (None when the URL leaves
    the site's path) and a fragment."""

    file: Path | None
    fragment: str


def link_target(site: Path, page_file: Path, url: str) -> LinkTarget | None:
    """Resolve `url`, written in `page_file`, the way a browser does on the published site.

    None for URLs that do not point into the site (http:, mailto:, data:...). Absolute paths are
    resolved against the path of `site_url`, under which the site is published.
    """
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    site_path = urlsplit(config().site_url or "/").path.rstrip("/") + "/"
    path = urlsplit(urljoin(site_path + page_file.relative_to(site).as_posix(), url)).path
    if not path.startswith(site_path):
        return LinkTarget(None, parts.fragment)
    file = site / unquote(path.removeprefix(site_path))
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return LinkTarget(file, unquote(parts.fragment))


# --- the tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize("nav_page", nav_pages(), ids=lambda page: page.src_path)
def test_every_nav_page_is_built_with_its_title(site: Path, nav_page: NavPage) -> None:
    path = site / built_path(nav_page.src_path)
    assert path.is_file(), f"{nav_page.src_path} was not built to {path}"
    page = parse(path)
    assert len(page.h1s) == 1, f"{nav_page.src_path}: expected one <h1>, found {page.h1s}"
    assert page.h1s[0], f"{nav_page.src_path}: the <h1> is empty"
    site_name = config().site_name
    if nav_page.src_path == "index.md":
        expected = site_name
    else:
        expected = f"{nav_page.title or page.h1s[0]} - {site_name}"
    assert page.title == expected


def test_the_issues_abbreviations_are_defined() -> None:
    missing = sorted(REQUIRED_ABBREVIATIONS - abbreviations().keys())
    assert not missing, f"not defined in {ABBREVIATIONS_FILE.name}: {missing}"


def test_abbreviations_have_a_tooltip_wherever_they_are_used(site: Path) -> None:
    defined = abbreviations()
    pattern = abbreviation_pattern(set(defined))
    bare, wrong = [], []
    for path in html_files(site):
        page = parse(path)
        where = path.relative_to(site).as_posix()
        for text in page.prose:
            bare += [f"{where}: {m[0]!r} in {text.strip()[:80]!r}" for m in pattern.finditer(text)]
        wrong += [f"{where}: <abbr title={title!r}>{text}</abbr>, expected {defined[text]!r}"
                  for text, title in page.abbrs if text in defined and title != defined[text]]
    assert not bare, "abbreviations without <abbr>:\n" + "\n".join(bare)
    assert not wrong, "abbreviations with the wrong expansion:\n" + "\n".join(wrong)


def test_every_abbreviation_is_a_term_on_the_glossary(site: Path) -> None:
    glossary = parse(site / built_path("glossary.md"))
    missing = sorted(abbreviations().keys() - glossary.glossary_term_abbrs)
    assert not missing, f"abbreviations the glossary does not define: {missing}"


def test_glossary_terms_are_in_alphabetical_order(site: Path) -> None:
    terms = parse(site / built_path("glossary.md")).glossary_terms
    assert len(terms) >= len(abbreviations())

    def key(term: str) -> str:
        """The headword, before any expansion in brackets or variant after a comma."""
        headword = re.split(r"[(,]", term)[0]
        return re.sub(r"[^a-z0-9]", "", headword.lower())

    assert terms == sorted(terms, key=key)


def looks_like_an_abbreviation(word: str) -> bool:
    """VM, CI/CD, VT-x, IaaS, EC2: at least two capitals, and no fewer capitals than small letters
    (which leaves out names such as VirtualBox or Hyper-V)."""
    capitals = sum(char.isupper() for char in word)
    return capitals >= 2 and capitals >= sum(char.islower() for char in word)


def test_every_abbreviation_in_the_notes_is_defined(site: Path) -> None:
    """The glossary defines the notes' terms; the pages for lecturers and maintainers (the
    authoring guide, the generated benchmark figures) speak to editors, not students."""
    known = abbreviations().keys() | NOT_ABBREVIATIONS
    undefined: dict[str, str] = {}
    for path in html_files(site):
        if path.relative_to(site).parts[0] in {"authoring", "maintainers"}:
            continue
        for text in parse(path).prose:
            for word in WORD.findall(text):
                parts = {word, *re.split("[-/]", word)}
                if looks_like_an_abbreviation(word) and not parts & known:
                    undefined.setdefault(word, path.relative_to(site).as_posix())
    assert not undefined, f"abbreviations used but not defined (word: first page): {undefined}"


def test_home_page_names_the_course_lecturer_university_and_date(site: Path) -> None:
    home = parse(site / built_path("index.md")).content
    for name in ("T-401-ICYB", "Stephan Schiffel", "Reykjavik University"):
        assert name in home
    assert HOME_PAGE_DATE.search(home), "the lecture's date (25.11.2025) is not on the home page"


def test_no_link_points_to_a_missing_page_or_anchor(site: Path) -> None:
    broken = []
    for path in html_files(site):
        for element in parse(path).elements:
            for attribute in ("href", "src"):
                url = element.attrs.get(attribute)
                if not url or (target := link_target(site, path, url)) is None:
                    continue
                where = f"{path.relative_to(site).as_posix()}: <{element.tag} {attribute}={url!r}>"
                if target.file is None:
                    broken.append(f"{where}: outside the site's path")
                elif not target.file.is_file():
                    broken.append(f"{where}: no file {target.file.relative_to(site).as_posix()}")
                elif (target.fragment and target.file.suffix == ".html"
                      and target.fragment not in parse(target.file).ids):
                    broken.append(f"{where}: no id {target.fragment!r} in {target.file.name}")
    assert not broken, "broken links:\n" + "\n".join(broken)


def test_data_and_include_files_are_not_published(site: Path) -> None:
    data_files = sorted(DATA_DIR.glob("*.yml"))
    assert data_files, f"no datasets in {DATA_DIR}: this test would check nothing"
    published = sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                       if p.suffix in {".yml", ".yaml"} or p.name == ABBREVIATIONS_FILE.name)
    assert not published
