"""One built page in, its content rewritten for life inside the handout file out.

A page's content is the `<article>` MkDocs' theme wraps it in (Material's `md-content__inner`).
In the handout every page shares one document, so every id gets the page's slug as a prefix,
links between pages become links to those ids, images become `data:` URIs, and what only
works on the site (scripts, permalinks, edit buttons) is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .embed import data_uri, inline_stylesheet, site_file

CONTENT_CLASS = "md-content__inner"
"""Class of the `<article>` that holds a page's content in Material's pages."""

DROPPED_ELEMENTS = frozenset({"script", "noscript", "template"})
"""Elements that only make sense with JavaScript: a handout has none."""

DROPPED_CLASSES = frozenset({"headerlink", "md-content__button"})
"""Permalinks (`¶`) and edit/view buttons: they lead back to the site, not into the file."""

ID_LIST_ATTRIBUTES = frozenset({
    "aria-activedescendant", "aria-controls", "aria-describedby", "aria-details",
    "aria-flowto", "aria-labelledby", "aria-owns", "for", "form", "headers", "list",
})
"""Attributes whose value is an id or a space-separated list of ids."""

EMBEDDED_ATTRIBUTES = frozenset({"src", "poster"})
"""Attributes naming a file the browser loads: it goes into the handout as a `data:` URI."""

LINK_ELEMENTS = frozenset({"a", "area"})
"""Elements whose `href` is a link to follow; any other's (`link`, SVG's `image` and `use`)
names a file the browser loads, embedded like `src`."""

LOCAL_REFERENCE = re.compile(r"url\(\s*#([^)\s]+)\s*\)")
"""`url(#id)` in an attribute (SVG `fill`, `marker-end`, `clip-path`, `style`)."""

VOID_ELEMENTS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
})

TOC_LEVELS = {"h1": 1, "h2": 2}
"""Headings that appear in the handout's table of contents."""

QUESTION_CLASS = "question"
"""Class of a self-check question block: `??? question "…"` renders
`<details class="question">`; the answer key links back to it."""


@dataclass(frozen=True)
class Heading:
    level: int
    id: str | None
    """The heading's id in the handout (prefixed), or None if the page gave it none."""
    text: str


@dataclass(frozen=True)
class Site:
    """What rewriting a page needs to know about the site around it."""

    site_dir: Path
    slugs: dict[str, str]
    """Site path of every page in the handout (`/section/page/`) to the page's slug."""
    site_url: str | None
    """Where the site is online: links to pages outside the handout point there."""


@dataclass(frozen=True)
class Answer:
    """A model answer taken out of the page, for the handout's answer key."""

    number: int
    """Its place among the page's answers, from 1."""
    id: str
    """Its id in the answer key (prefixed with the page's slug)."""
    question_id: str | None
    """Id of the question block it answers (its enclosing or nearest preceding one)."""
    question_title: str | None
    """That question block's summary line, e.g. "Check yourself"."""
    body: str
    """The answer's content, rewritten like the rest of the page, without its summary line."""


@dataclass
class Content:
    """A page's content as it goes into the handout, and what was learned on the way."""

    body: str = ""
    headings: list[Heading] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    anchors: set[str] = field(default_factory=set)
    """Every in-file link target (`#…` without the hash) the content uses."""
    stylesheets: list[str] = field(default_factory=list)
    """Site paths of the page's local stylesheets, in order."""
    lang: str | None = None
    body_attributes: dict[str, str] = field(default_factory=dict)
    """`dir` and Material's `data-md-color-*` of the page's `<body>`."""
    problems: list[str] = field(default_factory=list)
    """What could not be carried into the handout (for warnings)."""
    answers: list[Answer] = field(default_factory=list)
    """The page's model answers, in page order, taken out of its body for the answer key."""


def site_path(path: str) -> str:
    """A site path in one spelling: `/a/index.html` and `/a/` are the same page."""
    path = unquote(path)
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def anchor(slug: str, fragment: str = "") -> str:
    """The handout id of `fragment` on page `slug` (the page itself when no fragment)."""
    return f"{slug}--{fragment}" if fragment else slug


def rewrite_page(
    html: str, url: str, slug: str, site: Site, *, answer_class: str | None = None,
    answer_reference: str = "Answer: in the answer key",
) -> Content:
    """The content of the built page `html`, served at site path `url`, for the handout.

    With `answer_class`, every `<details>` block of that class is taken out of the body into
    `Content.answers` and replaced by a link to it, labelled `answer_reference`.
    """
    parser = _PageParser(url, slug, site, answer_class, answer_reference)
    parser.feed(html)
    parser.close()
    if not parser.found_content:
        parser.page.problems.append(f"no <article class=\"{CONTENT_CLASS}\"> found")
    parser.page.body = "".join(parser.out)
    return parser.page


class _PageParser(HTMLParser):
    """Copies the content article, rewriting tags that need it and leaving the rest as written."""

    def __init__(
        self, url: str, slug: str, site: Site, answer_class: str | None = None,
        answer_reference: str = "",
    ) -> None:
        super().__init__(convert_charrefs=False)
        self.base = url
        self.slug = slug
        self.site = site
        self.page = Content()
        self.out: list[str] = []
        self.sink = self.out
        """Where the rewritten HTML goes: the body, or the answer being taken out."""
        self.answer_class = answer_class
        self.answer_reference = answer_reference
        self.details_depth = 0
        self.questions: list[tuple[int, str]] = []
        """(details depth, id) of the question blocks open around the current position."""
        self.last_question: str | None = None
        self.question_count = 0
        self.answer: tuple[int, list[str]] | None = None
        """While inside an answer: the details depth it opened at, and its content."""
        self.in_answer_summary = False
        self.question_titles: dict[str, str] = {}
        """Summary line of each question block, by id."""
        self.question_summary: tuple[str, list[str]] | None = None
        """While inside a question block's summary: the block's id and the text so far."""
        self.found_content = False
        self.in_content = False
        self.nested_articles = 0
        self.dropping: str | None = None
        """Tag of the element being left out, with how deep it is nested in itself."""
        self.dropping_depth = 0
        self.heading: tuple[int, str | None, list[str]] | None = None
        self.external_link: tuple[str, list[str]] | None = None
        self.style: list[str] | None = None
        """While inside a `<style>` element: its text so far, embedded at its end."""

    # Parser events -----------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=True)

    def handle_endtag(self, tag: str) -> None:
        if not self.in_content:
            return
        if self.dropping is not None:
            if tag == self.dropping:
                self.dropping_depth -= 1
                if self.dropping_depth == 0:
                    self.dropping = None
            return
        if tag == "article":
            if self.nested_articles == 0:
                self.in_content = False
                return
            self.nested_articles -= 1
        if self.in_answer_summary:
            # The answer's summary line ("Answer") and all it holds stay out of the key.
            if tag == "summary":
                self.in_answer_summary = False
            return
        if tag == "summary" and self.question_summary is not None:
            question, text = self.question_summary
            self.question_titles[question] = " ".join("".join(text).split())
            self.question_summary = None
        if tag == "details":
            if self.answer is not None and self.answer[0] == self.details_depth:
                self._end_answer()
                self.details_depth -= 1
                return
            if self.questions and self.questions[-1][0] == self.details_depth:
                self.questions.pop()
            self.details_depth -= 1
        if tag == "style" and self.style is not None:
            self.sink.append(self._css("".join(self.style)))
            self.style = None
        self.sink.append(f"</{tag}>")
        if self.heading is not None and TOC_LEVELS.get(tag) == self.heading[0]:
            level, heading_id, text = self.heading
            self.page.headings.append(Heading(level, heading_id, " ".join("".join(text).split())))
            self.heading = None
        if tag == "a" and self.external_link is not None:
            href, text = self.external_link
            if "".join(text).strip() not in (href, href.removeprefix("mailto:")):
                # Printed, a link's target is lost unless written out (shown in print only).
                self.sink.append(f'<span class="handout-url"> ({escape(href)})</span>')
            self.external_link = None

    def handle_data(self, data: str) -> None:
        self._text(data, data)

    def handle_entityref(self, name: str) -> None:
        self._text(f"&{name};", unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._text(f"&#{name};", unescape(f"&#{name};"))

    # Comments, declarations and processing instructions are left out (the default).

    # Rewriting ---------------------------------------------------------------------------

    def _text(self, source: str, text: str) -> None:
        if not self.in_content or self.dropping is not None or self.in_answer_summary:
            return
        if self.style is not None:
            self.style.append(source)
            return
        self.sink.append(source)
        if self.question_summary is not None:
            self.question_summary[1].append(text)
        if self.heading is not None:
            self.heading[2].append(text)
        if self.external_link is not None:
            self.external_link[1].append(text)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, self_closing: bool) -> None:
        if not self.in_content:
            self._outside(tag, dict(attrs))
            return
        if self.dropping is not None:
            if tag == self.dropping and not self_closing:
                self.dropping_depth += 1
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag in DROPPED_ELEMENTS or classes & DROPPED_CLASSES:
            if not self_closing and tag not in VOID_ELEMENTS:
                self.dropping, self.dropping_depth = tag, 1
            return
        if tag == "article":
            self.nested_articles += 1
        if tag == "details" and not self_closing:
            self.details_depth += 1
            if self.answer_class and self.answer is None and self.answer_class in classes:
                self.answer = (self.details_depth, [])
                self.sink = self.answer[1]
                return
            if QUESTION_CLASS in classes:
                attrs = self._question_id(attrs)
        if tag == "summary" and self.answer is not None and not self.in_answer_summary \
                and self.details_depth == self.answer[0] and not self_closing:
            self.in_answer_summary = True
            return
        if self.in_answer_summary:
            return
        if tag == "summary" and not self_closing and self.questions \
                and self.questions[-1][0] == self.details_depth \
                and self.questions[-1][1] not in self.question_titles:
            self.question_summary = (self.questions[-1][1], [])
        rewritten = [
            kept for name, value in attrs if (kept := self._attribute(tag, name, value)) is not None
        ]
        if rewritten == attrs and tag != "details":
            self.sink.append(self.get_starttag_text() or "")
        else:
            self.sink.append(_start_tag(tag, rewritten, self_closing=self_closing))
        given = dict(rewritten)
        if tag == "style" and not self_closing:
            self.style = []
        if tag in TOC_LEVELS:
            self.heading = (TOC_LEVELS[tag], given.get("id"), [])
        href = given.get("href")
        if tag == "a" and href and urlsplit(href).scheme:
            self.external_link = (href, [])

    def _question_id(
        self, attrs: list[tuple[str, str | None]]
    ) -> list[tuple[str, str | None]]:
        """The question block's attributes, with an id (its own, or a numbered one) that the
        answer key can link back to (the page's slug is added like to every id)."""
        self.question_count += 1
        given = dict(attrs).get("id")
        fragment = given or f"question-{self.question_count}"
        self.questions.append((self.details_depth, anchor(self.slug, fragment)))
        self.last_question = anchor(self.slug, fragment)
        return attrs if given else [*attrs, ("id", fragment)]

    def _end_answer(self) -> None:
        """Close the answer being taken out: keep it for the key, leave a link in its place."""
        assert self.answer is not None
        number = len(self.page.answers) + 1
        answer_id = anchor(self.slug, f"answer-{number}")
        question = self.questions[-1][1] if self.questions else self.last_question
        title = self.question_titles.get(question) if question else None
        self.page.answers.append(
            Answer(number, answer_id, question, title, "".join(self.answer[1])))
        self.page.ids.add(answer_id)
        self.answer = None
        self.sink = self.out
        self.page.anchors.add(answer_id)
        self.sink.append(
            f'<p class="handout-answer-ref"><a href="#{escape(answer_id)}">'
            f"{escape(self.answer_reference)}</a></p>")

    def _outside(self, tag: str, attrs: dict[str, str | None]) -> None:
        """Before the content: what the page's head and body say about the whole document."""
        if tag == "html":
            self.page.lang = attrs.get("lang")
        elif tag == "body":
            self.page.body_attributes = {
                name: value for name, value in attrs.items()
                if value is not None and (name == "dir" or name.startswith("data-md-color-"))
            }
        elif tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            href = attrs.get("href")
            if not href:
                return
            if urlsplit(href).scheme or href.startswith("//"):
                self.page.problems.append(f"stylesheet {href} is on another host; left out")
            else:
                self.page.stylesheets.append(site_path(urlsplit(urljoin(self.base, href)).path))
        elif tag == "article" and CONTENT_CLASS in (attrs.get("class") or "").split():
            self.in_content = self.found_content = True
            self.nested_articles = 0

    def _attribute(
        self, tag: str, name: str, value: str | None
    ) -> tuple[str, str | None] | None:
        """The attribute as it goes into the handout, or None to leave it out."""
        if value is None:
            return name, None
        if name == "id":
            self.page.ids.add(anchor(self.slug, value))
            return name, anchor(self.slug, value)
        if name == "name" and tag == "input":
            # Radio groups (content tabs) are grouped by name across the whole document.
            return name, anchor(self.slug, value)
        if name in ID_LIST_ATTRIBUTES:
            return name, " ".join(anchor(self.slug, ref) for ref in value.split())
        if name in ("href", "xlink:href"):
            return _kept(name, self._link(value) if tag in LINK_ELEMENTS else self._embed(value))
        if name in EMBEDDED_ATTRIBUTES:
            return _kept(name, self._embed(value))
        if name == "srcset":
            # Only `src` is embedded: one picture per image is enough for a handout.
            return None
        if name == "style":
            value = self._css(value)
        return name, LOCAL_REFERENCE.sub(lambda ref: f"url(#{anchor(self.slug, ref[1])})", value)

    def _link(self, href: str) -> str | None:
        if href.startswith("#"):
            return self._internal(self.slug, href[1:])
        if urlsplit(href).scheme or href.startswith("//"):
            return href
        target = urlsplit(urljoin(self.base, href))
        slug = self.site.slugs.get(site_path(target.path))
        if slug is not None:
            return self._internal(slug, target.fragment)
        if self.site.site_url:
            return urljoin(self.site.site_url, urljoin(self.base, href).lstrip("/"))
        self.page.problems.append(
            f"link to {href}: not a page of the handout, and no site_url to point it at; "
            "the link is kept as plain text")
        return None

    def _css(self, css: str) -> str:
        """A `style` attribute's or element's CSS with its files embedded, the rest left out."""
        embedded, dropped = inline_stylesheet(css, self.base, self.site.site_dir)
        self.page.problems.extend(f"{url} in a style: not a file of the built site; left out"
                                  for url in dropped)
        return embedded

    def _internal(self, slug: str, fragment: str) -> str:
        target = anchor(slug, unquote(fragment))
        self.page.anchors.add(target)
        return f"#{target}"

    def _embed(self, src: str) -> str | None:
        if src.startswith("data:"):
            return src
        if urlsplit(src).scheme or src.startswith("//"):
            self.page.problems.append(f"{src} is on another host; a handout cannot hold it")
            return None
        path = site_file(self.site.site_dir, urlsplit(urljoin(self.base, src)).path)
        if path is None:
            self.page.problems.append(f"{src}: no such file in the built site")
            return None
        return data_uri(path)


def _kept(name: str, value: str | None) -> tuple[str, str] | None:
    return None if value is None else (name, value)


def _start_tag(tag: str, attrs: list[tuple[str, str | None]], *, self_closing: bool) -> str:
    written = "".join(
        f" {name}" if value is None else f' {name}="{escape(value)}"' for name, value in attrs
    )
    return f"<{tag}{written}{' /' if self_closing else ''}>"
