"""From one lecture to a course (issue 13): lectures' metadata from their overview's front
matter, the schedule, a handout per lecture and one for the course, datasets per lecture, the
glossary's "used in", and the `add-lecture` command.

Multi-lecture behaviour is shown on a fixture course of two placeholder lectures
(`tests/fixture_course/`), built here; the command runs in a temporary copy of the project.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from pypdf import PdfReader

from conftest import NOT_BUILD_INPUTS, ROOT, Build, mkdocs_build, require_chromium
from mkdocs_course.cli import main as add_lecture_main
from mkdocs_course.downloads import human_size
from mkdocs_course.lectures import LectureError, read_lecture

FIXTURE = Path(__file__).resolve().parent / "fixture_course"
VENV_BIN = Path(sys.executable).parent
LECTURES = {"alpha": "Fixture lecture Alpha", "beta": "Fixture lecture Beta"}
SUB_PATH = "/fixture-course/"


def one_line(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    return one_line(" ".join(page.extract_text() for page in PdfReader(path).pages))


def copy_fixture(target: Path) -> Path:
    shutil.copytree(FIXTURE, target)
    return target


def build_handouts(project: Path, *, pdf: bool = True) -> Build:
    config = project / "mkdocs.handout.yml"
    if not pdf:
        config = project / "mkdocs.handout-html.yml"
        config.write_text("INHERIT: mkdocs.handout.yml\nplugins:\n  handout:\n    pdf: false\n",
                          encoding="utf-8")
    build = mkdocs_build(config, project / "build" / "handout-site")
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output, build.output
    return build


def build_site(project: Path, **env: str) -> Build:
    build = mkdocs_build(project / "mkdocs.yml", project / "site", env={**os.environ, **env})
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output, build.output
    return build


class Links(HTMLParser):
    """The `href`s of a page, and the text of its schedule's cells and cover lines."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[tuple[str, str]] = []
        self.rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._link: tuple[str, list[str]] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._link = (dict(attrs).get("href") or "", [])
        elif tag == "tr":
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.hrefs.append((self._link[0], one_line("".join(self._link[1]))))
            self._link = None
        elif tag == "td" and self._row is not None and self._cell is not None:
            self._row.append(one_line(" ".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row:
                self.rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link[1].append(data)
        if self._cell is not None:
            self._cell.append(data)


# --- the fixture course, built once with its handouts ---------------------------------------

@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture course with its handouts (PDFs) built, then its site."""
    require_chromium()
    project = copy_fixture(tmp_path_factory.mktemp("course") / "course")
    build_handouts(project)
    build_site(project, COURSE_REQUIRE_DOWNLOADS="true")
    return project


def lecture_sections(lecture: str) -> list[str]:
    """The h1/h2 titles of a fixture lecture's pages and labs, in navigation order."""
    order = {"alpha": ["alpha/index.md", "alpha/one.md", "alpha/two.md", "labs/lab-a.md"],
             "beta": ["beta/index.md", "beta/one.md"]}[lecture]
    titles = []
    for source in order:
        text = (FIXTURE / "docs" / source).read_text(encoding="utf-8")
        front = re.match(r"---\n.*?\ntitle: (.*?)\n.*?---\n", text, re.S)
        if front:
            titles.append(front[1])
        titles += [re.sub(r"\s*\{#.*\}$", "", line.lstrip("#").strip())
                   for line in text.splitlines() if re.match(r"#{1,2} ", line)]
    return titles


@pytest.mark.browser
@pytest.mark.parametrize("lecture", LECTURES)
def test_each_lecture_pdf_holds_only_its_section_titles_in_order(
    course: Path, lecture: str
) -> None:
    text = pdf_text(course / "dist" / f"FIX-101-{lecture}.pdf")
    own = lecture_sections(lecture)
    position = 0
    for title in own * 2:  # the table of contents, then the pages
        position = text.index(title, position) + len(title)
    other = next(name for name in LECTURES if name != lecture)
    assert [title for title in lecture_sections(other) if title in text] == []


@pytest.mark.browser
def test_course_book_holds_every_lecture_in_order(course: Path) -> None:
    text = pdf_text(course / "dist" / "FIX-101-course-notes.pdf")
    position = text.index("Contents")
    for title in lecture_sections("alpha") + lecture_sections("beta"):
        position = text.index(title, position) + len(title)


@pytest.mark.browser
def test_handout_list_counts_the_pdf_pages(course: Path) -> None:
    listed = yaml.safe_load((course / "dist" / "handouts.json").read_text(encoding="utf-8"))
    books = {book["source"]: book for book in listed["books"]}
    assert set(books) == {None, "alpha/index.md", "beta/index.md"}
    for book in books.values():
        pdf = course / "dist" / book["pdf"]["name"]
        assert book["pdf"]["pages"] == len(PdfReader(pdf).pages)
        assert book["pdf"]["bytes"] == pdf.stat().st_size


class SubPathOnly(SimpleHTTPRequestHandler):
    """Serves the site under SUB_PATH only, as GitHub Pages serves a project site."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            return "/nonexistent-outside-the-sub-path"
        return super().translate_path("/" + path[len(SUB_PATH):])

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture(scope="module")
def served(course: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 partial(SubPathOnly, directory=str(course / "site")))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    server.shutdown()
    server.server_close()
    thread.join()


def fetch(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return int(response.status), bytes(response.read())


@pytest.mark.browser
def test_site_links_every_download_and_the_links_resolve_under_the_sub_path(
    course: Path, served: str
) -> None:
    listed = yaml.safe_load((course / "dist" / "handouts.json").read_text(encoding="utf-8"))
    expected = {book["pdf"]["name"]: book["pdf"] for book in listed["books"]}
    pages = {"": "home", "alpha/": "alpha", "beta/": "beta"}
    linked: dict[str, set[str]] = {name: set() for name in pages.values()}
    for path, name in pages.items():
        status, body = fetch(served + path)
        assert status == 200
        for href, text in Links(body.decode("utf-8")).hrefs:
            if not href.endswith(".pdf"):
                continue
            file = href.rsplit("/", 1)[1]
            pdf = expected[file]
            assert text == f"PDF, {pdf['pages']} pages, {human_size(pdf['bytes'])}"
            status, content = fetch(urljoin(served + path, href))
            assert status == 200
            assert content == (course / "dist" / file).read_bytes()
            linked[name].add(file)
    assert linked == {"home": set(expected), "alpha": {"FIX-101-alpha.pdf"},
                      "beta": {"FIX-101-beta.pdf"}}


@pytest.mark.browser
def test_schedule_and_cover_show_exactly_the_front_matter(course: Path) -> None:
    rows = Links((course / "site" / "index.html").read_text(encoding="utf-8")).rows
    assert [row[:4] for row in rows] == [
        ["07.01.2030", "Fixture lecture Alpha", "Placeholder Lecturer One", "Fixture lab A"],
        ["14.01.2030", "Fixture lecture Beta", "Placeholder Lecturer Two", "None"],
    ]
    first_sheet = one_line(PdfReader(course / "dist" / "FIX-101-alpha.pdf").pages[0]
                           .extract_text())
    for line in ("Fixture lecture Alpha", "Placeholder Lecturer One", "Fixture University",
                 "07.01.2030", "Fixture course"):
        assert line in first_sheet


def test_changing_the_front_matter_once_changes_schedule_cover_and_overview(
    tmp_path: Path
) -> None:
    project = copy_fixture(tmp_path / "course")
    overview = project / "docs" / "alpha" / "index.md"
    overview.write_text(overview.read_text(encoding="utf-8")
                        .replace("Fixture lecture Alpha", "Renamed fixture lecture")
                        .replace("2030-01-07", "2030-02-03")
                        .replace("Placeholder Lecturer One", "Other Placeholder Lecturer"),
                        encoding="utf-8")
    build_handouts(project, pdf=False)
    build_site(project)
    rows = Links((project / "site" / "index.html").read_text(encoding="utf-8")).rows
    assert rows[0][:3] == ["03.02.2030", "Renamed fixture lecture", "Other Placeholder Lecturer"]
    cover = (project / "dist" / "FIX-101-alpha.html").read_text(encoding="utf-8")
    cover = cover[cover.index("<header"):cover.index("</header>")]
    for line in ("Renamed fixture lecture", "Other Placeholder Lecturer", "03.02.2030"):
        assert f">{line}<" in cover
    page = (project / "site" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "Renamed fixture lecture</h1>" in re.sub(r"<a class=\"headerlink\".*?</a>", "", page)
    assert "03.02.2030" in page
    assert "Fixture lecture Alpha" not in page + cover + str(rows)


# --- datasets per lecture -------------------------------------------------------------------

@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_fixture(tmp_path_factory.mktemp("datasets") / "course")
    build_site(project)
    return project / "site"


def test_two_lectures_with_a_same_named_dataset_render_each_their_own(
    fixture_site: Path,
) -> None:
    alpha = (fixture_site / "alpha" / "one" / "index.html").read_text(encoding="utf-8")
    beta = (fixture_site / "beta" / "one" / "index.html").read_text(encoding="utf-8")
    assert "Alpha thing one" in alpha
    assert "Beta thing" not in alpha
    assert "Beta thing one" in beta
    assert "Alpha thing" not in beta


def test_a_qualified_name_reaches_another_lectures_dataset(fixture_site: Path) -> None:
    page = (fixture_site / "alpha" / "two" / "index.html").read_text(encoding="utf-8")
    assert "Beta thing one" in page
    assert "Alpha thing" not in page


@pytest.mark.parametrize(("dataset", "message"), [
    ("things", "dataset `things` is ambiguous here: `alpha/things` and `beta/things` both go "
               "by that name; write the qualified name, e.g. `dataset: alpha/things`"),
    ("gamma/things", "unknown dataset `gamma/things`; the datasets are: alpha/things, "
                     "beta/things"),
])
def test_an_ambiguous_or_unknown_dataset_is_a_located_error(
    tmp_path: Path, dataset: str, message: str
) -> None:
    project = copy_fixture(tmp_path / "course")
    lab = project / "docs" / "labs" / "lab-a.md"
    lab.write_text(lab.read_text(encoding="utf-8")
                   + f"\nA table.\n\n```compare-table\ndataset: {dataset}\n```\n",
                   encoding="utf-8")
    line = lab.read_text(encoding="utf-8").splitlines().index(f"dataset: {dataset}") + 1
    build = mkdocs_build(project / "mkdocs.yml", project / "site")
    assert build.returncode != 0
    assert f"docs/labs/lab-a.md:{line}: {message}" in build.output


def test_an_error_in_a_lectures_data_names_the_qualified_dataset(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "course")
    page = project / "docs" / "beta" / "one.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "dataset: things\n", "dataset: things\nitems: [third]\n"), encoding="utf-8")
    build = mkdocs_build(project / "mkdocs.yml", project / "site")
    assert build.returncode != 0
    assert "docs/beta/one.md:" in build.output
    assert "`beta/things`" in build.output


# --- the glossary ---------------------------------------------------------------------------

def test_glossary_names_the_lectures_that_use_each_term(fixture_site: Path) -> None:
    html = (fixture_site / "glossary" / "index.html").read_text(encoding="utf-8")
    entries = dict(re.findall(r"<dt>(\w+)</dt>\s*<dd>(.*?)</dd>", html, re.S))
    used = {term: re.findall(r">(Fixture lecture \w+)</a>", body)
            for term, body in entries.items()}
    assert used == {"Widget": ["Fixture lecture Alpha"], "Gadget": ["Fixture lecture Beta"],
                    "Placeholder": ["Fixture lecture Alpha", "Fixture lecture Beta"],
                    "Sprocket": []}


# --- the metadata's checks ------------------------------------------------------------------

@pytest.mark.parametrize(("change", "line", "message"), [
    (("2030-01-07", "7 January 2030"), 4, "`lecture.date` must be a date written YYYY-MM-DD"),
    (("    name: Placeholder Lecturer One\n", ""), 6, "`lecture.lecturer.name` must be a line"),
    (("title: Fixture lecture Alpha\n", ""), 2, "`title` must be a line of text"),
])
def test_bad_front_matter_is_a_located_error(
    tmp_path: Path, change: tuple[str, str], line: int, message: str
) -> None:
    page = tmp_path / "index.md"
    text = (FIXTURE / "docs" / "alpha" / "index.md").read_text(encoding="utf-8")
    page.write_text(text.replace(*change), encoding="utf-8")
    with pytest.raises(LectureError) as raised:
        read_lecture(page, "alpha/index.md", "docs/alpha/index.md")
    assert str(raised.value).startswith(f"docs/alpha/index.md:{line}: {message}")


def test_front_matter_reads_into_a_lecture() -> None:
    lecture = read_lecture(ROOT / "docs" / "virtualization" / "index.md",
                           "virtualization/index.md", "docs/virtualization/index.md")
    assert lecture is not None
    assert (lecture.title, lecture.date, lecture.lecturer.name, lecture.lecturer.email,
            lecture.university, lecture.labs, lecture.slug) == (
        "Virtualization", datetime.date(2025, 11, 25), "Stephan Schiffel", "stephans@ru.is",
        "Reykjavik University", ("labs/lab-2-virtual-machine.md",), "virtualization")


def test_a_missing_download_fails_a_build_that_requires_them(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "course")
    build = mkdocs_build(project / "mkdocs.yml", project / "site",
                         env={**os.environ, "COURSE_REQUIRE_DOWNLOADS": "true"})
    assert build.returncode != 0
    assert "docs/alpha/index.md: lecture `Fixture lecture Alpha` has no handout" in build.output


# --- the add-lecture command, in a copy of the project --------------------------------------

NEW_TITLE = "Placeholder lecture for the command test"
NEW_SLUG = "placeholder-lecture-for-the-command-test"


def run_command(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(VENV_BIN / "add-lecture"), *args], cwd=project,
                          capture_output=True, text=True, check=False)


def test_command_help_explains_it() -> None:
    result = subprocess.run([str(VENV_BIN / "add-lecture"), "--help"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0
    for word in ("--date", "--lecturer", "overview page", "nav", "overwritten"):
        assert word in one_line(result.stdout)


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A copy of the project where the command added a lecture; the command's output."""
    project = tmp_path_factory.mktemp("add") / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(*NOT_BUILD_INPUTS))
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    result = run_command(project, NEW_TITLE, "--date", "2030-03-04")
    assert result.returncode == 0, result.stderr
    after = (project / "mkdocs.yml").read_text(encoding="utf-8")
    # Only the new section was added: every other line (comments included) is as it was.
    added_lines = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added_lines == [f"  - {NEW_TITLE}:", f"      - {NEW_SLUG}/index.md"]
    assert before.splitlines() == [line for line in after.splitlines()
                                   if line not in added_lines]
    return project, result.stdout


def test_command_prints_what_it_made(added: tuple[Path, str]) -> None:
    project, output = added
    for made in (f"docs/{NEW_SLUG}/index.md", f"docs/data/{NEW_SLUG}/", "mkdocs.yml"):
        assert made in output
        assert (project / made).exists()


def test_added_lecture_is_in_nav_schedule_and_handouts_and_builds_strictly(
    added: tuple[Path, str],
) -> None:
    project, _ = added
    build_site(project)
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    rows = Links(home).rows
    assert [row[:3] for row in rows] == [
        ["25.11.2025", "Virtualization", "Stephan Schiffel"],
        ["04.03.2030", NEW_TITLE, "Stephan Schiffel"],
    ]
    nav = re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*(?:<span[^>]*>)?\s*([^<]+?)\s*<', home)
    assert nav.index(NEW_TITLE) > nav.index("Virtualization")
    overview = (project / "site" / NEW_SLUG / "index.html").read_text(encoding="utf-8")
    assert "04.03.2030" in overview
    build_handouts(project, pdf=False)
    listed = yaml.safe_load((project / "dist" / "handouts.json").read_text(encoding="utf-8"))
    assert [book["source"] for book in listed["books"]] == [
        None, "virtualization/index.md", f"{NEW_SLUG}/index.md"]
    handout = (project / "dist" / f"T-401-ICYB-{NEW_SLUG}.html").read_text(encoding="utf-8")
    assert f"<h1>{NEW_TITLE}</h1>" in handout
    course = (project / "dist" / "T-401-ICYB-course-notes.html").read_text(encoding="utf-8")
    assert course.index(">Virtualization<") < course.index(f">{NEW_TITLE}<")


def test_command_refuses_the_same_title_again(added: tuple[Path, str]) -> None:
    project, _ = added
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    page = (project / "docs" / NEW_SLUG / "index.md").read_text(encoding="utf-8")
    result = run_command(project, NEW_TITLE, "--date", "2030-05-06")
    assert result.returncode == 1
    assert "refused" in result.stderr
    assert "nothing was changed" in result.stderr
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == config
    assert (project / "docs" / NEW_SLUG / "index.md").read_text(encoding="utf-8") == page


def test_command_refuses_without_a_config(tmp_path: Path) -> None:
    assert add_lecture_main([NEW_TITLE, "--date", "2030-03-04", "-f",
                             str(tmp_path / "mkdocs.yml")]) == 2
