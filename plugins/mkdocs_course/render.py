"""What the course plugin writes into pages: pure functions, metadata in, text out."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from .downloads import EXPANSIONS, Download
from .lectures import Lecture

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|])")

Href = Callable[[str], str]
"""A site-relative target (a page's source path, or a file's path in the site) to the URL
that reaches it from the page being written."""


def markdown_text(text: str) -> str:
    """`text` as Markdown that shows it literally."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def relative_source(target: str, page: str) -> str:
    """The Markdown link from source path `page` to source path `target`."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


@dataclass(frozen=True)
class Facts:
    """A lecture's metadata as shown: its lines formatted once for every place."""

    title: str
    course: str
    lecturer: str
    email: str | None
    university: str
    date: str
    iso_date: str


def facts(lecture: Lecture, code: str, date_format: str) -> Facts:
    return Facts(lecture.title, code, lecture.lecturer.name, lecture.lecturer.email,
                 lecture.university, lecture.date.strftime(date_format),
                 lecture.date.isoformat())


def overview_header(
    lecture: Lecture, shown: Facts, titles: Mapping[str, str], downloads: Sequence[Download],
) -> str:
    """The Markdown put above an overview page's own text: its heading and a definition list
    of course, lecturer, date, labs and downloads."""
    page = lecture.source
    lecturer = markdown_text(shown.lecturer)
    if shown.email:
        lecturer += f" ([{markdown_text(shown.email)}](mailto:{shown.email}))"
    items = [
        ("Course", markdown_text(f"{shown.course}, {shown.university}")),
        ("Lecturer", lecturer),
        ("Date", markdown_text(shown.date)),
    ]
    if lecture.labs:
        items.append(("Labs", ", ".join(
            f"[{markdown_text(titles.get(lab, lab))}]({relative_source(lab, page)})"
            for lab in lecture.labs)))
    if downloads:
        items.append(("Downloads", " · ".join(
            f"[{download.label}]({relative_source(download.site_path, page)})"
            for download in downloads)))
    facts_list = "\n\n".join(f"{term}\n:   {value}" for term, value in items)
    return f"# {markdown_text(shown.title)}\n\n{facts_list}\n\n"


@dataclass(frozen=True)
class ScheduleRow:
    lecture: Lecture
    shown: Facts
    labs: tuple[tuple[str, str], ...]
    """(title, source path) of each lab."""
    downloads: tuple[Download, ...]


def schedule(rows: Sequence[ScheduleRow], course: Sequence[Download], href: Href) -> str:
    """The course's schedule as HTML: one row per lecture in course order (date, lecture and
    its notes, lecturer, labs, downloads), then the whole course's downloads."""
    if not rows:
        return '<p class="course-schedule-empty">No lecture yet.</p>'
    body = []
    for row in rows:
        shown = row.shown
        labs = "<br>".join(f'<a href="{escape(href(source))}">{escape(title)}</a>'
                           for title, source in row.labs) or "None"
        body.append(
            "<tr>"
            f'<td><time datetime="{shown.iso_date}">{escape(shown.date)}</time></td>'
            f'<td><a href="{escape(href(row.lecture.source))}">{escape(shown.title)}</a></td>'
            f"<td>{escape(shown.lecturer)}</td>"
            f"<td>{labs}</td>"
            f"<td>{_download_links(row.downloads, href)}</td>"
            "</tr>")
    table = (
        "<table>\n<thead><tr>"
        + "".join(f'<th scope="col">{name}</th>'
                  for name in ("Date", "Lecture", "Lecturer", "Labs", "Downloads"))
        + "</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>"
    )
    whole = (f'<p class="course-book">The whole course in one file: '
             f"{_download_links(course, href, separator=' · ')}</p>" if course else "")
    return table + whole


def _download_links(downloads: Sequence[Download], href: Href, separator: str = "<br>") -> str:
    if not downloads:
        return "Not built yet"
    return separator.join(f'<a href="{escape(href(download.site_path))}">'
                          f"{_abbreviated(download)}</a>" for download in downloads)


def _abbreviated(download: Download) -> str:
    """The download's label as HTML, its kind's name with its expansion on hover."""
    label = escape(download.label)
    expansion = EXPANSIONS.get(download.kind)
    kind = download.kind.upper()
    if expansion and label.startswith(kind):
        return f'<abbr title="{escape(expansion)}">{kind}</abbr>{label[len(kind):]}'
    return label


# --- the glossary ---------------------------------------------------------------------------

TERM_SEPARATORS = re.compile(r"\s*(?:,|\(|\))\s*")


def term_names(term: str) -> list[str]:
    """The names a glossary entry goes by: `ARM, ARM64 (AArch64)` → ARM, ARM64, AArch64."""
    return [name for name in TERM_SEPARATORS.split(term) if name]


def uses(name: str, text: str) -> bool:
    """Whether `text` uses the term `name`, as a whole word. Names with capitals after the
    first letter (VM, AMD-V, ARM64) must match exactly; others in any case."""
    flags = 0 if any(char.isupper() for char in name[1:]) else re.IGNORECASE
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, flags) is not None


def add_used_in(html: str, used_in: Callable[[str], Sequence[tuple[str, str]]]) -> str:
    """The glossary page's `html` with a line at the end of each definition naming the
    lectures that use its term: `used_in(term text)` gives their (title, URL)s."""
    parser = _Definitions()
    parser.feed(html)
    parser.close()
    starts = [0]
    for text in html.splitlines(keepends=True):
        starts.append(starts[-1] + len(text))
    inserts = []
    for term, (line, column) in parser.entries:
        lectures = used_in(term)
        if not lectures:
            continue
        links = ", ".join(f'<a href="{escape(url)}">{escape(title)}</a>' for title, url in lectures)
        word = "lecture" if len(lectures) == 1 else "lectures"
        inserts.append((starts[line - 1] + column,
                        f'<p class="course-used-in">Used in the {word}: {links}.</p>'))
    for offset, text in sorted(inserts, reverse=True):
        html = html[:offset] + text + html[offset:]
    return html


class _Definitions(HTMLParser):
    """Each top-level `<dt>`'s text, with where its `<dd>` (the last one, if several) ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[tuple[str, tuple[int, int]]] = []
        self.depth = 0
        """How deep in definition lists the parser stands."""
        self.term: list[str] | None = None
        self.last_term = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "dl":
            self.depth += 1
        elif tag == "dt" and self.depth == 1:
            self.term = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "dl":
            self.depth -= 1
        elif tag == "dt" and self.depth == 1 and self.term is not None:
            self.last_term = " ".join("".join(self.term).split())
            self.term = None
        elif tag == "dd" and self.depth == 1:
            if self.entries and self.entries[-1][0] == self.last_term:
                self.entries.pop()
            self.entries.append((self.last_term, self.getpos()))

    def handle_data(self, data: str) -> None:
        if self.term is not None:
            self.term.append(data)
