"""The handouts: the whole course, and each lecture, as one self-contained HTML file and a PDF.

Made by the README's own command (`mkdocs.handout.yml`) in a copy of the project, then checked
as a file, in Chromium with every request blocked, and through the PDF's text. The page
rewriting is also tested on its own, on small pages.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fnmatch import fnmatch
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from mkdocs_handout.config import HandoutConfig
from mkdocs_handout.embed import inline_stylesheet
from mkdocs_handout.page import Site, rewrite_page
from mkdocs_handout.plugin import HandoutPlugin
from pypdf import PdfReader

from conftest import HANDOUT_CONFIG, ROOT
from mkdocs_compare.data.load import load_datasets

ANSWER_CLASS = "answer"
"""Class of the model answers (`??? success answer "Answer"`), as `mkdocs.handout.yml` names it."""
LINK_SCHEMES = ("http", "https", "mailto")
"""What a link that does not lead into the file may use."""
MM = 96 / 25.4
"""CSS pixels in a millimetre."""
SHEET_ROOM = ((210 - 16 - 16) * MM, (297 - 16 - 18) * MM)
"""Width and height a sheet of the PDF gives the handout: A4 less the margins `pdf.py` prints
with (16 mm each side and at the top, 18 mm at the bottom, where the footer sits)."""


class Parsed(HTMLParser):
    """Every start tag with its attributes, and the h1/h2 headings with their text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.headings: list[tuple[str, str, bool]] = []
        """(tag, text, inside <main>) of every h1 and h2, permalink signs left out."""
        self.abbreviations: set[tuple[str, str]] = set()
        self._heading: tuple[str, list[str]] | None = None
        self._abbr: tuple[str, list[str]] | None = None
        self._in_main = False
        self._in_permalink = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = {name: value or "" for name, value in attrs}
        self.tags.append((tag, given))
        if tag in ("h1", "h2"):
            self._heading = (tag, [])
        elif tag == "main":
            self._in_main = True
        elif tag == "abbr" and "title" in given:
            self._abbr = (given["title"], [])
        self._in_permalink = self._in_permalink or "headerlink" in given.get("class", "")

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == self._heading[0]:
            text = " ".join("".join(self._heading[1]).split())
            self.headings.append((tag, text, self._in_main))
            self._heading = None
        elif tag == "a":
            self._in_permalink = False
        elif tag == "abbr" and self._abbr is not None:
            self.abbreviations.add(("".join(self._abbr[1]), self._abbr[0]))
            self._abbr = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None and not self._in_permalink:
            self._heading[1].append(data)
        if self._abbr is not None:
            self._abbr[1].append(data)

    def values(self, attribute: str) -> list[str]:
        return [attrs[attribute] for _, attrs in self.tags if attribute in attrs]


@dataclass(frozen=True)
class Handout:
    html: Path
    pdf: Path
    parsed: Parsed
    text: str
    options: HandoutConfig
    pages: list[Parsed]
    """The built site's pages that the handout must hold, in the navigation's order."""
    output_files: list[Path]
    """Everything in the output folder."""


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def handout(handout_project: Path) -> Handout:
    """The whole course's handout, made once per session by the README's command."""
    project = handout_project
    config: MkDocsConfig = load_config(str(project / HANDOUT_CONFIG))
    plugin = config.plugins["handout"]
    assert isinstance(plugin, HandoutPlugin)
    options = plugin.config
    nav = get_navigation(get_files(config), config)
    pages = [
        Parsed((Path(config.site_dir) / page.file.dest_uri).read_text(encoding="utf-8"))
        for page in nav.pages
        if not any(fnmatch(page.file.src_uri, pattern) for pattern in options.exclude)
    ]
    output = Path(options.output_dir)
    html = output / f"{options.filename}.html"
    text = html.read_text(encoding="utf-8")
    # The offline export's zip may be there too, when its test ran first.
    return Handout(html, html.with_suffix(".pdf"), Parsed(text), text, options, pages,
                   sorted(path for path in output.iterdir() if path.suffix != ".zip"))


# --- the HTML file --------------------------------------------------------------------------

@pytest.mark.browser
def test_command_writes_the_html_file_and_the_pdf_per_book_their_list_and_nothing_else(
    handout: Handout,
) -> None:
    folder = handout.html.parent
    lecture = folder / "T-401-ICYB-virtualization"
    assert handout.output_files == sorted([
        handout.html, handout.pdf, lecture.with_suffix(".html"), lecture.with_suffix(".pdf"),
        folder / "handouts.json"])
    assert handout.pdf.read_bytes().startswith(b"%PDF-")


@pytest.mark.browser
def test_html_holds_every_page_headings_in_the_navigation_order(handout: Handout) -> None:
    expected = [(tag, text) for page in handout.pages for tag, text, _ in page.headings]
    held = [(tag, text) for tag, text, in_main in handout.parsed.headings if in_main]
    assert len([tag for tag, _ in expected if tag == "h1"]) == len(handout.pages)
    # After the pages: the answer key, a heading per page that has model answers.
    with_answers = [
        next(text for tag, text, _ in page.headings if tag == "h1") for page in handout.pages
        if any(tag == "details" and ANSWER_CLASS in attrs.get("class", "").split()
               for tag, attrs in page.tags)
    ]
    assert with_answers, "the lecture's pages have model answers"
    key = [("h1", handout.options.answer_key_title)] + [("h2", title) for title in with_answers]
    assert held == expected + key


@pytest.mark.browser
def test_course_book_cover_names_the_site_and_the_university(handout: Handout) -> None:
    cover = handout.options.cover
    front = handout.text[handout.text.index("<header"):handout.text.index("</header>")]
    first_sheet = one_line(PdfReader(handout.pdf).pages[0].extract_text())
    for line in ("T-401-ICYB Course Notes", cover.subtitle, cover.organization):
        assert line
        assert f">{line}<" in front
        assert line in first_sheet


@pytest.mark.browser
def test_html_needs_no_other_file_and_no_script(handout: Handout) -> None:
    tags = {tag for tag, _ in handout.parsed.tags}
    assert not tags & {"script", "link", "iframe", "object", "embed", "base"}
    assert all(src.startswith("data:") for src in handout.parsed.values("src"))
    assert not handout.parsed.values("srcset")
    outside = re.findall(r"""url\(\s*(?!['"]?(?:data:|#))[^)]{0,60}""", handout.text)
    assert outside == []
    assert "@import" not in handout.text
    assert "sourceMappingURL" not in handout.text


@pytest.mark.browser
def test_links_lead_into_the_file_or_to_the_web(handout: Handout) -> None:
    ids = set(handout.parsed.values("id"))
    hrefs = handout.parsed.values("href")
    internal = [href[1:] for href in hrefs if href.startswith("#")]
    assert [target for target in internal if target not in ids] == []
    assert [href for href in hrefs if not href.startswith("#")
            and href.split(":", 1)[0] not in LINK_SCHEMES] == []
    # Pages link each other (the home page's outline does): those links now stay in the file.
    chapters = {attrs["id"] for tag, attrs in handout.parsed.tags
                if tag == "article" and "handout-chapter" in attrs.get("class", "")}
    assert len(chapters) == len(handout.pages)
    assert chapters <= set(internal), "the table of contents links every page"
    assert len(ids) == len(handout.parsed.values("id")), "ids must stay unique"


@pytest.mark.browser
def test_abbreviations_keep_their_expansions(handout: Handout) -> None:
    on_site = set().union(*(page.abbreviations for page in handout.pages))
    assert on_site, "the glossary's abbreviations should show on the pages"
    assert on_site <= handout.parsed.abbreviations


@pytest.mark.browser
def test_html_opens_offline_without_a_request_and_draws_the_diagrams(
    handout: Handout, browser: Any
) -> None:
    url = handout.html.resolve().as_uri()
    requests: list[str] = []

    def block(route: Any) -> None:
        if route.request.url == url:
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    page = browser.new_page()
    try:
        page.route("**/*", block)
        page.goto(url, wait_until="load")
        diagrams = page.locator("figure svg[role=img]")
        assert diagrams.count() >= 1
        for index in range(diagrams.count()):
            box = diagrams.nth(index).bounding_box()
            assert box is not None
            assert box["width"] > 100
            assert box["height"] > 100
        assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth)")
        # The handout's own stylesheet applies: print-only link targets are hidden on screen.
        assert page.locator(".handout-url").count() >= 1
        assert not page.locator(".handout-url").first.is_visible()
        page.wait_for_timeout(500)  # let anything lazy try to load
    finally:
        page.close()
    assert requests == []


# --- the PDF --------------------------------------------------------------------------------

# Each part of the handout that starts a sheet (the cover with the contents, each page, the
# answer key), laid out for print at a sheet's width: its height, the height of each block in
# it that avoids breaks inside (headings, tables, figures, code, boxes; at most a sheet's), and
# the height of 3 lines of text (orphans and widows are 3).
_FLOWS = """([width, height]) => {
  const avoids = element => getComputedStyle(element).breakInside.startsWith("avoid");
  const line = parseFloat(getComputedStyle(document.querySelector(".handout-chapter p"))
    .lineHeight);
  const flows = [[...document.querySelectorAll(".handout-cover, .handout-contents")],
                 ...[...document.querySelectorAll(".handout-chapter, .handout-key")]
                   .map(part => [part])];
  return flows.map(parts => {
    let tall = 0;
    const blocks = [];
    const walk = element => {
      for (const child of element.children) {
        const box = child.getBoundingClientRect();
        if (avoids(child) && box.height > 0) blocks.push(Math.min(box.height, height));
        else walk(child);
      }
    };
    for (const part of parts) {
      tall += part.getBoundingClientRect().height;
      walk(part);
    }
    return {tall, blocks, lines: 3 * line};
  });
}"""


def _most_sheets(flow: dict[str, Any], height: float) -> int:
    """The most sheets a part can take: n sheets have n - 1 breaks, and a break leaves room
    empty only by moving to the next sheet what it may not cut, a block that avoids breaks
    (each moves once) or up to 3 lines. So n + 1 sheets need n breaks whose largest such
    gaps leave the part more than n sheets hold."""
    sheets = 1
    while True:
        gaps = sorted([*flow["blocks"], *[flow["lines"]] * sheets], reverse=True)[:sheets]
        if sheets * height - sum(gaps) >= flow["tall"]:
            return sheets
        sheets += 1


@pytest.mark.browser
def test_pdf_sheet_count_fits_the_content(handout: Handout, browser: Any) -> None:
    """As many sheets as the content needs, laid out at a sheet's width: at least its height
    in sheets, part by part (each starts a sheet), and at most that with every break leaving
    the most room empty it may."""
    width, height = SHEET_ROOM
    page = browser.new_page(viewport={"width": round(width), "height": round(height)})
    try:
        page.route("**/*", lambda route: route.continue_()
                   if route.request.url.startswith("file:") else route.abort())
        page.goto(handout.html.resolve().as_uri(), wait_until="load")
        page.emulate_media(media="print")
        flows = page.evaluate(_FLOWS, [width, height])
    finally:
        page.close()
    assert len(flows) == len(handout.pages) + 2  # the cover with the contents, the answer key
    least = sum(math.ceil(flow["tall"] / height) for flow in flows)
    most = sum(_most_sheets(flow, height) for flow in flows)
    sheets = len(PdfReader(handout.pdf).pages)
    assert least <= sheets <= most


@pytest.mark.browser
def test_pdf_text_holds_the_contents_then_every_section_title_in_order(handout: Handout) -> None:
    text = one_line(" ".join(page.extract_text() for page in PdfReader(handout.pdf).pages))
    titles = [title for page in handout.pages for _, title, _ in page.headings]
    position = text.index(handout.options.contents_title)
    for title in titles * 2:  # first in the table of contents, then on the pages themselves
        position = text.index(title, position) + len(title)


@pytest.mark.browser
def test_pdf_text_holds_the_ranking_tiers_in_order(handout: Handout) -> None:
    ranking = load_datasets(ROOT / "docs" / "data", ROOT)["security"].ranking
    assert ranking is not None
    text = one_line(" ".join(page.extract_text() for page in PdfReader(handout.pdf).pages))
    position = text.index(ranking.first)
    for name in [tier.name for tier in ranking.tiers] + [ranking.last]:
        position = text.index(name, position) + len(name)


@pytest.mark.browser
def test_pdf_links_are_clickable(handout: Handout) -> None:
    actions = [
        annotation.get_object().get("/A", {})
        for page in PdfReader(handout.pdf).pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    ]
    web = [action["/URI"] for action in actions if "/URI" in action]
    assert any(uri.startswith("https://") for uri in web)
    in_file = [action for action in actions if "/URI" not in action]
    assert len(in_file) >= len(handout.pages), "the table of contents links every page"


# --- rewriting one page ---------------------------------------------------------------------

PAGE = """<!doctype html><html lang="is"><head>
<link rel="stylesheet" href="../../assets/main.css"><link rel="icon" href="../../favicon.png">
</head><body dir="ltr" data-md-color-scheme="default" class="x">
<nav><a href="../other/">navigation is left out</a></nav>
<article class="md-content__inner md-typeset">
<a href="edit" class="md-content__button md-icon">edit</a>
<h1 id="top">Title &amp; more<a class="headerlink" href="#top">&para;</a></h1>
<p><a href="../other/#part">there</a> <a href="#top">here</a> <a href="../other/index.html">file</a>
<a href="../../authoring/">lecturers</a> <a href="https://example.org/x">example</a>
<a href="https://example.org/y">https://example.org/y</a></p>
<h2 id="tabs">Tabs</h2>
<input id="__tabbed_1_1" name="__tabbed_1" type="radio" checked><label for="__tabbed_1_1">A</label>
<svg role="img" aria-labelledby="d-title d-desc" viewBox="0 0 2 2"><title id="d-title">D</title>
<desc id="d-desc">d</desc><path fill="url(#grad)" d="M0 0"/></svg>
<img src="../../img/dot.png" srcset="dot@2x.png 2x" alt="dot">
<script>document.write("no")</script>
</article><script src="../../x.js"></script></body></html>"""


def rewrite(tmp_path: Path, site_url: str | None) -> Any:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "dot.png").write_bytes(b"\x89PNG")
    site = Site(tmp_path, {"/sec/page/": "sec-page", "/sec/other/": "sec-other"}, site_url)
    return rewrite_page(PAGE, "/sec/page/", "sec-page", site)


def test_page_ids_get_the_page_slug_and_links_follow_them(tmp_path: Path) -> None:
    content = rewrite(tmp_path, "https://example.org/notes/")
    body = content.body
    assert '<h1 id="sec-page--top">Title &amp; more</h1>' in body
    assert 'href="#sec-other--part"' in body
    assert 'href="#sec-page--top"' in body
    assert body.count('href="#sec-other"') == 1
    assert 'href="https://example.org/notes/authoring/"' in body
    assert 'id="sec-page--__tabbed_1_1" name="sec-page--__tabbed_1"' in body
    assert 'for="sec-page--__tabbed_1_1"' in body
    assert 'aria-labelledby="sec-page--d-title sec-page--d-desc"' in body
    assert 'fill="url(#sec-page--grad)"' in body
    assert content.ids == {"sec-page--top", "sec-page--tabs", "sec-page--__tabbed_1_1",
                           "sec-page--d-title", "sec-page--d-desc"}
    assert content.anchors == {"sec-other--part", "sec-page--top", "sec-other"}
    assert [(h.level, h.id, h.text) for h in content.headings] == [
        (1, "sec-page--top", "Title & more"), (2, "sec-page--tabs", "Tabs")]
    assert content.problems == []


def test_page_keeps_content_only_with_images_inside(tmp_path: Path) -> None:
    content = rewrite(tmp_path, None)
    body = content.body
    for left_out in ("navigation is left out", "headerlink", "&para;", "edit", "<script",
                     "srcset", "document.write"):
        assert left_out not in body
    assert 'src="data:image/png;base64,iVBORw=="' in body
    assert content.stylesheets == ["/assets/main.css"]
    assert content.lang == "is"
    assert content.body_attributes == {"dir": "ltr", "data-md-color-scheme": "default"}


def test_page_writes_out_external_link_targets_unless_the_text_is_the_target(
    tmp_path: Path
) -> None:
    body = rewrite(tmp_path, None).body
    assert body.count('class="handout-url"') == 1
    assert '<span class="handout-url"> (https://example.org/x)</span>' in body


def test_page_link_to_a_page_outside_the_handout_needs_a_site_url(tmp_path: Path) -> None:
    content = rewrite(tmp_path, None)
    assert "<a>lecturers</a>" in content.body
    assert [p for p in content.problems if "../../authoring/" in p] != []


def test_stylesheet_assets_become_data_uris_or_none(tmp_path: Path) -> None:
    (tmp_path / "assets" / "fonts").mkdir(parents=True)
    (tmp_path / "assets" / "fonts" / "a.woff2").write_bytes(b"font")
    css = ("@font-face{src:url(fonts/a.woff2)}a{background:url('https://cdn.example/x.png')}"
           "b{mask:url(\"data:image/svg+xml;utf8,<svg/>\")}c{fill:url(#g)}d{x:url(gone.png)}"
           "\n/*# sourceMappingURL=main.css.map*/")
    inlined, dropped = inline_stylesheet(css, "/assets/main.css", tmp_path)
    assert 'url("data:font/woff2;base64,Zm9udA==")' in inlined
    assert "background:none" in inlined
    assert "url(\"data:image/svg+xml;utf8,<svg/>\")" in inlined
    assert "url(#g)" in inlined
    assert dropped == ["https://cdn.example/x.png", "gone.png"]
    assert "sourceMappingURL" not in inlined


# --- the answer key -------------------------------------------------------------------------

def answer_texts(handout: Handout) -> list[str]:
    """The text of every model answer on the site's pages that the handout holds."""
    from test_teaching import one_line as flat
    from test_teaching import tree

    project = Path(handout.options.output_dir).parent
    config: MkDocsConfig = load_config(str(project / HANDOUT_CONFIG))
    nav = get_navigation(get_files(config), config)
    texts = []
    for page in nav.pages:
        if any(fnmatch(page.file.src_uri, pattern) for pattern in handout.options.exclude):
            continue
        built = tree(Path(config.site_dir) / page.file.dest_uri)
        texts += [flat(node.own({"summary"})) for node in built.find_all("details", ANSWER_CLASS)]
    return texts


@pytest.mark.browser
def test_handout_config_moves_the_answers_into_a_key(handout: Handout) -> None:
    assert handout.options.answer_class == ANSWER_CLASS


@pytest.mark.browser
def test_html_has_no_answer_inline_and_key_links_both_ways(handout: Handout) -> None:
    details = [attrs for tag, attrs in handout.parsed.tags if tag == "details"]
    assert not [attrs for attrs in details if ANSWER_CLASS in attrs.get("class", "").split()]
    questions = [attrs["id"] for attrs in details if "question" in attrs.get("class", "").split()]
    answers = [attrs["id"] for tag, attrs in handout.parsed.tags
               if tag == "div" and "handout-answer" in attrs.get("class", "").split()]
    assert len(answers) == len(questions) == len(answer_texts(handout))
    hrefs = set(handout.parsed.values("href"))
    assert {f"#{answer}" for answer in answers} <= hrefs, "each question links to its answer"
    assert {f"#{question}" for question in questions} <= hrefs, "each answer links back"
    # The key comes after the last page.
    assert handout.text.index('id="handout-answer-key"') > handout.text.rindex(
        'class="md-typeset handout-chapter"')


@pytest.mark.browser
def test_pdf_text_has_the_answer_key_after_the_last_page_and_no_answer_inline(
    handout: Handout,
) -> None:
    text = one_line(" ".join(page.extract_text() for page in PdfReader(handout.pdf).pages))
    key = text.rindex(handout.options.answer_key_title)
    assert key > text.index(handout.options.answer_key_title), "listed in the contents first"
    last_page_title = next(text for tag, text, _ in handout.pages[-1].headings if tag == "h1")
    assert text.rindex(last_page_title, 0, key) > text.index(handout.options.contents_title)
    answers = answer_texts(handout)
    assert answers
    for answer in answers:
        opening = " ".join(answer.split()[:10])
        assert text.count(opening) == 1, f"{opening!r} printed {text.count(opening)} times"
        assert text.index(opening) > key, f"{opening!r} printed before the answer key"


PAGE_WITH_ANSWER = """<html><body><article class="md-content__inner md-typeset">
<h1 id="t">T</h1>
<details class="question"><summary>Check yourself</summary><p>Why?</p>
<details class="success answer"><summary>Answer</summary><p>Because. See <a href="#t">T</a>.</p>
</details></details>
<p>After.</p></article></body></html>"""


def test_page_answers_leave_the_body_with_a_link_to_the_key(tmp_path: Path) -> None:
    site = Site(tmp_path, {"/p/": "p"}, None)
    content = rewrite_page(PAGE_WITH_ANSWER, "/p/", "p", site, answer_class=ANSWER_CLASS,
                           answer_reference="See the key")
    assert "Because" not in content.body
    assert '<details class="question" id="p--question-1">' in content.body
    assert '<p class="handout-answer-ref"><a href="#p--answer-1">See the key</a></p>' in (
        content.body)
    assert "<p>After.</p>" in content.body
    (answer,) = content.answers
    assert (answer.number, answer.id, answer.question_id, answer.question_title) == (
        1, "p--answer-1", "p--question-1", "Check yourself")
    assert answer.body.strip() == '<p>Because. See <a href="#p--t">T</a>.</p>'
    assert "summary" not in answer.body


def test_page_answers_stay_without_an_answer_class(tmp_path: Path) -> None:
    content = rewrite_page(PAGE_WITH_ANSWER, "/p/", "p", Site(tmp_path, {}, None))
    assert "Because" in content.body
    assert content.answers == []
