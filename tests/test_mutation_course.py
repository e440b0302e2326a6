"""Tests that can fail (issue 14): each kills mutants of the course plugin (plugins/mkdocs_course/)
that the rest of the fast suite let through."""

from __future__ import annotations

import datetime
import io
import json
import logging
import os
import re
import uuid
import warnings
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import config_options, load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer

from conftest import ascii_locale, load_in_process
from mkdocs_course import render
from mkdocs_course.cli import main as add_lecture_main
from mkdocs_course.cli import slugify, yaml_scalar
from mkdocs_course.downloads import Download, human_size, read_manifest
from mkdocs_course.lectures import (
    Lecture,
    LectureError,
    Lecturer,
    front_matter,
    is_overview,
    read_lecture,
)

pytestmark = pytest.mark.usefixtures("fresh_plugin_instances")

# --- render.py: the overview's header, the schedule, the glossary's lines ------------------

ALPHA = Lecture(
    source="alpha/index.md", title="Alpha <one> & *two*", date=datetime.date(2030, 1, 7),
    lecturer=Lecturer("Ada_Lovelace", "ada_l@example.org"), university="Fixture [University]",
    labs=("labs/lab-a.md", "labs/lab_b.md"))
"""A lecture whose every line holds a character Markdown or HTML would read."""
PDF = Download(Path("/dist/FIX-101-alpha.pdf"), "pdf", 1_400_000, 23)
HTML = Download(Path("/dist/FIX-101-alpha.html"), "html", 999)


def test_markdown_text_escapes_every_character_markdown_reads_and_only_those() -> None:
    assert render.markdown_text("\\`*_{}[]<>()#+!|") == "".join(
        "\\" + char for char in "\\`*_{}[]<>()#+!|")
    assert render.markdown_text("plain text, 1.5 - ok: ~ & = ' \" ; / @") == (
        "plain text, 1.5 - ok: ~ & = ' \" ; / @")


def test_links_between_sources_are_relative_to_the_linking_pages_folder() -> None:
    assert render.relative_source("labs/lab-a.md", "alpha/index.md") == "../labs/lab-a.md"
    assert render.relative_source("labs/lab-a.md", "index.md") == "labs/lab-a.md"
    assert render.relative_source("alpha/two.md", "alpha/index.md") == "two.md"


def test_facts_show_each_line_of_the_front_matter_once_formatted() -> None:
    assert render.facts(ALPHA, "FIX-101", "%Y/%m/%d") == render.Facts(
        title="Alpha <one> & *two*", course="FIX-101", lecturer="Ada_Lovelace",
        email="ada_l@example.org", university="Fixture [University]", date="2030/01/07",
        iso_date="2030-01-07")


def test_overview_header_shows_every_fact_literally_with_links_from_the_overview() -> None:
    """Heading, course and university, lecturer with a mail link, date, each lab by its title
    (its path when the nav has none) and each download, as Markdown that shows the text as
    written and links relative to the overview page."""
    header = render.overview_header(ALPHA, render.facts(ALPHA, "FIX-101", "%d.%m.%Y"),
                                    {"labs/lab-a.md": "Lab *A*"}, (PDF, HTML))
    assert header == (
        "# Alpha \\<one\\> & \\*two\\*\n\n"
        "Course\n:   FIX-101, Fixture \\[University\\]\n\n"
        "Lecturer\n:   Ada\\_Lovelace ([ada\\_l@example.org](mailto:ada_l@example.org))\n\n"
        "Date\n:   07.01.2030\n\n"
        "Labs\n:   [Lab \\*A\\*](../labs/lab-a.md), [labs/lab\\_b.md](../labs/lab_b.md)\n\n"
        "Downloads\n:   [PDF, 23 pages, 1.4 megabytes](../downloads/FIX-101-alpha.pdf) · "
        "[HTML, 999 bytes](../downloads/FIX-101-alpha.html)\n\n")


def test_overview_header_leaves_out_the_mail_link_labs_and_downloads_it_does_not_have() -> None:
    lecture = Lecture("beta.md", "Beta", datetime.date(2030, 1, 14), Lecturer("Bo", None),
                      "U", ())
    header = render.overview_header(lecture, render.facts(lecture, "C-1", "%d.%m.%Y"), {}, ())
    assert header == ("# Beta\n\nCourse\n:   C-1, U\n\nLecturer\n:   Bo\n\n"
                      "Date\n:   14.01.2030\n\n")


def test_overview_header_links_a_top_level_download_from_a_top_level_overview() -> None:
    lecture = Lecture("beta.md", "Beta", datetime.date(2030, 1, 14), Lecturer("Bo", ""),
                      "U", ("lab.md",))
    header = render.overview_header(lecture, render.facts(lecture, "C-1", "%d.%m.%Y"),
                                    {"lab.md": "Lab"}, (PDF,))
    assert "Lecturer\n:   Bo\n\n" in header
    assert "Labs\n:   [Lab](lab.md)\n\n" in header
    assert "(downloads/FIX-101-alpha.pdf)" in header


def via(target: str) -> str:
    """An `Href` that shows it was used, with a character HTML must escape."""
    return f"../{target}?from=home&x"


def test_schedule_is_a_table_of_the_lectures_then_the_whole_course_downloads() -> None:
    shown = render.facts(ALPHA, "FIX-101", "%d.%m.%Y")
    rows = [render.ScheduleRow(ALPHA, shown, (("Lab <A>", "labs/lab-a.md"),),
                               (Download(Path("/dist/a.pdf"), "pdf", 812_000, 1),))]
    course = (Download(Path("/dist/c.pdf"), "pdf", 5, None),
              Download(Path("/dist/c.html"), "html", 5, None))
    assert render.schedule(rows, course, via) == (
        "<table>\n<thead><tr>"
        '<th scope="col">Date</th><th scope="col">Lecture</th><th scope="col">Lecturer</th>'
        '<th scope="col">Labs</th><th scope="col">Downloads</th></tr></thead>\n<tbody>\n'
        '<tr><td><time datetime="2030-01-07">07.01.2030</time></td>'
        '<td><a href="../alpha/index.md?from=home&amp;x">Alpha &lt;one&gt; &amp; *two*</a></td>'
        "<td>Ada_Lovelace</td>"
        '<td><a href="../labs/lab-a.md?from=home&amp;x">Lab &lt;A&gt;</a></td>'
        '<td><a href="../downloads/a.pdf?from=home&amp;x">'
        '<abbr title="Portable Document Format">PDF</abbr>, 1 page, 812 kilobytes</a></td></tr>'
        "\n</tbody>\n</table>"
        '<p class="course-book">The whole course in one file: '
        '<a href="../downloads/c.pdf?from=home&amp;x">'
        '<abbr title="Portable Document Format">PDF</abbr>, 5 bytes</a> · '
        '<a href="../downloads/c.html?from=home&amp;x">HTML, 5 bytes</a></p>')


def test_schedule_says_what_is_missing_lab_download_or_lecture() -> None:
    """Rows without labs or downloads say so; several labs or downloads of a row go one a
    line; no course download leaves the course line out; no lecture says so."""
    lecture = Lecture("b.md", "B & b", datetime.date(2030, 1, 14), Lecturer("<Bo>", None),
                      "U", ())
    shown = render.facts(lecture, "C", "%d %b")
    bare = render.ScheduleRow(lecture, shown, (), ())
    full = render.ScheduleRow(lecture, shown, (("L1", "l1.md"), ("L2", "l2.md")),
                              (Download(Path("a.pdf"), "pdf", 1, 2),
                               Download(Path("a.html"), "html", 1, 2)))
    html = render.schedule([bare, full], (), via)
    assert html.count("<tr>") == 3
    assert ('<tr><td><time datetime="2030-01-14">14 Jan</time></td>'
            '<td><a href="../b.md?from=home&amp;x">B &amp; b</a></td><td>&lt;Bo&gt;</td>'
            "<td>None</td><td>Not built yet</td></tr>\n<tr>") in html
    assert ('<td><a href="../l1.md?from=home&amp;x">L1</a><br>'
            '<a href="../l2.md?from=home&amp;x">L2</a></td>') in html
    assert ("2 pages, 1 bytes</a><br>"
            '<a href="../downloads/a.html?from=home&amp;x">HTML, 2 pages, 1 bytes</a></td>'
            ) in html
    assert html.endswith("</tr>\n</tbody>\n</table>")
    assert render.schedule([], (), via) == '<p class="course-schedule-empty">No lecture yet.</p>'


def test_term_names_are_every_name_an_entry_goes_by() -> None:
    assert render.term_names("ARM, ARM64 (AArch64)") == ["ARM", "ARM64", "AArch64"]
    assert render.term_names("(VM)") == ["VM"]
    assert render.term_names("Widget") == ["Widget"]


@pytest.mark.parametrize(("name", "text", "used"), [
    ("widget", "A Widget here.", True),
    ("Widget", "widgets and a WIDGET.", True),
    ("VM", "a vm, a Vm", False),
    ("VM", "in a VM.", True),
    ("AMD-V", "amd-v", False),
    ("AMD-V", "with AMD-V on", True),
    ("ARM", "ARM64 only", False),
    ("ARM", "ARM-based", False),
    ("ARM", "pre-ARM", False),
    ("ARM", "x_ARM", False),
    ("ARM", "ARM", True),
    ("a.b", "axb", False),
])
def test_a_term_is_used_as_a_whole_word_in_its_case_when_it_has_inner_capitals(
    name: str, text: str, used: bool
) -> None:
    assert render.uses(name, text) is used


def test_checking_a_term_warns_of_nothing() -> None:
    """No deprecated regular-expression flag (`re.TEMPLATE` is 1): the pattern is new to `re`'s
    cache, which warns only when it compiles one."""
    fresh = f"VM{uuid.uuid4().hex}"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert render.uses(fresh, f"a {fresh}.")
        assert not render.uses(fresh, f"a {fresh.lower()}.")


GLOSSARY = """<h1>G</h1>
<dl>
<dt>Unused first</dt>
<dd>Not asked for last.</dd>
<dt>ARM, ARM64 (AArch64)</dt>
<dd>First.</dd>
<dd>Second <dl><dt>Inner</dt><dd>inner def</dd></dl> end.</dd>
<dt>VM &amp; <em>x</em>
  again</dt>
<dd>Virtual.</dd>
<dt>Unused</dt>
<dd>No.</dd>
</dl>
<dt>Outside</dt><dd>o</dd>
"""


def test_used_in_lines_end_each_top_level_definition_that_a_lecture_uses() -> None:
    """After the last `<dd>` of each entry of the glossary's list (not of a list nested in a
    definition, nor outside a list), one line names the lectures, escaped, in the singular
    for one."""
    asked: list[str] = []
    lectures = {"ARM, ARM64 (AArch64)": [("L <1>", "a/?x&y")],
                "VM & x again": [("A", "a/"), ("B", "b/")]}

    def used_in(term: str) -> list[tuple[str, str]]:
        asked.append(term)
        return lectures.get(term, [])

    assert render.add_used_in(GLOSSARY, used_in) == GLOSSARY.replace(
        " end.</dd>",
        ' end.<p class="course-used-in">Used in the lecture: '
        '<a href="a/?x&amp;y">L &lt;1&gt;</a>.</p></dd>').replace(
        "Virtual.</dd>",
        'Virtual.<p class="course-used-in">Used in the lectures: '
        '<a href="a/">A</a>, <a href="b/">B</a>.</p></dd>')
    assert asked == ["Unused first", "ARM, ARM64 (AArch64)", "VM & x again", "Unused"]


def test_a_glossary_no_lecture_uses_is_unchanged() -> None:
    assert render.add_used_in(GLOSSARY, lambda term: []) == GLOSSARY


def test_a_definition_without_a_term_gets_no_used_in_line() -> None:
    """A `<dd>` before any `<dt>` (a list that starts with a definition) is asked about under
    no name, which no lecture uses."""
    orphan = "<dl>\n<dd>No term.</dd>\n<dt>Term</dt>\n<dd>Def.</dd>\n</dl>\n"

    def used_in(term: str) -> list[tuple[str, str]]:
        return [("L", "l/")] if render.term_names(term) else []

    assert render.add_used_in(orphan, used_in) == orphan.replace(
        "Def.</dd>", 'Def.<p class="course-used-in">Used in the lecture: '
                     '<a href="l/">L</a>.</p></dd>')


# --- lectures.py: the front matter read and checked -----------------------------------------

OVERVIEW = """\
---
title: T
lecture:
  date: 2030-01-07
  lecturer:
    name: N
    email: e@x
  university: U
  labs:
    - l.md
---
body
"""
"""An overview page; each key on a line of its own (the file's line 2 is `title`)."""


def overview(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    page = tmp_path / "index.md"
    page.write_text(text, encoding=encoding)
    return page


def lecture_error(tmp_path: Path, change: tuple[str, str]) -> str:
    """The message of reading OVERVIEW with one change, which must be an error."""
    page = overview(tmp_path, OVERVIEW.replace(*change))
    with pytest.raises(LectureError) as raised:
        read_lecture(page, "a/index.md", "docs/a/index.md")
    return str(raised.value)


@pytest.mark.parametrize(("source", "slug"), [
    ("virtualization/index.md", "virtualization"),
    ("part/virtualization/index.md", "virtualization"),
    ("intro.md", "intro"),
    ("intro.md.md", "intro.md"),
])
def test_a_lectures_slug_is_its_folder_or_its_file_name(source: str, slug: str) -> None:
    lecture = Lecture(source, "T", datetime.date(2030, 1, 1), Lecturer("N", None), "U", ())
    assert lecture.slug == slug


@pytest.mark.parametrize(("text", "found"), [
    ("---\na: 1\n---\nbody", ("a: 1\n", 2)),
    ("\ufeff---\na: 1\n---\n", ("a: 1\n", 2)),
    ("--- \t\na: 1\nb: 2\n... \t\nbody", ("a: 1\nb: 2\n", 2)),
    ("---\na: 1\n---", ("a: 1\n", 2)),
    ("---\n---\nbody", ("", 2)),
    ("---\na: 1\n---x\n", None),
    ("---\na: 1\n", None),
    ("\n---\na: 1\n---\n", None),
    ("text\n---\na: 1\n---\n", None),
    ("---x\na: 1\n---\n", None),
])
def test_front_matter_is_the_yaml_between_dash_lines_at_the_very_start(
    text: str, found: tuple[str, int] | None
) -> None:
    assert front_matter(text) == found


@pytest.mark.parametrize(("content", "is_one"), [
    (OVERVIEW.encode(), True),
    (b"\xef\xbb\xbf" + OVERVIEW.encode(), True),
    (b"---\nlecture:\n---\n", True),
    (b"---\ntitle: T\n---\n", False),
    (b"---\n- lecture\n---\n", False),
    (b"---\nlecture: [\n---\n", False),
    (b"---\nlecture: \xff\n---\n", False),
    (b"lecture: 1\n", False),
])
def test_a_page_is_an_overview_when_its_front_matter_has_lecture(
    tmp_path: Path, content: bytes, is_one: bool
) -> None:
    page = tmp_path / "page.md"
    page.write_bytes(content)
    assert is_overview(page) is is_one


def test_a_page_that_cannot_be_read_is_no_overview(tmp_path: Path) -> None:
    assert is_overview(tmp_path / "missing.md") is False
    assert is_overview(tmp_path) is False


def test_a_full_front_matter_reads_into_a_lecture_with_its_text_trimmed(tmp_path: Path) -> None:
    text = (OVERVIEW.replace("title: T", "title: '  T  '").replace("name: N", "name: ' N '")
            .replace("university: U", "university: ' U'").replace("e@x", "' e@x '"))
    page = overview(tmp_path, "\ufeff" + text, encoding="utf-8")
    assert read_lecture(page, "a/index.md", "docs/a/index.md") == Lecture(
        "a/index.md", "T", datetime.date(2030, 1, 7), Lecturer("N", "e@x"), "U", ("l.md",))


def test_email_and_labs_may_be_left_out(tmp_path: Path) -> None:
    page = overview(tmp_path, OVERVIEW.replace("    email: e@x\n", "")
                    .replace("  labs:\n    - l.md\n", ""))
    assert read_lecture(page, "a/index.md", "docs/a/index.md") == Lecture(
        "a/index.md", "T", datetime.date(2030, 1, 7), Lecturer("N", None), "U", ())


@pytest.mark.parametrize("text", [
    "no front matter\n", "---\n---\nbody\n", "---\ntitle: T\n---\n", "---\n- lecture\n---\n"])
def test_a_page_without_lecture_in_its_front_matter_is_no_lecture(
    tmp_path: Path, text: str
) -> None:
    assert read_lecture(overview(tmp_path, text), "a/index.md", "docs/a/index.md") is None


LABS = ("`lecture.labs` must be a list of the lab pages' paths relative to the docs folder, "
        "e.g. `- labs/lab-2-virtual-machine.md` (or `[]` for none)")
DATE = "`lecture.date` must be a date written YYYY-MM-DD without quotes, e.g. `date: 2025-11-25`"
MAPPING = "must be a mapping of keys (see the 'Add a lecture' page for the front matter to write)"


@pytest.mark.parametrize(("change", "message"), [
    (("title: T", "title: [T"), "3: the front matter is not valid YAML: expected ',' or ']', "
                                "but got ':'"),
    (("lecture:\n", "lecture: 3\nx:\n"), f"3: `lecture` {MAPPING}"),
    (("  lecturer:\n    name: N\n    email: e@x\n", "  lecturer: N\n"),
     f"5: `lecture.lecturer` {MAPPING}"),
    (("  lecturer:\n    name: N\n    email: e@x\n", ""), f"4: `lecture.lecturer` {MAPPING}"),
    (("  labs:\n    - l.md\n", "  labs: l.md\n"), f"9: {LABS}"),
    (("    - l.md\n", "    - l.md\n    - ''\n"), f"10: {LABS}"),
    (("    - l.md\n", "    - l.md\n    - 3\n"), f"10: {LABS}"),
    (("2030-01-07", "2030-01-07 10:00:00"), f"4: {DATE}"),
    (("2030-01-07", "'2030-01-07'"), f"4: {DATE}"),
    (("  date: 2030-01-07\n", ""), f"4: {DATE}"),
    (("  date: 2030-01-07\n  lecturer:\n    name: N\n    email: e@x\n",
      "  lecturer:\n    name: N\n    email: e@x\n  date: 07.01.2030\n"), f"7: {DATE}"),
    (("title: T\n", ""), "2: `title` must be a line of text"),
    (("title: T", "title: ' '"), "2: `title` must be a line of text"),
    (("name: N", "name: 3"), "6: `lecture.lecturer.name` must be a line of text"),
    (("e@x", "'  '"), "7: `lecture.lecturer.email` must be a line of text (or left out)"),
    (("e@x", "3"), "7: `lecture.lecturer.email` must be a line of text (or left out)"),
    (("university: U", "university: ''"), "8: `lecture.university` must be a line of text"),
    (("  university: U\n", ""), "4: `lecture.university` must be a line of text"),
])
def test_each_wrong_value_is_an_error_at_its_line_saying_what_to_write(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    assert lecture_error(tmp_path, change) == f"docs/a/index.md:{message}"


def test_yaml_that_cannot_even_be_scanned_is_an_error_at_the_front_matters_line(
    tmp_path: Path,
) -> None:
    assert lecture_error(tmp_path, ("title: T", "title: T\x07")) == (
        "docs/a/index.md:2: the front matter is not valid YAML: unacceptable character #x0007:"
        ' special characters are not allowed\n  in "<unicode string>", position 8')


DUPLICATE_LECTURER = ("  lecturer:\n    name: N\n    email: e@x\n",
                      "  lecturer: x\n  lecturer:\n    name: 3\n")
"""A key written twice (YAML loaders keep the last): `lecturer` on lines 5 and 6, the wrong
name on line 7."""


def test_a_wrong_value_under_a_key_written_twice_is_located_at_that_key(
    tmp_path: Path,
) -> None:
    message = lecture_error(tmp_path, DUPLICATE_LECTURER)
    line, _, rest = message.removeprefix("docs/a/index.md:").partition(": ")
    assert line in {"5", "6", "7"}
    assert rest == "`lecture.lecturer.name` must be a line of text"


def test_a_wrong_value_under_a_key_written_twice_is_located_at_the_value_used(
    tmp_path: Path,
) -> None:
    assert lecture_error(tmp_path, DUPLICATE_LECTURER).startswith("docs/a/index.md:7: ")


def test_overviews_are_read_as_utf8_whatever_the_locale(tmp_path: Path) -> None:
    """A title in Icelandic, with the byte order mark some editors write, on a machine whose
    locale is ASCII: the page is an overview and its title reads as written."""
    page = overview(tmp_path, OVERVIEW.replace("title: T", "title: Þórður"), "utf-8-sig")
    with ascii_locale():
        assert is_overview(page)
        lecture = read_lecture(page, "a/index.md", "docs/a/index.md")
    assert lecture is not None
    assert lecture.title == "Þórður"


# --- downloads.py: the handout list read, each file labelled --------------------------------

@pytest.mark.parametrize(("size", "said"), [
    (0, "0 bytes"), (999, "999 bytes"), (1000, "1 kilobytes"), (812_400, "812 kilobytes"),
    (812_600, "813 kilobytes"), (999_499, "999 kilobytes"), (1_000_000, "1.0 megabytes"),
    (1_440_000, "1.4 megabytes"), (1_750_000, "1.8 megabytes"), (23_460_000, "23.5 megabytes"),
])
def test_sizes_are_said_in_decimal_units(size: int, said: str) -> None:
    assert human_size(size) == said


@pytest.mark.parametrize(("pages", "label"), [
    (None, "PDF, 1.4 megabytes"), (1, "PDF, 1 page, 1.4 megabytes"),
    (2, "PDF, 2 pages, 1.4 megabytes"), (0, "PDF, 0 pages, 1.4 megabytes"),
])
def test_a_download_is_labelled_kind_pages_and_size(pages: int | None, label: str) -> None:
    download = Download(Path("/somewhere/dist/C-1-x.pdf"), "pdf", 1_400_000, pages)
    assert download.label == label
    assert download.site_path == "downloads/C-1-x.pdf"


def write_manifest(folder: Path, books: object, files: dict[str, int]) -> None:
    """`handouts.json` listing `books`, beside files of the given names and sizes."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "handouts.json").write_text(json.dumps(books), encoding="utf-8")
    for name, size in files.items():
        (folder / name).write_bytes(b"x" * size)


def test_the_manifest_gives_each_books_published_files_by_source(tmp_path: Path) -> None:
    """Each book's PDF that is there at its listed size, by the page that declared the book
    (None: the course's); its HTML handout is never published; a book without a PDF that is
    there is left out, as is a stale entry."""
    folder = tmp_path / "dist"
    write_manifest(folder, {"books": [
        {"source": None, "pdf": {"name": "c.pdf", "bytes": 3, "pages": 2},
         "html": {"name": "c.html", "bytes": 4}},
        {"source": "a/index.md", "pdf": {"name": "a.pdf", "bytes": 5}},
        {"source": "b/index.md", "pdf": {"name": "b.pdf", "bytes": 7, "pages": 1}},
        {"source": "d/index.md", "pdf": {"name": "missing.pdf", "bytes": 1, "pages": 1}},
        {"source": "e/index.md", "html": {"name": "e.html", "bytes": 1}},
        {"source": "f/index.md", "pdf": None},
    ]}, {"c.pdf": 3, "c.html": 4, "a.pdf": 5, "b.pdf": 6, "e.html": 1})
    assert read_manifest(folder) == {
        None: (Download(folder / "c.pdf", "pdf", 3, 2),),
        "a/index.md": (Download(folder / "a.pdf", "pdf", 5, None),),
    }


def test_a_book_without_a_source_is_the_courses(tmp_path: Path) -> None:
    write_manifest(tmp_path, {"books": [{"pdf": {"name": "g.pdf", "bytes": 1}}]}, {"g.pdf": 1})
    assert read_manifest(tmp_path) == {None: (Download(tmp_path / "g.pdf", "pdf", 1),)}


def test_no_manifest_or_an_empty_one_publishes_nothing(tmp_path: Path) -> None:
    assert read_manifest(tmp_path / "nowhere") == {}
    (tmp_path / "handouts.json").mkdir()
    assert read_manifest(tmp_path) == {}
    write_manifest(tmp_path / "empty", {}, {})
    assert read_manifest(tmp_path / "empty") == {}


def test_a_manifest_that_is_not_a_list_of_handouts_is_refused(tmp_path: Path) -> None:
    write_manifest(tmp_path / "a", {"books": [{"pdf": {"name": "x.pdf"}}]}, {"x.pdf": 1})
    with pytest.raises(KeyError):
        read_manifest(tmp_path / "a")
    write_manifest(tmp_path / "b", {}, {})
    (tmp_path / "b" / "handouts.json").write_text("[", encoding="utf-8")
    with pytest.raises(json.JSONDecodeError):
        read_manifest(tmp_path / "b")


def test_the_manifest_is_read_as_utf8_as_json_is_whatever_the_locale(tmp_path: Path) -> None:
    """JSON is UTF-8 (RFC 8259): a list written by hand with the page's name as typed reads the
    same on a machine whose locale is ASCII."""
    write_manifest(tmp_path, {}, {"þ.pdf": 2})
    (tmp_path / "handouts.json").write_text(
        '{"books": [{"source": "þ/index.md", "pdf": {"name": "þ.pdf", "bytes": 2}}]}',
        encoding="utf-8")
    with ascii_locale():
        books = read_manifest(tmp_path)
    assert books == {"þ/index.md": (Download(tmp_path / "þ.pdf", "pdf", 2),)}


# --- plugin.py: real MkDocs builds of a small course, in this process ----------------------

def lecture_page(title: str, date: str, name: str, labs: list[str],
                 email: str | None = None) -> str:
    """An overview page: the lecture's front matter (university `Uni of Tests`)."""
    mail = f"    email: {email}\n" if email else ""
    listed = "".join(f"\n    - {lab}" for lab in labs) or " []"
    return (f"---\ntitle: {title}\nlecture:\n  date: {date}\n  lecturer:\n    name: {name}\n"
            f"{mail}  university: Uni of Tests\n  labs:{listed}\n---\n\n")


COURSE_CONFIG = """\
site_name: Small course
site_url: https://example.org/course/
theme:
  name: material
  font: false
plugins:
  - course:
      code: C-1
      glossary: glossary.md
      date_format: "%d %B %Y"
  - handout:
      pdf: false
      output_dir: handouts
      filename: C-1-course
markdown_extensions:
  - def_list
  - pymdownx.superfences
nav:
  - Home: index.md
  - Old title A:
      - a/index.md
      - A part: a/part.md
      - Deeper:
          - A deep: a/deep.md
  - b.md
  - Labs:
      - Lab one: labs/one.md
  - Other section:
      - Intro: other/intro.md
      - other/c.md
  - Glossary: glossary.md
"""
"""Lecture A has a section of its own with a subsection and a lab; lecture B is one page at
the top with the glossary and lecture C as its labs; lecture C shares A's lab and comes second
in a section it does not own."""
COURSE_PAGES = {
    "index.md": "# Home\n\n```course-schedule\n```\n",
    "a/index.md": lecture_page("Lecture A", "2030-01-07", "Ann", ["labs/one.md"],
                               "ann@example.org") + "A's own text.\n",
    "a/part.md": "# A part\n\nOnly here: *AArch64*.\n\n```python\nx = 1\n```\n",
    "a/deep.md": "# A deep\n\nOnly here: Deepterm.\n",
    "b.md": lecture_page("Lecture B", "2030-01-14", "Bob", ["glossary.md", "other/c.md"])
            + "Only here: Bword.\n",
    "labs/one.md": "# Lab one\n\nOnly here: Labword.\n",
    "other/intro.md": "# Intro\n\nOnly here: Introword.\n\n```course-schedule\n```\n",
    "other/c.md": lecture_page("Lecture C", "2030-01-21", "Cy", ["labs/one.md"])
                  + "C text on R&D.\n",
    "glossary.md": ("# Glossary\n\nARM64 (AArch64)\n:   Arm.\n\nDeepterm\n:   Deep.\n\n"
                    "Labword\n:   Lab.\n\nIntroword\n:   Intro.\n\nBword\n:   B.\n\n"
                    "Glossword\n:   Only in the glossary.\n\nR&D\n:   Research.\n"),
}
COURSE_BOOK = b"%PDF" + b"c" * 1996
A_BOOK = b"%PDF" + b"a" * 2496


def write_course(root: Path, config: str = COURSE_CONFIG, **changed: str | None) -> Path:
    """The small course in `root`, with its handout list and PDFs (the course's and lecture
    A's) in `dist/`; `changed` replaces (None: leaves out) pages, `/` written `__`."""
    pages = {**COURSE_PAGES, **{name.replace("__", "/"): text for name, text in changed.items()}}
    for name, text in pages.items():
        if text is not None:
            path = root / "docs" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    write_manifest(root / "dist", {"books": [
        {"source": None, "pdf": {"name": "C-1-course.pdf", "bytes": 2000, "pages": 9}},
        {"source": "a/index.md", "pdf": {"name": "C-1-a.pdf", "bytes": 2500, "pages": 1}},
    ]}, {})
    (root / "dist" / "C-1-course.pdf").write_bytes(COURSE_BOOK)
    (root / "dist" / "C-1-a.pdf").write_bytes(A_BOOK)
    return root / "mkdocs.yml"



def build_course(config_file: Path, *, strict: bool = True) -> Path:
    """Build as `mkdocs build --strict` does in its process; return the site folder."""
    config = load_in_process(config_file, strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)


def build_error(config_file: Path, caplog: pytest.LogCaptureFixture) -> str:
    """Build, which must stop with a build error; return the one error MkDocs logged."""
    caplog.clear()
    with pytest.raises(Abort, match="Aborted with a BuildError!"):
        build_course(config_file)
    errors = [record.getMessage() for record in caplog.records
              if record.name == "mkdocs.commands.build" and record.levelno == logging.ERROR
              and not record.getMessage().startswith("Error reading page")]
    assert len(errors) == 1, errors
    return errors[0]


def content(site: Path, page: str) -> str:
    """The page's own content in the built site, as written inside its `<article>`."""
    html = (site / page).read_text(encoding="utf-8")
    start = html.index('<article class="md-content__inner md-typeset">')
    return html[html.index(">", start) + 1:html.index("</article>")].strip()


def section_titles(site: Path) -> list[str]:
    html = (site / "index.html").read_text(encoding="utf-8")
    return re.findall(r'id="__nav_[\d_]+_label"[^>]*>\s*<span class="md-ellipsis">\s*'
                      r"([^<]*?)\s*<", html)


SCHEDULE = """\
<table>
<thead><tr><th scope="col">Date</th><th scope="col">Lecture</th><th scope="col">Lecturer</th>\
<th scope="col">Labs</th><th scope="col">Downloads</th></tr></thead>
<tbody>
<tr><td><time datetime="2030-01-07">07 January 2030</time></td><td><a href="{up}a/">Lecture A\
</a></td><td>Ann</td><td><a href="{up}labs/one/">Lab one</a></td><td><a href="{up}downloads/\
C-1-a.pdf"><abbr title="Portable Document Format">PDF</abbr>, 1 page, 2 kilobytes</a></td></tr>
<tr><td><time datetime="2030-01-14">14 January 2030</time></td><td><a href="{up}b/">Lecture B\
</a></td><td>Bob</td><td><a href="{up}glossary/">Glossary</a><br><a href="{c}">Lecture C</a>\
</td><td>Not built yet</td></tr>
<tr><td><time datetime="2030-01-21">21 January 2030</time></td><td><a href="{c}">Lecture C\
</a></td><td>Cy</td><td><a href="{up}labs/one/">Lab one</a></td><td>Not built yet</td></tr>
</tbody>
</table><p class="course-book">The whole course in one file: <a href="{up}downloads/\
C-1-course.pdf"><abbr title="Portable Document Format">PDF</abbr>, 9 pages, 2 kilobytes</a></p>"""


def test_a_course_build_shows_each_lecture_in_the_schedule_with_links_from_each_page(
    tmp_path: Path,
) -> None:
    """The schedule, in navigation order, on the home page and on a page two folders down:
    each lab by its navigation title (an overview by its lecture's), each link relative to
    the page; the handout PDFs listed are published beside the site as they are."""
    site = build_course(write_course(tmp_path))
    assert content(site, "index.html") == (
        '<h1 id="home">Home</h1>\n' + SCHEDULE.format(up="", c="other/c/"))
    assert content(site, "other/intro/index.html") == (
        '<h1 id="intro">Intro</h1>\n<p>Only here: Introword.</p>\n'
        + SCHEDULE.format(up="../../", c="../c/"))
    assert (site / "downloads" / "C-1-course.pdf").read_bytes() == COURSE_BOOK
    assert (site / "downloads" / "C-1-a.pdf").read_bytes() == A_BOOK
    assert sorted(path.name for path in (site / "downloads").iterdir()) == [
        "C-1-a.pdf", "C-1-course.pdf"]


def test_a_course_build_heads_each_overview_with_its_facts(tmp_path: Path) -> None:
    site = build_course(write_course(tmp_path))
    assert content(site, "a/index.html") == (
        '<h1 id="lecture-a">Lecture A</h1>\n<dl>\n<dt>Course</dt>\n<dd>C-1, Uni of Tests</dd>\n'
        '<dt>Lecturer</dt>\n<dd>Ann (<a href="mailto:ann@example.org">ann@example.org</a>)'
        "</dd>\n<dt>Date</dt>\n<dd>07 January 2030</dd>\n<dt>Labs</dt>\n"
        '<dd><a href="../labs/one/">Lab one</a></dd>\n<dt>Downloads</dt>\n'
        '<dd><a href="../downloads/C-1-a.pdf">PDF, 1 page, 2 kilobytes</a></dd>\n</dl>\n'
        "<p>A's own text.</p>")
    assert content(site, "b/index.html").startswith(
        '<h1 id="lecture-b">Lecture B</h1>\n<dl>\n<dt>Course</dt>\n<dd>C-1, Uni of Tests</dd>\n'
        "<dt>Lecturer</dt>\n<dd>Bob</dd>\n<dt>Date</dt>\n<dd>14 January 2030</dd>\n"
        '<dt>Labs</dt>\n<dd><a href="../glossary/">Glossary</a>, '
        '<a href="../other/c/">Lecture C</a></dd>\n</dl>\n')
    assert content(site, "a/part/index.html") == (
        '<h1 id="a-part">A part</h1>\n<p>Only here: <em>AArch64</em>.</p>\n'
        '<div class="highlight"><pre><span></span><code><span class="n">x</span> '
        '<span class="o">=</span> <span class="mi">1</span>\n</code></pre></div>')
    assert content(site, "labs/one/index.html") == (
        '<h1 id="lab-one">Lab one</h1>\n<p>Only here: Labword.</p>')


def test_a_lecture_names_the_section_it_starts_and_only_that(tmp_path: Path) -> None:
    site = build_course(write_course(tmp_path))
    assert section_titles(site) == ["Lecture A", "Deeper", "Labs", "Other section"]


def test_each_lecture_declares_its_handout_of_its_pages_and_labs_with_its_cover(
    tmp_path: Path,
) -> None:
    """The handout plugin writes one book per lecture, named after the course's code and the
    lecture's folder: its section's pages (subsections too) and its labs, in navigation
    order (the handout plugin's); the cover shows the lecture's facts and the site's name."""
    build_course(write_course(tmp_path))
    handouts = tmp_path / "handouts"
    books = json.loads((handouts / "handouts.json").read_text(encoding="utf-8"))["books"]
    assert [(book["source"], book["html"]["name"]) for book in books] == [
        (None, "C-1-course.html"), ("a/index.md", "C-1-a.html"), ("b.md", "C-1-b.html"),
        ("other/c.md", "C-1-other.html")]
    headings = {name: re.findall(r"<h1[^>]*>(.*?)</h1>",
                                 (handouts / name).read_text(encoding="utf-8"))
                for name in ("C-1-a.html", "C-1-b.html", "C-1-other.html")}
    assert headings == {
        "C-1-a.html": ["Lecture A", "Lecture A", "A part", "A deep", "Lab one"],
        "C-1-b.html": ["Lecture B", "Lecture B", "Lecture C", "Glossary"],
        "C-1-other.html": ["Lecture C", "Lab one", "Lecture C"],
    }
    html = (handouts / "C-1-a.html").read_text(encoding="utf-8")
    cover = html[html.index("<header"):html.index("</header>")]
    assert re.findall(r'<p class="handout-(\w+)">(.*?)</p>', cover)[:4] == [
        ("subtitle", "Small course"), ("author", "Ann"), ("organization", "Uni of Tests"),
        ("date", "07 January 2030")]


def test_the_glossary_names_the_lectures_whose_own_pages_use_each_term(tmp_path: Path) -> None:
    """A lecture's pages are its section's (subsections too) and its labs, never the glossary
    itself (lecture B lists it as a lab); a term is used by any of its names, as the reader
    sees it (emphasized, with an `&`)."""
    site = build_course(write_course(tmp_path))

    def used(links: str, word: str = "lecture") -> str:
        return f'<p class="course-used-in">Used in the {word}: {links}.</p>'

    a, b, c = ('<a href="../a/">Lecture A</a>', '<a href="../b/">Lecture B</a>',
               '<a href="../other/c/">Lecture C</a>')
    assert content(site, "glossary/index.html") == (
        '<h1 id="glossary">Glossary</h1>\n<dl>\n'
        f"<dt>ARM64 (AArch64)</dt>\n<dd>Arm.{used(a)}</dd>\n"
        f"<dt>Deepterm</dt>\n<dd>Deep.{used(a)}</dd>\n"
        f"<dt>Labword</dt>\n<dd>Lab.{used(f'{a}, {c}', 'lectures')}</dd>\n"
        "<dt>Introword</dt>\n<dd>Intro.</dd>\n"
        f"<dt>Bword</dt>\n<dd>B.{used(b)}</dd>\n"
        "<dt>Glossword</dt>\n<dd>Only in the glossary.</dd>\n"
        f"<dt>R&amp;D</dt>\n<dd>Research.{used(f'{b}, {c}', 'lectures')}</dd>\n</dl>")


def test_a_second_build_by_the_same_plugin_shows_each_lecture_once(tmp_path: Path) -> None:
    """`mkdocs serve` rebuilds with the same plugin instance: the lectures, their pages and
    labs are found anew, not added to the last build's."""
    config_file = write_course(tmp_path)
    glossary = content(build_course(config_file), "glossary/index.html")
    site = build_course(config_file)
    assert content(site, "index.html") == (
        '<h1 id="home">Home</h1>\n' + SCHEDULE.format(up="", c="other/c/"))
    assert content(site, "glossary/index.html") == glossary
    assert glossary.count("Lecture A</a>") == 3


def test_with_the_plugin_off_pages_show_only_their_own_text(tmp_path: Path) -> None:
    """No schedule (the block stays a code block), no facts above an overview, no
    downloads published, no lecture's handout, no "used in", sections named as in the nav."""
    config = COURSE_CONFIG.replace("      code: C-1\n", "      enabled: false\n      code: C-1\n")
    site = build_course(write_course(tmp_path, config))
    assert "<table>" not in content(site, "index.html")
    assert content(site, "index.html").endswith("<code>\n</code></pre></div>")
    assert content(site, "a/index.html") == "<h1>Lecture A</h1>\n\n<p>A's own text.</p>"
    assert "course-used-in" not in content(site, "glossary/index.html")
    assert not (site / "downloads").exists()
    assert section_titles(site) == ["Old title A", "Deeper", "Labs", "Other section"]
    books = json.loads((tmp_path / "handouts" / "handouts.json").read_text(encoding="utf-8"))
    assert [book["source"] for book in books["books"]] == [None]


def test_a_build_that_requires_downloads_warns_of_each_one_missing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Lectures B and C have no handout, and (once its PDF is gone) the course has none."""
    config = COURSE_CONFIG.replace("      code: C-1\n",
                                   "      code: C-1\n      require_downloads: true\n")
    config_file = write_course(tmp_path, config)
    (tmp_path / "dist" / "C-1-course.pdf").unlink()
    caplog.set_level(logging.WARNING)
    build_course(config_file, strict=False)
    warnings_logged = [record.getMessage() for record in caplog.records
                       if record.levelno == logging.WARNING and "course" in record.name]
    assert warnings_logged == [
        "mkdocs_course: docs/b.md: lecture `Lecture B` has no handout in dist/; build the "
        "handouts first (README: Handout)",
        "mkdocs_course: docs/other/c.md: lecture `Lecture C` has no handout in dist/; build "
        "the handouts first (README: Handout)",
        "mkdocs_course: the course has no handout in dist/; build the handouts first (README: "
        "Handout)",
    ]


def test_downloads_found_are_required_without_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = COURSE_CONFIG.replace("      code: C-1\n",
                                   "      code: C-1\n      require_downloads: true\n")
    pages = {"b.md": None, "other__c.md": None}
    config = config.replace("  - b.md\n", "").replace("      - other/c.md\n", "")
    site = build_course(write_course(tmp_path, config, **pages))
    assert (site / "downloads" / "C-1-a.pdf").is_file()


DATE_ERROR = "docs/a/index.md:4: " + DATE


@pytest.mark.parametrize(("changed", "error"), [
    ({"a__index.md": COURSE_PAGES["a/index.md"].replace("2030-01-07", "7.1.2030")},
     DATE_ERROR),
    ({"a__index.md": COURSE_PAGES["a/index.md"].replace("labs/one.md", "labs/two.md")},
     "docs/a/index.md: lab `labs/two.md` is not a page of the navigation; write its path "
     "relative to the docs folder, as in the `nav` of mkdocs.yml"),
    ({"index.md": "# Home\n\n```course-schedule\nlectures: all\n```\n"},
     "index.md: the `course-schedule` block takes no content; leave it empty (the schedule "
     "is written from the lectures' front matter)"),
])
def test_a_mistake_in_a_lecture_or_the_schedule_stops_the_build_saying_where(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, changed: dict[str, str], error: str,
) -> None:
    assert build_error(write_course(tmp_path, **changed), caplog) == error


def test_mistakes_are_located_from_the_config_files_folder_wherever_mkdocs_runs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
) -> None:
    config_file = write_course(tmp_path / "project", **{
        "a__index.md": COURSE_PAGES["a/index.md"].replace("2030-01-07", "7.1.2030")})
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert build_error(config_file, caplog) == DATE_ERROR


def test_a_mistake_in_docs_outside_the_config_files_folder_is_named_by_its_full_path(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    write_course(tmp_path, **{
        "a__index.md": COURSE_PAGES["a/index.md"].replace("2030-01-07", "7.1.2030")})
    config_file = tmp_path / "config" / "mkdocs.yml"
    config_file.parent.mkdir()
    config_file.write_text(COURSE_CONFIG + "docs_dir: ../docs\n", encoding="utf-8")
    page = (tmp_path / "docs" / "a" / "index.md").resolve()
    assert build_error(config_file, caplog) == f"{page}:4: {DATE}"


def test_without_a_config_file_mistakes_are_located_from_the_current_folder(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_course(tmp_path, **{
        "a__index.md": COURSE_PAGES["a/index.md"].replace("2030-01-07", "7.1.2030")})
    monkeypatch.chdir(tmp_path)
    config = load_config(io.StringIO(COURSE_CONFIG), site_dir=str(tmp_path / "site"))
    assert not config.config_file_path
    caplog.clear()
    with pytest.raises(Abort):
        build(config)
    assert DATE_ERROR in caplog.messages


def test_a_handout_list_that_is_not_one_stops_the_build_saying_to_build_it_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    config_file = write_course(tmp_path)
    write_manifest(tmp_path / "dist", {"books": [{"pdf": {"name": "C-1-a.pdf"}}]}, {})
    manifest = (tmp_path / "dist" / "handouts.json").resolve()
    assert build_error(config_file, caplog) == (
        f"course: {manifest} is not a list of handouts ('bytes'); build the handouts again")
    (tmp_path / "dist" / "handouts.json").write_text('{"books": 3}', encoding="utf-8")
    assert build_error(config_file, caplog) == (
        f"course: {manifest} is not a list of handouts ('int' object is not iterable); build "
        "the handouts again")
    (tmp_path / "dist" / "handouts.json").write_text("{", encoding="utf-8")
    assert build_error(config_file, caplog).startswith(
        f"course: {manifest} is not a list of handouts (Expecting property name")


def test_the_schedule_needs_superfences_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    config_file = write_course(tmp_path, COURSE_CONFIG.replace("  - pymdownx.superfences\n",
                                                               "  - admonition\n"))
    assert build_error(config_file, caplog) == (
        "course: the schedule block needs `pymdownx.superfences` under `markdown_extensions` "
        "in mkdocs.yml")


def watched_when_served(config_file: Path) -> set[str]:
    """The paths `mkdocs serve` watches for this site (its server is never started)."""
    config = load_in_process(config_file)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0,
                              root=config.site_dir)
    try:
        returned = config.plugins.on_serve(server, config=config, builder=lambda: None)
        assert returned is server
        return set(server._watched_paths)
    finally:
        server.server_close()
        config.plugins.on_shutdown()


def test_serve_watches_the_handout_list_when_its_folder_is_there(tmp_path: Path) -> None:
    """`mkdocs serve` rebuilds when the handouts are built again: it watches their list."""
    config_file = write_course(tmp_path)
    manifest = str((tmp_path / "dist" / "handouts.json").resolve())
    assert watched_when_served(config_file) == {manifest}
    off = COURSE_CONFIG.replace("      code: C-1\n", "      enabled: false\n      code: C-1\n")
    config_file.write_text(off, encoding="utf-8")
    assert watched_when_served(config_file) == set()


def test_serve_without_a_handout_folder_watches_nothing_more(tmp_path: Path) -> None:
    config_file = write_course(tmp_path)
    for path in (tmp_path / "dist").iterdir():
        path.unlink()
    (tmp_path / "dist").rmdir()
    assert watched_when_served(config_file) == set()


def test_the_handouts_cover_shows_the_lectures_title_whatever_the_nav_calls_its_overview(
    tmp_path: Path,
) -> None:
    config = COURSE_CONFIG.replace("      - a/index.md\n", "      - Overview: a/index.md\n")
    build_course(write_course(tmp_path, config))
    handouts = tmp_path / "handouts"
    books = json.loads((handouts / "handouts.json").read_text(encoding="utf-8"))["books"]
    assert [book["title"] for book in books if book["source"] == "a/index.md"] == ["Lecture A"]
    html = (handouts / "C-1-a.html").read_text(encoding="utf-8")
    assert html[html.index("<header"):html.index("</header>")].count("<h1>Lecture A</h1>") == 1


def test_a_lab_listed_without_a_title_in_the_nav_is_still_linked(tmp_path: Path) -> None:
    config = COURSE_CONFIG.replace("      - Lab one: labs/one.md\n", "      - labs/one.md\n")
    site = build_course(write_course(tmp_path, config))
    cells = re.findall(r'<td><a href="labs/one/">([^<]*)</a></td>', content(site, "index.html"))
    assert len(cells) == 2
    assert set(cells) <= {"Lab one", "labs/one.md"}


def test_a_lab_listed_without_a_title_in_the_nav_is_shown_by_its_heading(tmp_path: Path) -> None:
    config = COURSE_CONFIG.replace("      - Lab one: labs/one.md\n", "      - labs/one.md\n")
    site = build_course(write_course(tmp_path, config))
    assert re.findall(r'<td><a href="labs/one/">([^<]*)</a></td>',
                      content(site, "index.html")) == ["Lab one", "Lab one"]
    assert '<a href="../labs/one/">Lab one</a>' in content(site, "a/index.html")


# --- cli.py: the add-lecture command, run in this process on a small project ----------------

PROJECT_CONFIG = """\
site_name: S  # a comment that stays
plugins:
  compare:
    data_dir: datasets
nav:
  - Home: index.md
  # the lectures
  - Virtualization:
    - virt/index.md
    - Part: virt/part.md
  - Labs:
    - labs/lab.md
"""
VIRTUALIZATION = lecture_page("Virtualization", "2025-11-25", "Stephan", [], "s@ru.is")


def project(root: Path, config: str = PROJECT_CONFIG, overview_text: str = VIRTUALIZATION,
            ) -> Path:
    """A project with one lecture (docs/virt/index.md); its config file."""
    (root / "docs" / "virt").mkdir(parents=True)
    (root / "docs" / "virt" / "index.md").write_text(overview_text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root / "mkdocs.yml"


def add(config_file: Path, *args: str) -> int:
    return add_lecture_main([*args, "--date", "2030-03-04", "-f", str(config_file)])


def files_in(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(root.rglob("*")) if path.is_file()}


def test_add_lecture_writes_the_overview_data_folder_and_nav_entry_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """Lecturer, e-mail and university from the last lecture; the section after it, indented
    as it is, quoted where YAML needs it; the data folder in the compare plugin's
    `data_dir`."""
    config_file = project(tmp_path)
    assert add(config_file, "Containers: part 2") == 0
    slug = "containers-part-2"
    assert config_file.read_text(encoding="utf-8") == PROJECT_CONFIG.replace(
        "  - Labs:\n", f"  - 'Containers: part 2':\n    - {slug}/index.md\n  - Labs:\n")
    overview_file = tmp_path / "docs" / slug / "index.md"
    lecture = read_lecture(overview_file, f"{slug}/index.md", "x")
    assert lecture == Lecture(f"{slug}/index.md", "Containers: part 2",
                              datetime.date(2030, 3, 4), Lecturer("Stephan", "s@ru.is"),
                              "Uni of Tests", ())
    text = overview_file.read_text(encoding="utf-8")
    assert f"own in this folder (docs/{slug}/), listed" in text
    assert f"read their data from docs/datasets/{slug}/. -->" in text
    assert "## Outline {#outline}\n" in text
    assert (tmp_path / "docs" / "datasets" / slug / ".gitkeep").read_text() == ""
    assert capsys.readouterr().out == (
        "Added the lecture “Containers: part 2”:\n"
        f"  {overview_file}  its overview page: metadata in the front matter, skeleton below\n"
        f"  {tmp_path / 'docs' / 'datasets' / slug}/  its data folder, for its tables and "
        "diagrams\n"
        f"  {config_file}  its section in the nav:\n"
        "        - 'Containers: part 2':\n"
        f"          - {slug}/index.md\n"
        "Next: write the lecture's pages into its folder and list them in its nav section; "
        "`mkdocs serve` shows it, `mkdocs build --strict -f mkdocs.handout.yml` makes its "
        "handout.\n")


def test_add_lecture_takes_the_lecturer_given_without_the_last_ones_email(
    tmp_path: Path,
) -> None:
    config_file = project(tmp_path)
    assert add(config_file, "Cloud Security & Containers", "--lecturer", "Ann",
               "--university", "Other U") == 0
    lecture = read_lecture(tmp_path / "docs" / "cloud-security-containers" / "index.md",
                           "c/index.md", "x")
    assert lecture is not None
    assert (lecture.lecturer, lecture.university) == (Lecturer("Ann", None), "Other U")
    assert add(config_file, "Third", "--lecturer", "Bo", "--email", "bo@x.org",
               "--folder", "third-1") == 0
    lecture = read_lecture(tmp_path / "docs" / "third-1" / "index.md", "t/index.md", "x")
    assert lecture is not None
    assert (lecture.title, lecture.lecturer, lecture.university) == (
        "Third", Lecturer("Bo", "bo@x.org"), "Other U")
    nav = config_file.read_text(encoding="utf-8")
    assert nav.index("- Cloud Security & Containers:\n    - cloud-security-containers/index.md"
                     ) < nav.index("  - Third:\n    - third-1/index.md\n  - Labs:")


def test_add_lecture_keeps_the_last_lectures_email_when_given_none_for_the_same_lecturer(
    tmp_path: Path,
) -> None:
    config_file = project(tmp_path)
    assert add(config_file, "Fourth", "--email", "") == 0
    lecture = read_lecture(tmp_path / "docs" / "fourth" / "index.md", "f/index.md", "x")
    assert lecture is not None
    assert lecture.lecturer == Lecturer("Stephan", None)


@pytest.mark.parametrize(("config", "entry"), [
    ("site_name: S\nnav:\n- Home: index.md\n- Virtualization:\n  - virt/index.md",
     "- New:\n  - new/index.md\n"),
    ("site_name: S\nnav:\n    -   Home: index.md\n    -   Virtualization:\n"
     "            -   virt/index.md\n", "    - New:\n            - new/index.md\n"),
    ("site_name: S\nnav:\n  - Home: index.md\n  - Virtualization: virt/index.md\n",
     "  - New:\n      - new/index.md\n"),
])
def test_add_lecture_indents_its_entry_as_the_last_lecture_is(
    tmp_path: Path, config: str, entry: str,
) -> None:
    config_file = project(tmp_path, config)
    assert add(config_file, "New") == 0
    written = config_file.read_text(encoding="utf-8")
    assert written == config.rstrip("\n") + "\n" + entry
    assert (tmp_path / "docs" / "data" / "new" / ".gitkeep").is_file()


def test_add_lecture_to_a_course_without_lectures_goes_after_the_first_entry(
    tmp_path: Path,
) -> None:
    config = "site_name: S\nnav:\n  - Home:\n    - index.md\n    - more.md\n  - About: a.md\n"
    config_file = project(tmp_path, config)
    assert add(config_file, "First", "--lecturer", "Ann", "--university", "U") == 0
    assert config_file.read_text(encoding="utf-8") == config.replace(
        "  - About", "  - First:\n      - first/index.md\n  - About")


def test_add_lecture_finds_the_docs_in_docs_dir(tmp_path: Path) -> None:
    config_file = project(tmp_path / "content", "site_name: S\nnav:\n  - Virtualization:\n"
                          "    - virt/index.md\n")
    config_file = config_file.rename(tmp_path / "mkdocs.yml")
    config_file.write_text(config_file.read_text(encoding="utf-8") + "docs_dir: content/docs\n",
                           encoding="utf-8")
    assert add(config_file, "New") == 0
    assert (tmp_path / "content" / "docs" / "new" / "index.md").is_file()
    assert (tmp_path / "content" / "docs" / "data" / "new").is_dir()
    lecture = read_lecture(tmp_path / "content" / "docs" / "new" / "index.md", "n", "x")
    assert lecture is not None
    assert lecture.lecturer.name == "Stephan"


def refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], config_file: Path,
            *args: str) -> str:
    """Run the command, which must refuse and change nothing; its message."""
    before = files_in(tmp_path)
    capsys.readouterr()
    assert add(config_file, *args) == 1
    assert files_in(tmp_path) == before
    assert not [path for path in tmp_path.rglob("*") if path.is_dir() and not any(
        path.iterdir())]
    output = capsys.readouterr()
    assert output.out == ""
    return output.err


def test_add_lecture_refuses_what_it_cannot_do_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    config_file = project(tmp_path)
    prefix = "add-lecture: refused: "

    def why(*args: str) -> str:
        return refused(tmp_path, capsys, config_file, *args).removeprefix(prefix)

    assert why(" ") == "the title is empty\n"
    assert why("!!!") == ("`` cannot name the lecture's folder; give --folder with lower-case "
                          "letters, digits and `-`\n")
    assert why("New", "--folder", "Bad") == (
        "`Bad` cannot name the lecture's folder; give --folder with lower-case letters, "
        "digits and `-`\n")
    assert why("New", "--folder=-new").startswith("`-new` cannot name")
    assert why("New", "--folder", "new/x").startswith("`new/x` cannot name")
    assert why(" virtualization ", "--folder", "other") == (
        f"the nav of {config_file} already has a lecture `Virtualization`; nothing was "
        "changed\n")
    assert why("Virt", "--folder", "virt") == (
        f"{tmp_path / 'docs' / 'virt'} already exists: a lecture `virt` is there already; "
        "nothing was changed\n")
    (tmp_path / "docs" / "datasets" / "new").mkdir(parents=True)
    (tmp_path / "docs" / "datasets" / "new" / "things.yml").write_text("", encoding="utf-8")
    assert why("New") == (f"{tmp_path / 'docs' / 'datasets' / 'new'} already exists: a "
                          "lecture `new` is there already; nothing was changed\n")
    assert why("Labs", "--folder", "labs") == (
        f"the nav of {config_file} already lists pages in labs/; nothing was changed\n")


@pytest.mark.parametrize(("config", "args", "message"), [
    ("site_name: S\nnav:\n  - Home: index.md\n", ("New",),
     "give the lecturer: --lecturer 'Name' (there is no earlier lecture to take the name "
     "from)"),
    ("site_name: S\nnav:\n  - Home: index.md\n", ("New", "--lecturer", "Ann"),
     "give the university: --university 'Name'"),
    ("- a\n- b\n", ("New",), "{config} is not an MkDocs config (a mapping of settings)"),
    ("site_name: S\n", ("New",), "{config} has no `nav` list to add the lecture to"),
    ("site_name: S\nnav: index.md\n", ("New",), "{config} has no `nav` list to add the lecture to"),
])
def test_add_lecture_refuses_without_what_it_needs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, args: tuple[str, ...],
    message: str,
) -> None:
    config_file = project(tmp_path, config)
    assert refused(tmp_path, capsys, config_file, *args) == (
        "add-lecture: refused: " + message.format(config=config_file) + "\n")


def test_a_previous_lecture_without_a_university_gives_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    """What the last lecture's front matter does not hold as text is no default."""
    config_file = project(tmp_path, overview_text=VIRTUALIZATION.replace(
        "  university: Uni of Tests\n", "  university: [1]\n"))
    assert refused(tmp_path, capsys, config_file, "New").endswith(
        "give the university: --university 'Name'\n")
    assert add(config_file, "New", "--university", "U") == 0
    lecture = read_lecture(tmp_path / "docs" / "new" / "index.md", "n", "x")
    assert lecture is not None
    assert (lecture.lecturer, lecture.university) == (Lecturer("Stephan", "s@ru.is"), "U")


def test_a_config_that_is_not_yaml_changes_nothing_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    config_file = project(tmp_path, "nav: [\n")
    before = files_in(tmp_path)
    assert add(config_file, "New") == 1
    assert files_in(tmp_path) == before
    err = capsys.readouterr().err
    assert err.startswith(f"add-lecture: {config_file} is not valid YAML, nothing was changed: ")
    assert "line 2" in err


def test_without_a_config_file_the_command_says_where_to_run_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    assert add(tmp_path / "mkdocs.yml", "New") == 2
    assert capsys.readouterr().err == (
        f"add-lecture: no {tmp_path / 'mkdocs.yml'} here; run it in the project's folder or "
        "give -f path/to/mkdocs.yml\n")


def test_the_config_file_is_mkdocs_yml_in_the_current_folder_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert add_lecture_main(["New", "--date", "2030-03-04"]) == 0
    assert (tmp_path / "docs" / "new" / "index.md").is_file()
    assert "new/index.md" in (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")


def test_a_date_not_written_yyyy_mm_dd_is_refused_by_the_parser(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    config_file = project(tmp_path)
    with pytest.raises(SystemExit) as exited:
        add_lecture_main(["New", "--date", "4.3.2030", "-f", str(config_file)])
    assert exited.value.code == 2
    assert "argument --date: `4.3.2030` is not a date written YYYY-MM-DD" in (
        capsys.readouterr().err)


def test_the_commands_help_says_what_it_does(capsys: pytest.CaptureFixture[str]) -> None:
    """All of `add-lecture --help`, words only (the terminal's width wraps the lines)."""
    with pytest.raises(SystemExit) as exited:
        add_lecture_main(["--help"])
    assert exited.value.code == 0
    assert " ".join(capsys.readouterr().out.split()) == (
        "usage: add-lecture [-h] --date DATE [--lecturer LECTURER] [--email EMAIL] "
        "[--university UNIVERSITY] [--folder FOLDER] [-f CONFIG_FILE] title "
        "Add a lecture to the course: its overview page (docs/<folder>/index.md) with the "
        "lecture's metadata in its front matter and the standard skeleton under it, its data "
        "folder (docs/data/<folder>/), and its section in the nav of mkdocs.yml after the last "
        "lecture (comments and layout kept). The schedule on the course home, the lecture's "
        "handout (built by `mkdocs build --strict -f mkdocs.handout.yml`) and the glossary "
        "pick it up from the front matter. Nothing is overwritten: if the lecture's folder, "
        "data folder or nav entry exists, nothing is changed. "
        "positional arguments: title the lecture's title, as the site shows it "
        "options: -h, --help show this help message and exit "
        "--date DATE the day the lecture is given, YYYY-MM-DD "
        "--lecturer LECTURER who gives it (default: the last lecture's) "
        "--email EMAIL the lecturer's e-mail (default: the last lecture's, when the lecturer "
        "is too) --university UNIVERSITY default: the last lecture's "
        "--folder FOLDER the lecture's folder under docs/ (default: made from the title, e.g. "
        "`cloud-security`) -f CONFIG_FILE, --config-file CONFIG_FILE the site's MkDocs config "
        "(default: mkdocs.yml) Example: add-lecture 'Containers' --date 2025-12-02 --lecturer "
        "'Stephan Schiffel' --email stephans@ru.is")


@pytest.mark.parametrize(("title", "slug"), [
    ("Cloud Security & Containers", "cloud-security-containers"),
    ("Café Ünïcode", "cafe-unicode"),
    ("  --Trim me--  ", "trim-me"),
    ("ARM64 v8", "arm64-v8"),
])
def test_a_title_makes_a_folder_name(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize(("text", "scalar"), [
    ("Plain", "Plain"), ("a: b", "'a: b'"), ("Þórður", "Þórður"), ("yes", "'yes'"),
    ("a b " * 30 + "c", "a b " * 30 + "c"),
])
def test_yaml_scalars_are_quoted_only_when_they_must_be(text: str, scalar: str) -> None:
    assert yaml_scalar(text) == scalar


@pytest.mark.parametrize(("plugins", "data_dir"), [
    ("plugins:\n  search: {}\n  compare:\n    strict: true\n    data_dir: tables\n", "tables"),
    ("plugins:\n  compare:\n    data_dir: ''\n", "data"),
    ("plugins:\n  compare:\n", "data"),
    ("plugins:\n  compare:\n    strict: true\n", "data"),
    ("plugins:\n  other:\n    data_dir: tables\n", "data"),
])
def test_the_data_folder_is_in_the_compare_plugins_data_dir(
    tmp_path: Path, plugins: str, data_dir: str,
) -> None:
    config_file = project(tmp_path, plugins + "nav:\n  - Virtualization:\n    - virt/index.md\n")
    assert add(config_file, "New") == 0
    assert (tmp_path / "docs" / data_dir / "new" / ".gitkeep").is_file()


def test_the_data_folder_follows_data_dir_with_plugins_written_as_a_list(tmp_path: Path) -> None:
    config_file = project(tmp_path, "plugins:\n  - search\n  - compare:\n      data_dir: tables\n"
                          "nav:\n  - Virtualization:\n    - virt/index.md\n")
    assert add(config_file, "New") == 0
    assert (tmp_path / "docs" / "tables" / "new").is_dir()


def test_only_a_nav_section_led_by_an_overview_is_a_lecture(tmp_path: Path) -> None:
    """Entries that are no lecture's section (a page, two keys, no pages, a link, a page
    without `lecture`, a file that is no page) are passed over: the new lecture follows the
    last one (here a section whose first page, in a subsection, is an overview), and its
    defaults come from there."""
    config = ("site_name: S\nedit_uri: edit/new/\nnav:\n  - virt/index.md\n"
              "  - Virtualization:\n    - virt/index.md\n"
              "  - Empty: []\n  - Link: https://example.org/x.md\n  - Plain:\n    - plain.md\n"
              "  - Nested:\n    - Deeper: {Overview: virt/index.md}\n"
              "  - {A: virt/index.md, B: virt/index.md}\n  - Odd:\n    - x.txt\n")
    config_file = project(tmp_path, config)
    (tmp_path / "docs" / "plain.md").write_text("# Plain\n", encoding="utf-8")
    assert add(config_file, "New") == 0
    assert config_file.read_text(encoding="utf-8") == config.replace(
        "  - {A:", "  - New:\n    - new/index.md\n  - {A:")
    lecture = read_lecture(tmp_path / "docs" / "new" / "index.md", "n", "x")
    assert lecture is not None
    assert lecture.lecturer == Lecturer("Stephan", "s@ru.is")


@pytest.mark.parametrize("overview_text", [
    "---\nlecture: 3\n---\n",
    "---\nlecture:\n  lecturer: Ann\n  university: U\n---\n",
])
def test_a_last_lecture_with_odd_front_matter_gives_what_it_can(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], overview_text: str,
) -> None:
    config_file = project(tmp_path, "nav:\n  - Virtualization:\n    - virt/index.md\n",
                          overview_text)
    message = refused(tmp_path, capsys, config_file, "New")
    assert message == ("add-lecture: refused: give the lecturer: --lecturer 'Name' (there is "
                       "no earlier lecture to take the name from)\n")
    assert add(config_file, "New", "--lecturer", "Bo", "--university", "V") == 0


def test_a_dirty_build_of_the_glossary_alone_still_builds(tmp_path: Path) -> None:
    """`mkdocs build --dirty` after a change to the glossary only: MkDocs converts only that
    page, so the lectures' pages have no text in this build; the glossary is still written."""
    config_file = write_course(tmp_path)
    site = build_course(config_file)
    plugins = MkDocsConfig.plugins
    assert isinstance(plugins, config_options.Plugins)
    plugins.plugin_cache.clear()  # a new `mkdocs build --dirty` process
    glossary = tmp_path / "docs" / "glossary.md"
    glossary.write_text(COURSE_PAGES["glossary.md"].replace("Arm.", "Arm, changed."),
                        encoding="utf-8")
    written = (site / "glossary" / "index.html").stat().st_mtime
    os.utime(glossary, (written + 100, written + 100))
    config = load_in_process(config_file, strict=False)
    config.plugins.on_startup(command="build", dirty=True)
    try:
        build(config, dirty=True)
    finally:
        config.plugins.on_shutdown()
    assert "<dd>Arm, changed." in content(site, "glossary/index.html")


@pytest.mark.parametrize(("config", "after", "entry"), [
    ("site_name: S\nnav:\n  - Virtualization:\n    - virt/index.md\n    - Extras:\n"
     "        []\n  - Labs: labs.md\n", "        []\n",
     "  - New:\n    - new/index.md\n"),
    ("site_name: S\nnav:\n  - Virtualization: [virt/index.md, virt/two.md]\n  - Labs: labs.md\n",
     "two.md]\n", "  - New:\n" + " " * 21 + "- new/index.md\n"),
])
def test_add_lecture_goes_after_the_last_lectures_last_line_whatever_its_layout(
    tmp_path: Path, config: str, after: str, entry: str,
) -> None:
    """An empty list on a line of its own ends the section; a flow list has no `-` to line
    the new page up with, so it lines up with the first page."""
    config_file = project(tmp_path, config)
    assert add(config_file, "New") == 0
    assert config_file.read_text(encoding="utf-8") == config.replace(after, after + entry)


def test_add_lecture_after_a_dash_on_a_line_of_its_own_keeps_the_config_valid(
    tmp_path: Path,
) -> None:
    config_file = project(tmp_path, "site_name: S\nnav:\n  -\n    Virtualization:\n"
                                    "      - virt/index.md\n")
    assert add(config_file, "New") == 0
    nav = yaml.safe_load(config_file.read_text(encoding="utf-8"))["nav"]
    assert nav[-1] == {"New": ["new/index.md"]}


def test_a_last_lecture_without_a_lecturer_gives_no_lecturer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    config_file = project(tmp_path, "nav:\n  - Virtualization:\n    - virt/index.md\n",
                          "---\nlecture:\n  university: U\n---\n")
    assert refused(tmp_path, capsys, config_file, "New") == (
        "add-lecture: refused: give the lecturer: --lecturer 'Name' (there is no earlier "
        "lecture to take the name from)\n")
    assert add(config_file, "New", "--lecturer", "Bo") == 0
    lecture = read_lecture(tmp_path / "docs" / "new" / "index.md", "n", "x")
    assert lecture is not None
    assert (lecture.lecturer, lecture.university) == (Lecturer("Bo", None), "U")


def test_the_first_lecture_of_a_project_without_docs_yet_makes_its_folders(
    tmp_path: Path,
) -> None:
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: S\nnav:\n  - Home: index.md\n", encoding="utf-8")
    assert add(config_file, "First", "--lecturer", "Ann", "--university", "U") == 0
    assert (tmp_path / "docs" / "first" / "index.md").is_file()
    assert (tmp_path / "docs" / "data" / "first" / ".gitkeep").is_file()


def test_add_lecture_reads_and_writes_utf8_whatever_the_locale(tmp_path: Path) -> None:
    """Icelandic in the config's comments, the last lecturer's name and the new title, on a
    machine whose locale is ASCII: every file is read and written as UTF-8."""
    config = "site_name: Námskeið  # Þórður\nnav:\n  - Virtualization:\n    - virt/index.md\n"
    config_file = project(tmp_path, config, VIRTUALIZATION.replace("Stephan", "Þórður"))
    with ascii_locale():
        assert add(config_file, "Sýndarvélar") == 0
    assert config_file.read_text(encoding="utf-8") == (
        config + "  - Sýndarvélar:\n    - syndarvelar/index.md\n")
    lecture = read_lecture(tmp_path / "docs" / "syndarvelar" / "index.md", "s", "x")
    assert lecture is not None
    assert (lecture.title, lecture.lecturer.name) == ("Sýndarvélar", "Þórður")
