"""The handout document: a cover, a table of contents, then every page, in one HTML file."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .page import Answer, Heading

ANSWER_KEY_ID = "handout-answer-key"
"""Id of the answer key in the handout."""
CONTENTS_ID = "handout-contents"
"""Id of the table of contents' heading."""
RESERVED_IDS = frozenset({ANSWER_KEY_ID, f"{ANSWER_KEY_ID}-title", CONTENTS_ID})
"""The ids the handout gives its own parts: no page's id may take one (a page at
`handout-contents.md` gets `handout-contents-2`)."""


@dataclass(frozen=True)
class Chapter:
    """One page of the site in the handout."""

    slug: str
    """The page's id in the handout; prefix of every id on the page."""
    title: str
    """The page's title as the navigation names it (used when the page has no `<h1>`)."""
    body: str
    headings: tuple[Heading, ...]
    answers: tuple[Answer, ...] = ()
    """The page's model answers, taken out of `body` for the answer key."""


@dataclass(frozen=True)
class Part:
    """A section of the navigation: a heading in the table of contents over its pages."""

    title: str
    children: tuple[Part | Chapter, ...]


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str | None
    author: str | None
    organization: str | None
    date: str | None
    copyright: str | None
    """Raw HTML, as MkDocs' `copyright` setting is."""
    site_url: str | None


@dataclass(frozen=True)
class Document:
    lang: str
    body_attributes: dict[str, str]
    description: str | None
    css: str
    cover: Cover
    contents_title: str
    outline: tuple[Part | Chapter, ...]
    answer_key_title: str = "Answer key"


def chapters(outline: tuple[Part | Chapter, ...]) -> list[Chapter]:
    """The pages of an outline, in reading order."""
    return [
        chapter
        for entry in outline
        for chapter in (chapters(entry.children) if isinstance(entry, Part) else [entry])
    ]


def render(document: Document) -> str:
    cover = document.cover
    body_attributes = "".join(
        f' {name}="{escape(value)}"' for name, value in document.body_attributes.items())
    meta = "".join(
        f'<meta name="{name}" content="{escape(value)}">\n'
        for name, value in (("description", document.description), ("author", cover.author))
        if value
    )
    pages = "\n".join(
        f'<article class="md-typeset handout-chapter" id="{escape(chapter.slug)}">\n'
        f"{chapter.body}\n</article>"
        for chapter in chapters(document.outline)
    ) + _answer_key(document)
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(document.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{escape(cover.title)}</title>\n{meta}"
        f"<style>\n{document.css}\n</style>\n</head>\n"
        f'<body class="handout"{body_attributes}>\n'
        f"{_cover(cover)}\n{_contents(document)}\n"
        f"<main>\n{pages}\n</main>\n</body>\n</html>\n"
    )


def _cover(cover: Cover) -> str:
    lines = [
        f'<p class="handout-{name}">{escape(value)}</p>'
        for name, value in (
            ("subtitle", cover.subtitle),
            ("author", cover.author),
            ("organization", cover.organization),
            ("date", cover.date),
        )
        if value
    ]
    if cover.site_url:
        url = escape(cover.site_url)
        lines.append(f'<p class="handout-site"><a href="{url}">{url}</a></p>')
    if cover.copyright:
        lines.append(f'<p class="handout-copyright">{cover.copyright}</p>')
    return (
        f'<header class="md-typeset handout-cover">\n<h1>{escape(cover.title)}</h1>\n'
        + "\n".join(lines) + "\n</header>"
    )


def _contents(document: Document) -> str:
    key = (
        f'<li><a href="#{ANSWER_KEY_ID}">{escape(document.answer_key_title)}</a></li>'
        if has_answers(document) else ""
    )
    return (
        '<nav class="md-typeset handout-contents" aria-labelledby="handout-contents">\n'
        f'<h2 id="{CONTENTS_ID}">{escape(document.contents_title)}</h2>\n'
        f"{_entries(document.outline, key)}\n</nav>"
    )


def has_answers(document: Document) -> bool:
    return any(chapter.answers for chapter in chapters(document.outline))


def _answer_key(document: Document) -> str:
    """The model answers of every page, after the last page, each linking back to its question:
    a heading per page that has answers, then its answers in order."""
    if not has_answers(document):
        return ""
    groups = []
    for chapter in chapters(document.outline):
        if not chapter.answers:
            continue
        title = next((h.text for h in chapter.headings if h.level == 1), chapter.title)
        entries = "\n".join(
            f'<div class="handout-answer" id="{escape(answer.id)}">\n'
            f'<p class="handout-answer-title">'
            + (f'<a href="#{escape(answer.question_id)}">' if answer.question_id else "")
            + escape(f"Answer to “{answer.question_title}”" if answer.question_title
                     else f"Answer {answer.number}")
            + ("</a>" if answer.question_id else "")
            + f"</p>\n{answer.body}\n</div>"
            for answer in chapter.answers
        )
        groups.append(f"<h2>{escape(title)}</h2>\n{entries}")
    return (
        f'\n<section class="md-typeset handout-key" id="{ANSWER_KEY_ID}" '
        f'aria-labelledby="{ANSWER_KEY_ID}-title">\n'
        f'<h1 id="{ANSWER_KEY_ID}-title">{escape(document.answer_key_title)}</h1>\n'
        + "\n".join(groups) + "\n</section>"
    )


def _entries(outline: tuple[Part | Chapter, ...], last: str = "") -> str:
    items = []
    for entry in outline:
        if isinstance(entry, Part):
            items.append(
                f'<li class="handout-part">{escape(entry.title)}\n{_entries(entry.children)}</li>')
            continue
        title = next((h.text for h in entry.headings if h.level == 1), entry.title)
        sections = "".join(
            f'<li><a href="#{escape(heading.id)}">{escape(heading.text)}</a></li>'
            for heading in entry.headings
            if heading.level == 2 and heading.id
        )
        items.append(
            f'<li><a href="#{escape(entry.slug)}">{escape(title)}</a>'
            + (f"<ol>{sections}</ol>" if sections else "") + "</li>"
        )
    if last:
        items.append(last)
    return "<ol>\n" + "\n".join(items) + "\n</ol>"
