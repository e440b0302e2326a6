"""Tests that can fail (issue 14): the handout plugin's MkDocs hooks (plugin.py, config.py),
driven by real MkDocs builds run in this process, so mutmut's mutants are the code they run.

Each test writes a small site to `tmp_path`, builds it with `mkdocs.commands.build.build`
(the handout plugin with `pdf: false`, so no browser is needed) and checks what a lecturer or
a student sees: the HTML files in the output folder, `handouts.json`, and the build's
warnings and errors.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs_handout.plugin import STYLESHEET

from conftest import ascii_locale

HANDOUT_LOGGER = "mkdocs.plugins.mkdocs_handout"
"""Where the handout plugin logs (MkDocs' plugin logger for the package)."""

BARE_THEME = """<!doctype html>
<html{% if page.meta.lang %} lang="{{ page.meta.lang }}"{% endif %}>
<head>{% for path in config.extra_css %}<link rel="stylesheet" href="{{ path | url }}">{% endfor %}
</head>
<body{% if page.meta.dir %} dir="{{ page.meta.dir }}"{% endif %}>
<nav>site navigation</nav>
<article class="md-content__inner md-typeset">
{{ page.content }}
</article>
</body></html>
"""
"""A theme as small as the handout needs: Material's content `<article>`, with the page's
`lang` and `dir` only when its front matter sets them."""

Theme = Literal["material", "bare"]


@dataclass(frozen=True)
class Project:
    """A small MkDocs project in a temporary folder, with the handout plugin configured."""

    root: Path
    config_file: Path
    output: Path
    """The handout plugin's `output_dir`."""

    def build(self) -> None:
        build(load_config(str(self.config_file)))

    def html(self, filename: str = "handout") -> str:
        return (self.output / f"{filename}.html").read_text(encoding="utf-8")

    def manifest_text(self) -> str:
        return (self.output / "handouts.json").read_text(encoding="utf-8")


def page(body: str, **front_matter: Any) -> str:
    """A Markdown page, with its front matter when given."""
    if not front_matter:
        return body
    return f"---\n{yaml.safe_dump(front_matter, sort_keys=False)}---\n\n{body}"


def project(
    root: Path, pages: dict[str, str], *, handout: dict[str, Any] | None = None,
    theme: Theme = "bare", files: dict[str, bytes] | None = None, **settings: Any,
) -> Project:
    """Write the project: `pages` (source path → Markdown) and other `files` under docs/, and
    mkdocs.yml with `settings` and the handout plugin's options (`pdf: false` and a Chromium
    path that does not exist, as on a machine without a browser, unless `handout` says
    otherwise; an option given as None is left unset, to its default)."""
    docs = root / "docs"
    for path, text in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    for path, data in (files or {}).items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_bytes(data)
    given: dict[str, Any] = {"pdf": False, "chromium": str(root / "no-chromium"),
                             **(handout or {})}
    options = {name: value for name, value in given.items() if value is not None}
    config: dict[str, Any] = {"site_name": "Networks", **settings,
                              "plugins": [{"handout": options}]}
    if theme == "bare":
        (root / "theme").mkdir(exist_ok=True)
        (root / "theme" / "main.html").write_text(BARE_THEME, encoding="utf-8")
        config["theme"] = {"name": None, "custom_dir": "theme"}
    else:
        config["theme"] = {"name": "material", "font": False}
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return Project(root, config_file, root / options.get("output_dir", "dist"))


@pytest.fixture
def handout_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """The build's log records, the handout plugin's from INFO up."""
    caplog.set_level(logging.INFO, logger=HANDOUT_LOGGER)
    return caplog


def messages(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    """What the handout plugin logged at exactly `level`, prefix left out."""
    return [record.getMessage().removeprefix("mkdocs_handout: ") for record in caplog.records
            if record.name.startswith(HANDOUT_LOGGER) and record.levelno == level]


def errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]


def chapter_ids(html: str) -> list[str]:
    """Ids of the pages in the handout, in the order they are printed."""
    return re.findall(r'<article class="md-typeset handout-chapter" id="([^"]+)">', html)


def cover_of(html: str) -> str:
    return html[html.index('<header class="md-typeset handout-cover">'):html.index("</header>")]


def contents_of(html: str) -> str:
    return html[html.index('<nav class="md-typeset handout-contents"'):html.index("</nav>")]


# --- the whole site's book --------------------------------------------------------------------

COURSE_PAGES = {
    "index.md": "# Home\n\nWelcome. The [lecturers' page](authoring/guide.md) is not printed.\n",
    "a/one.md": "# First\n\n## Layers\n\nSee [the second page](../zeta.md#end).\n",
    "a/two.md": "# Second\n\nLeft out by the second pattern.\n",
    "authoring/guide.md": "# Guide\n",
    "zeta.md": "# Last\n\n## End\n\nBack to [layers](a/one.md#layers). ![A dot](dot.png)\n",
}
COURSE_NAV = [
    {"Home": "index.md"},
    {"Part A": ["a/one.md", "a/two.md"]},
    {"For lecturers": ["authoring/guide.md"]},
    {"Elsewhere": "https://example.org/"},
    "zeta.md",
]


def test_whole_book_holds_the_navigation_pages_in_order_without_the_excluded(
    tmp_path: Path, handout_log: pytest.LogCaptureFixture,
) -> None:
    """Every page of the navigation, in its order, except those `exclude` names (any of its
    patterns); a section left without pages is not in the contents; links between printed
    pages lead into the file, links to a left-out page to the site online."""
    site = project(tmp_path, COURSE_PAGES, nav=COURSE_NAV, site_url="https://example.org/notes/",
                   theme="material", files={"dot.png": b"PNG"},
                   handout={"exclude": ["authoring/*", "a/two.md"]})
    site.build()
    html = site.html()
    assert chapter_ids(html) == ["index", "a-one", "zeta"]
    assert "Left out by the second pattern" not in html
    contents = contents_of(html)
    assert '<li class="handout-part">Part A\n<ol>\n<li><a href="#a-one">First</a>' in contents
    assert "For lecturers" not in contents
    assert "Elsewhere" not in contents
    assert 'href="https://example.org/notes/authoring/guide/"' in html
    assert 'href="#zeta--end"' in html
    assert 'href="#a-one--layers"' in html
    assert '<img alt="A dot" src="data:image/png;base64,UE5H" />' in html
    assert messages(handout_log, logging.WARNING) == []
    infos = messages(handout_log, logging.INFO)
    assert f"3 pages written to {site.output / 'handout.html'}" in infos
    assert f"1 handouts listed in {site.output / 'handouts.json'}" in infos


def test_manifest_lists_the_whole_book_with_its_file(tmp_path: Path) -> None:
    """`handouts.json` names the book's title, its file and the file's size (the site build
    reads it to link the file); no PDF entry when `pdf` is off."""
    site = project(tmp_path, {"index.md": "# Home\n"}, handout={"filename": "course-notes"})
    site.build()
    html = site.output / "course-notes.html"
    expected = {"books": [{"source": None, "title": "Networks",
                           "html": {"name": "course-notes.html", "bytes": html.stat().st_size}}]}
    assert site.manifest_text() == json.dumps(expected, indent=2) + "\n"
    assert sorted(path.name for path in site.output.iterdir()) == [
        "course-notes.html", "handouts.json"]


def test_cover_defaults_to_site_name_and_site_author_with_copyright_and_site_url(
    tmp_path: Path,
) -> None:
    """Without a `cover`, the first page says the site's name, author, copyright and address,
    and no other line."""
    site = project(tmp_path, {"index.md": "# Home\n"}, site_author="Ada Lovelace",
                   site_url="https://example.org/notes/", copyright="&copy; 2025 Ada")
    site.build()
    html = site.html()
    assert cover_of(html) == (
        '<header class="md-typeset handout-cover">\n<h1>Networks</h1>\n'
        '<p class="handout-author">Ada Lovelace</p>\n'
        '<p class="handout-site"><a href="https://example.org/notes/">'
        "https://example.org/notes/</a></p>\n"
        '<p class="handout-copyright">&copy; 2025 Ada</p>\n')
    assert "<title>Networks</title>" in html


def test_cover_lines_come_from_the_cover_option(tmp_path: Path) -> None:
    """`cover` sets the title, subtitle, author, organization and date, over the site's name
    and author; the contents get `contents_title`."""
    cover = {"title": "Course notes", "subtitle": "Week 1", "author": "Grace Hopper",
             "organization": "Reykjavik University", "date": "25 November 2025"}
    site = project(tmp_path, {"index.md": "# Home\n"}, site_author="Ada Lovelace",
                   site_description="Notes of the course",
                   handout={"cover": cover, "contents_title": "Efnisyfirlit"})
    site.build()
    html = site.html()
    assert cover_of(html) == (
        '<header class="md-typeset handout-cover">\n<h1>Course notes</h1>\n'
        '<p class="handout-subtitle">Week 1</p>\n'
        '<p class="handout-author">Grace Hopper</p>\n'
        '<p class="handout-organization">Reykjavik University</p>\n'
        '<p class="handout-date">25 November 2025</p>\n')
    assert '<meta name="description" content="Notes of the course">' in html
    assert '<h2 id="handout-contents">Efnisyfirlit</h2>' in html


# --- answers ----------------------------------------------------------------------------------

QUESTION_PAGE = """# Questions

??? question "Check yourself"
    Why?

    ??? success answer "Answer"
        Because of the layers.
"""


def test_answers_of_answer_class_go_to_the_key_with_its_title_and_reference(
    tmp_path: Path,
) -> None:
    """With `answer_class`, model answers leave their page for the answer key after the last
    page, titled `answer_key_title`; the question keeps a link labelled `answer_reference`."""
    site = project(tmp_path, {"index.md": "# Home\n", "questions.md": QUESTION_PAGE},
                   markdown_extensions=["admonition", "pymdownx.details"],
                   handout={"answer_class": "answer", "answer_key_title": "Svör",
                            "answer_reference": "See the key"})
    site.build()
    html = site.html()
    key = html.index('<section class="md-typeset handout-key" id="handout-answer-key"')
    assert html.index("Because of the layers.") > key
    assert html.count("Because of the layers.") == 1
    assert '<a href="#questions--answer-1">See the key</a>' in html
    assert '<h1 id="handout-answer-key-title">Svör</h1>' in html
    assert '<li><a href="#handout-answer-key">Svör</a></li>' in contents_of(html)


def test_contents_answer_key_and_reference_have_english_titles_by_default(
    tmp_path: Path,
) -> None:
    site = project(tmp_path, {"questions.md": QUESTION_PAGE},
                   markdown_extensions=["admonition", "pymdownx.details"],
                   handout={"answer_class": "answer"})
    site.build()
    html = site.html()
    assert '<h2 id="handout-contents">Contents</h2>' in html
    assert '<h1 id="handout-answer-key-title">Answer key</h1>' in html
    assert '<a href="#questions--answer-1">Answer: in the answer key</a>' in html


def test_answers_stay_on_their_page_without_answer_class(tmp_path: Path) -> None:
    site = project(tmp_path, {"questions.md": QUESTION_PAGE},
                   markdown_extensions=["admonition", "pymdownx.details"])
    site.build()
    html = site.html()
    assert 'id="handout-answer-key"' not in html
    assert html.index("Because of the layers.") < html.index("</article>")


# --- books declared by pages ------------------------------------------------------------------

DECLARING_PAGES = {
    "index.md": "# Home\n",
    "a/one.md": page("# First\n", handout={
        "filename": "lecture-a", "pages": ["a/three.md", "a/one.md", "a/two.md"],
        "cover": {"title": "Lecture A", "subtitle": "Week 1", "author": "Ann",
                  "organization": "RU", "date": "1 May"}}),
    "a/two.md": page("# Second\n", handout={"filename": "two-alone", "cover": {"title": 7}}),
    "a/three.md": "# Third\n",
    "c.md": page("No heading here.\n", title="", handout={"filename": "c-book", "pages": []}),
}


def test_pages_declare_books_of_their_own_pages_with_their_own_cover(tmp_path: Path) -> None:
    """A page's `handout` metadata makes a book: its `pages` (by default the page itself) in
    the navigation's order, `exclude` applied; its cover lines, none of the `cover` option's,
    the title falling back on the page's title, then the site's name; the site's copyright."""
    site = project(tmp_path, DECLARING_PAGES, copyright="(c) RU",
                   nav=["index.md", "a/one.md", "a/two.md", "a/three.md", "c.md"],
                   handout={"exclude": ["a/three.md"],
                            "cover": {"subtitle": "Course notes", "organization": "Org"}})
    site.build()
    assert chapter_ids(site.html()) == ["index", "a-one", "a-two", "c"]
    lecture = site.html("lecture-a")
    assert chapter_ids(lecture) == ["a-one", "a-two"]
    assert cover_of(lecture) == (
        '<header class="md-typeset handout-cover">\n<h1>Lecture A</h1>\n'
        '<p class="handout-subtitle">Week 1</p>\n<p class="handout-author">Ann</p>\n'
        '<p class="handout-organization">RU</p>\n<p class="handout-date">1 May</p>\n'
        '<p class="handout-copyright">(c) RU</p>\n')
    alone = site.html("two-alone")
    assert chapter_ids(alone) == ["a-two"]
    assert cover_of(alone) == ('<header class="md-typeset handout-cover">\n<h1>Second</h1>\n'
                               '<p class="handout-copyright">(c) RU</p>\n')
    c_book = site.html("c-book")
    assert chapter_ids(c_book) == ["c"]
    assert "<h1>Networks</h1>" in cover_of(c_book)
    books = [("handout", None, "Networks"), ("lecture-a", "a/one.md", "Lecture A"),
             ("two-alone", "a/two.md", "Second"), ("c-book", "c.md", "Networks")]
    expected = {"books": [
        {"source": source, "title": title,
         "html": {"name": f"{name}.html",
                  "bytes": (site.output / f"{name}.html").stat().st_size}}
        for name, source, title in books]}
    assert site.manifest_text() == json.dumps(expected, indent=2) + "\n"


def test_book_key_names_the_metadata_that_declares_a_book(tmp_path: Path) -> None:
    """With `book_key: lecture`, a page's `lecture` metadata declares a book; `handout` is
    then ordinary metadata."""
    pages = {"index.md": page("# Home\n", handout={"filename": "ignored"}),
             "one.md": page("# One\n", lecture={"filename": "lecture-1"})}
    site = project(tmp_path, pages, handout={"book_key": "lecture"})
    site.build()
    assert sorted(path.name for path in site.output.iterdir()) == [
        "handout.html", "handouts.json", "lecture-1.html"]


MALFORMED = "must be a mapping with `filename` (text), `pages` (a list of source paths) and " \
            "`cover` (a mapping)"


@pytest.mark.parametrize("declared", [
    "lecture-1",
    {"pages": ["one.md"]},
    {"filename": 1},
    {"filename": "lecture-1", "pages": "one.md"},
    {"filename": "lecture-1", "pages": None},
    {"filename": "lecture-1", "cover": "Lecture 1"},
], ids=["text", "no-filename", "filename-not-text", "pages-not-a-list", "pages-null",
        "cover-not-a-mapping"])
def test_malformed_declaration_stops_the_build_naming_the_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, declared: Any,
) -> None:
    pages = {"index.md": "# Home\n", "one.md": page("# One\n", handout=declared)}
    site = project(tmp_path, pages)
    with pytest.raises(Abort):
        site.build()
    assert errors(caplog) == [f"handout: one.md: `handout` {MALFORMED}"]


@pytest.mark.parametrize(("pages", "declared", "exclude", "error"), [
    ({"index.md": "# Home\n"},
     {"filename": "x", "pages": ["index.md", "nope.md", "gone.md"]}, [],
     "handout: index.md: `handout`: gone.md, nope.md is not a page of the navigation"),
    ({"index.md": "# Home\n", "old/a.md": "# A\n"},
     {"filename": "x", "pages": ["old/a.md"]}, ["old/*"],
     "handout: index.md: `handout`: `exclude` leaves none of its pages"),
    ({"index.md": "# Home\n", "b.md": page("# B\n", handout={"filename": "x"}),
      "c.md": page("# C\n", handout={"filename": "handout"}),
      "d.md": page("# D\n", handout={"filename": "y"})},
     {"filename": "y"}, [],
     "handout: two books are named handout, y; give each its own file name"),
    ({"index.md": "# Home\n"}, None, ["*.md"],
     "handout: `exclude` leaves no page of the navigation"),
], ids=["pages-not-in-nav", "pages-all-excluded", "same-file-names", "whole-book-empty"])
def test_books_that_cannot_be_made_stop_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, pages: dict[str, str],
    declared: dict[str, Any] | None, exclude: list[str], error: str,
) -> None:
    """A book's pages must be pages of the navigation that `exclude` leaves, and every book
    needs its own file name (the whole site's included)."""
    if declared is not None:
        pages = {**pages, "index.md": page("# Home\n", handout=declared)}
    site = project(tmp_path, pages, handout={"exclude": exclude})
    with pytest.raises(Abort):
        site.build()
    assert errors(caplog) == [error]
    assert not (site.output / "handouts.json").exists()


# --- the document around the pages ------------------------------------------------------------

def test_language_and_body_attributes_come_from_the_book_first_page(tmp_path: Path) -> None:
    """The file's `lang` and `<body>`'s `dir` are those of its first page; `en` when that page
    says no language."""
    pages = {"index.md": page("# Heim\n", lang="is", dir="rtl"),
             "two.md": page("# Zwei\n", dir="ltr",
                            handout={"filename": "two", "pages": ["two.md", "three.md"]}),
             "three.md": page("# Drei\n", lang="de")}
    site = project(tmp_path, pages, nav=["index.md", "two.md", "three.md"])
    site.build()
    whole = site.html()
    assert '<html lang="is">' in whole
    assert '<body class="handout" dir="rtl">' in whole
    two = site.html("two")
    assert '<html lang="en">' in two
    assert '<body class="handout" dir="ltr">' in two


def test_site_stylesheets_are_inlined_once_before_the_handout_own(
    tmp_path: Path, handout_log: pytest.LogCaptureFixture,
) -> None:
    """Each local stylesheet the pages link goes into the file once, its files as `data:`
    URIs, in order, then the handout's own; one that is not in the built site is left out with
    a warning, a `url()` naming no file with a note."""
    pages = {"index.md": "# Home\n", "two.md": "# Two\n"}
    files = {"css/site.css": b"h1{background:url(gone.png)}.logo{background:url(dot.png)}",
             "css/dot.png": b"PNG", "css/more.css": b"p{color:red}"}
    site = project(tmp_path, pages, files=files,
                   extra_css=["css/missing.css", "css/site.css", "css/more.css"])
    site.build()
    html = site.html()
    style = html[html.index("<style>\n") + len("<style>\n"):html.index("\n</style>")]
    assert style == (
        "/* /css/site.css */\n"
        'h1{background:none}.logo{background:url("data:image/png;base64,UE5H")}\n'
        "/* /css/more.css */\np{color:red}\n"
        f"/* handout */\n{STYLESHEET.read_text(encoding='utf-8')}")
    assert messages(handout_log, logging.WARNING) == [
        "stylesheet /css/missing.css is not in the built site; left out"]
    assert "/css/site.css: url(gone.png) names no file of the site; left out" in messages(
        handout_log, logging.INFO)


def test_page_ids_come_from_source_paths_unique_and_titles_fall_back_on_them(
    tmp_path: Path,
) -> None:
    """A page's id is its source path without extension, `/` as `-`, lower case, numbered
    from 2 when taken; a page without a title is listed in the contents by its id."""
    pages = {"a/b.md": "# AB\n", "a-b.md": "# Dash\n", "A-B.md": "# Upper\n",
             "notes.v2.md": "# Notes\n", "untitled.md": page("No heading.\n", title="")}
    site = project(tmp_path, pages,
                   nav=["a/b.md", "a-b.md", "A-B.md", "notes.v2.md", "untitled.md"])
    site.build()
    html = site.html()
    assert chapter_ids(html) == ["a-b", "a-b-2", "a-b-3", "notes.v2", "untitled"]
    assert '<li><a href="#untitled">untitled</a></li>' in contents_of(html)


def test_links_that_lead_nowhere_in_the_file_are_warned_about_in_order(
    tmp_path: Path, handout_log: pytest.LogCaptureFixture,
) -> None:
    """A link to a heading that no printed page has, and a link to a page left out when the
    site has no address online, are warned about with the page's source path."""
    pages = {"index.md": "# Home\n\n[a](two.md#zeta) [b](two.md#alpha) [c](two.md#mid)"
                         " [d](two.md#beta) [e](two.md#omega) [ok](two.md) [ok](two.md#part)"
                         " [guide](guide.md)\n",
             "two.md": "# Two\n\n## Part\n", "guide.md": "# Guide\n"}
    site = project(tmp_path, pages, nav=["index.md", "two.md", "guide.md"],
                   handout={"exclude": ["guide.md"]})
    site.build()
    html = site.html()
    assert 'href="#two"' in html
    assert 'href="#two--part"' in html
    assert "<a>guide</a>" in html
    assert messages(handout_log, logging.WARNING) == [
        "index.md: link to guide/: not a page of the handout, and no site_url to point it at;"
        " the link is kept as plain text",
        *(f"index.md: link to #two--{name} leads to no id in the handout"
          for name in ("alpha", "beta", "mid", "omega", "zeta"))]


# --- when the plugin runs -----------------------------------------------------------------------

def test_output_folder_is_made_with_its_parents_and_a_rebuild_overwrites(tmp_path: Path) -> None:
    site = project(tmp_path, {"index.md": "# Home\n"},
                   handout={"output_dir": "out/handouts/latest"})
    site.build()
    (site.output / "handout.html").write_text("stale", encoding="utf-8")
    site.build()
    assert chapter_ids(site.html()) == ["index"]


def test_disabled_plugin_writes_nothing_and_needs_no_chromium(tmp_path: Path) -> None:
    site = project(tmp_path, {"index.md": "# Home\n"},
                   handout={"enabled": False, "pdf": True})
    site.build()
    assert (tmp_path / "site" / "index.html").is_file()
    assert not site.output.exists()


def test_pdf_without_chromium_stops_the_build_saying_what_to_do(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    """The PDF is on by default: without a Chromium at `chromium` the build stops before
    writing anything, naming the path and the ways out."""
    site = project(tmp_path, {"index.md": "# Home\n"}, handout={"pdf": None})
    with pytest.raises(Abort):
        site.build()
    assert errors(caplog) == [
        f"handout: no Chromium at `{tmp_path / 'no-chromium'}` to print the PDF: install it"
        " (apt-get install -y chromium), set `chromium` to its path or `pdf: false`"]
    assert not (tmp_path / "site").exists()
    assert not site.output.exists()


def test_pages_and_stylesheets_are_read_and_the_file_written_as_utf8_whatever_the_locale(
    tmp_path: Path,
) -> None:
    """The handout says `<meta charset="utf-8">`: the built pages and stylesheets are read, and
    the file written, as UTF-8 even where the locale's encoding is another."""
    site = project(tmp_path, {"index.md": "# Þórður\n\nÁ → B\n"},
                   files={"css/site.css": 'h1::after{content:"→"}'.encode()},
                   extra_css=["css/site.css"])
    with ascii_locale():
        site.build()
    html = site.html()
    assert "<p>Á → B</p>" in html
    assert '/* /css/site.css */\nh1::after{content:"→"}\n' in html


def test_a_chromium_that_cannot_print_stops_the_build_naming_it_and_the_pdf(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    """With `pdf` on, `chromium` names a file that is no Chromium: the build stops, naming
    the program and the PDF it could not print (no browser is needed to see this)."""
    pytest.importorskip("playwright")
    chromium = tmp_path / "not-chromium"
    chromium.write_text("#!/bin/sh\necho 'not a browser' >&2\nexit 1\n", encoding="utf-8")
    chromium.chmod(0o755)
    site = project(tmp_path, {"index.md": "# Home\n"},
                   handout={"pdf": True, "chromium": str(chromium)})
    with pytest.raises(Abort):
        site.build()
    (error,) = errors(caplog)
    assert error.startswith(
        f"handout: Chromium ({chromium}) could not print {site.output / 'handout.pdf'}: ")
    assert (site.output / "handout.html").is_file()
    assert not (site.output / "handouts.json").exists()


def _millimetres(points: float) -> float:
    return points / 72 * 25.4


def assert_printed_within_the_margins(page: Any) -> None:
    """The page's text lies within the margins the handout is printed with (16 mm at the top
    and the sides, 18 mm at the bottom), the footer alone in the bottom margin."""
    placed: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            placed.append((_millimetres(x), _millimetres(y), text.strip()))

    page.extract_text(visitor_text=visit)
    height = _millimetres(float(page.mediabox.height))
    footer = min(y for _, y, _ in placed)
    body = [(x, y) for x, y, _ in placed if y > footer + 1]
    assert body
    assert footer < 18
    assert min(x for x, _ in body) > 16 - 0.5
    assert min(y for _, y in body) > 18
    assert max(y for _, y in body) < height - 16


def test_pdf_without_playwright_stops_the_build_saying_what_to_install(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With `pdf` on and Playwright not installed (hidden from the import system here), the
    build stops saying what to install, or what to set instead."""
    find_spec = importlib.util.find_spec

    def without_playwright(name: str, *rest: Any) -> Any:
        return None if name == "playwright" else find_spec(name, *rest)

    monkeypatch.setattr(importlib.util, "find_spec", without_playwright)
    site = project(tmp_path, {"index.md": "# Home\n"},
                   handout={"pdf": True, "chromium": "/usr/bin/chromium"})
    with pytest.raises(Abort):
        site.build()
    assert errors(caplog) == [
        "handout: printing the PDF needs Playwright: pip install -e '.[handout]' (or set "
        "`pdf: false` under the handout plugin)"]


@pytest.mark.browser
def test_a_pdf_that_cannot_be_written_stops_the_build_naming_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    """Chromium starts, but the lecture's PDF cannot be written (a folder stands in its place):
    the build stops naming that PDF, not the first book's."""
    pytest.importorskip("playwright")
    if not Path("/usr/bin/chromium").is_file():
        pytest.skip("no Chromium at /usr/bin/chromium")
    pages = {"index.md": "# Home\n",
             "one.md": page("# One\n", handout={"filename": "lecture-1"})}
    site = project(tmp_path, pages, handout={"pdf": True, "chromium": "/usr/bin/chromium"})
    (site.output / "lecture-1.pdf").mkdir(parents=True)
    with pytest.raises(Abort):
        site.build()
    (error,) = errors(caplog)
    assert error.startswith("handout: Chromium (/usr/bin/chromium) could not print "
                            f"{site.output / 'lecture-1.pdf'}: ")


@pytest.mark.browser
def test_pdf_is_printed_per_book_on_its_paper_and_listed_with_its_sheets(
    tmp_path: Path, handout_log: pytest.LogCaptureFixture,
) -> None:
    """With `pdf` on, each book is also printed to a PDF on `paper`, its title in the footer;
    `handouts.json` gives each PDF's name, size and sheet count; what a file asks of another
    host while printing is refused and warned about."""
    pypdf = pytest.importorskip("pypdf")
    pytest.importorskip("playwright")
    chromium = Path("/usr/bin/chromium")
    if not chromium.is_file():
        pytest.skip("no Chromium at /usr/bin/chromium")
    # The home page runs over a sheet, so that text reaches its bottom margin.
    filler = "".join(f"Paragraph {number} of the home page.\n\n" for number in range(60))
    pages = {"index.md": "# Home\n\n<object data=\"https://example.org/x.svg\"></object>\n\n"
                         + filler,
             "one.md": page("# One\n", handout={"filename": "lecture-1",
                                                "cover": {"title": "Lecture One"}})}
    site = project(tmp_path, pages,
                   handout={"pdf": True, "chromium": str(chromium), "paper": "A5"})
    site.build()
    books = [("handout", None, "Networks"), ("lecture-1", "one.md", "Lecture One")]
    entries = []
    for name, source, title in books:
        pdf = site.output / f"{name}.pdf"
        reader = pypdf.PdfReader(pdf)
        assert abs(float(reader.pages[0].mediabox.width) - 148 / 25.4 * 72) < 1, "A5"
        assert title in reader.pages[-1].extract_text(), "the book's title in the footer"
        assert f"1 / {len(reader.pages)}" in reader.pages[0].extract_text(), "page numbers"
        assert reader.outline, "bookmarks from the headings"
        assert "/StructTreeRoot" in reader.trailer["/Root"], "a tagged PDF"
        for sheet in reader.pages:
            assert_printed_within_the_margins(sheet)
        html = site.output / f"{name}.html"
        entries.append({"source": source, "title": title,
                        "html": {"name": html.name, "bytes": html.stat().st_size},
                        "pdf": {"name": pdf.name, "bytes": pdf.stat().st_size,
                                "pages": len(reader.pages)}})
    assert site.manifest_text() == json.dumps({"books": entries}, indent=2) + "\n"
    assert messages(handout_log, logging.WARNING) == [
        "printing handout.html asked for https://example.org/x.svg; refused (the handout must"
        " not need anything outside the file)"]
    infos = messages(handout_log, logging.INFO)
    for name, _, _ in books:
        assert f"printed to {site.output / name}.pdf" in infos


def test_pages_named_like_the_handouts_own_parts_do_not_take_their_ids(tmp_path: Path) -> None:
    """The answer key and the contents keep their ids (and the contents' links lead to them)
    when pages at `handout-answer-key.md` and `handout-contents.md` would take them."""
    site = project(tmp_path, {"index.md": "# Home\n", "questions.md": QUESTION_PAGE,
                              "handout-answer-key.md": "# A page named like the key\n",
                              "handout-answer-key-title.md": "# Another\n",
                              "handout-contents.md": "# A page named like the contents\n"},
                   markdown_extensions=["admonition", "pymdownx.details"],
                   handout={"answer_class": "answer"})
    site.build()
    html = site.html()
    for own in ("handout-answer-key", "handout-answer-key-title", "handout-contents"):
        assert html.count(f'id="{own}"') == 1
        assert html.count(f'id="{own}-2"') == 1
    key = html.index('id="handout-answer-key"')
    assert html[:key].rsplit("<", 1)[1].startswith('section class="md-typeset handout-key"')
    assert '<li><a href="#handout-answer-key">Answer key</a></li>' in contents_of(html)
