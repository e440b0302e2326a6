"""A built page read for its Content-Security-Policy: the inline scripts and styles, style
attributes, inline event handlers and `javascript:` URLs it holds; the policy that allows exactly
the inline code given; the page with that policy's `<meta>` first in its `<head>`.

Pure functions of the page's text. Which inline elements deserve a hash is the plugin's decision
(`inserted_elements` tells it which ones came from a template value, such as the content).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

JAVASCRIPT_TYPES = frozenset({
    "application/ecmascript", "application/javascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
    "text/x-javascript",
})
"""The HTML standard's JavaScript MIME type essences: an inline `<script>` of one of these types
runs as a classic script."""

OTHER_SCRIPT_TYPES = frozenset({"module", "importmap", "speculationrules"})
"""Other `type`s whose inline text the browser runs or reads only if `script-src` allows it."""

POLICY_META = "Content-Security-Policy"
"""The `http-equiv` value of the `<meta>` that carries a policy."""

_SPACE = " \t\n\f\r"
_CONTROL_OR_SPACE = "".join(map(chr, range(0x21)))
_HANDLER = re.compile(r"on[a-z]+")
_TEXT_ONLY = ("title", "textarea")
"""Elements whose content a browser reads as text, not markup, outside SVG and MathML (where
`title` is an element like any other)."""
_FOREIGN = ("svg", "math")


def source_hash(text: str) -> str:
    """`'sha256-…'` of an inline script's text or a style attribute's value as the browser
    hashes it: the UTF-8 bytes after the HTML parser's input normalization (CR LF and a lone CR
    become LF, NUL becomes U+FFFD)."""
    normalized = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    digest = hashlib.sha256(normalized.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def is_executable(attributes: dict[str, str | None]) -> bool:
    """Whether a `<script>` with these attributes is code rather than a data block
    (`type="application/json"` and the like, which no policy governs). A type with parameters
    (`text/javascript; charset=utf-8`) counts as code: browsers have differed on it, and a hash
    too many only allows the page's own text."""
    kind = attributes.get("type")
    if kind is None:
        # The standard reads the obsolete `language` attribute when `type` is missing.
        language = attributes.get("language")
        kind = f"text/{language}" if language else ""
    essence = kind.split(";", 1)[0].strip(_SPACE).lower()
    return not essence or essence in JAVASCRIPT_TYPES or essence in OTHER_SCRIPT_TYPES


def is_javascript_url(value: str) -> bool:
    """Whether an attribute's value is a `javascript:` URL as a browser's URL parser sees it
    (leading controls and spaces dropped, tabs and newlines anywhere removed)."""
    url = value.lstrip(_CONTROL_OR_SPACE).replace("\t", "").replace("\n", "").replace("\r", "")
    return url[:11].lower() == "javascript:"


@dataclass(frozen=True)
class Inline:
    """A `<script>` without `src` or a `<style>`: where it starts in the page, its exact text,
    and whether it is code (a `<script>` may be a data block, which no policy governs)."""

    tag: str
    offset: int
    line: int
    text: str
    executable: bool


@dataclass(frozen=True)
class Flagged:
    """Markup the policy will not let run: an inline event handler or a `javascript:` URL."""

    line: int
    tag: str
    attribute: str


@dataclass
class Markup:
    """What a page holds that its policy has to allow or refuse, and where the policy goes."""

    scripts: list[Inline] = field(default_factory=list)
    style_elements: list[Inline] = field(default_factory=list)
    style_attributes: list[str] = field(default_factory=list)
    """The values of every `style` attribute, in order."""
    handlers: list[Flagged] = field(default_factory=list)
    javascript_urls: list[Flagged] = field(default_factory=list)
    policies: list[int] = field(default_factory=list)
    """Lines of `<meta http-equiv="Content-Security-Policy">` elements already in the page."""
    insert_at: int | None = None
    """Where the policy's `<meta>` goes: right after `<meta charset>` when that comes first in
    `<head>`, else right after the `<head>` tag; None when the page has no `<head>` tag."""


class _Reader(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.markup = Markup()
        self._line_starts = [0]
        self._line_starts += [match.end() for match in re.finditer("\n", page)]
        self._first_in_head = False
        self._element: tuple[str, int, int, bool] | None = None
        """The inline <script> or <style> being read: tag, offset, line, whether it is code."""
        self._text: list[str] = []
        self._seen_script = False
        self._foreign = 0

    def _offset(self) -> tuple[int, int]:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column, line

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        offset, line = self._offset()
        end = offset + len(self.get_starttag_text() or "")
        markup = self.markup
        given = dict(attrs)
        for name, value in attrs:
            if _HANDLER.fullmatch(name):
                markup.handlers.append(Flagged(line, tag, name))
            elif value is not None and is_javascript_url(value):
                markup.javascript_urls.append(Flagged(line, tag, name))
            if name == "style" and value is not None:
                markup.style_attributes.append(value)
        first_in_head, self._first_in_head = self._first_in_head, False
        if tag == "head" and markup.insert_at is None and not self._seen_script:
            self._first_in_head = True
            markup.insert_at = end
        elif tag == "meta":
            equiv = (given.get("http-equiv") or "").strip(_SPACE).lower()
            if equiv == POLICY_META.lower():
                markup.policies.append(line)
            if first_in_head and "charset" in given:
                markup.insert_at = end
        elif tag == "script":
            self._seen_script = True
            if "src" not in given:
                self._element = (tag, offset, line, is_executable(given))
                self._text = []
        elif tag == "style":
            self._element = (tag, offset, line, True)
            self._text = []
        elif tag in _FOREIGN:
            self._foreign += 1
        elif tag in _TEXT_ONLY and not self._foreign:
            # A <script> in a <title> is text: read the title as a browser does.
            self.set_cdata_mode(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # `<script/>` is no empty element to a browser, only a start tag; the parser here ends
        # it at once, so its text is lost and the element gets no hash (it is blocked).
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._element is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in _FOREIGN and self._foreign:
            self._foreign -= 1
        if self._element is not None and tag == self._element[0]:
            element = Inline(*self._element[:3], "".join(self._text), self._element[3])
            found = self.markup.scripts if tag == "script" else self.markup.style_elements
            found.append(element)
            self._element = None


def read_markup(page: str) -> Markup:
    """Parse `page` (a whole HTML document or a fragment of one)."""
    reader = _Reader(page)
    reader.feed(page)
    reader.close()
    return reader.markup


def inserted_elements(page: str, markup: Markup, values: Iterable[str]) -> list[Inline]:
    """The inline scripts and styles of `page` that came from `values`, strings its template
    inserted (the page's content, a title, a data text): those that start inside a place where
    one of the values stands in the page, and those whose text is that of an element of the same
    kind inside a value (in case a later step changed the page around it)."""
    spans: list[tuple[int, int]] = []
    texts: set[tuple[str, str]] = set()
    for value in values:
        start = page.find(value)
        while start != -1:
            spans.append((start, start + len(value)))
            start = page.find(value, start + 1)
        inside = read_markup(value)
        texts.update((element.tag, element.text)
                     for element in inside.scripts + inside.style_elements)
    return [element for element in markup.scripts + markup.style_elements
            if (element.tag, element.text) in texts
            or any(a <= element.offset < b for a, b in spans)]


def content_security_policy(
    script_hashes: Iterable[str], style_hashes: Iterable[str],
    style_attribute_hashes: Iterable[str] = (),
) -> str:
    """The policy for one page: everything from the site itself only; inline scripts and
    `<style>` elements only by the hashes given; style attributes only with the exact values
    hashed.

    A policy in a `<meta>` cannot say `frame-ancestors`, `report-uri`, `report-to` or `sandbox`
    (browsers ignore them there): those need HTTP headers, which GitHub Pages does not let a
    site set.
    """
    scripts = list(dict.fromkeys(script_hashes))
    attributes = list(dict.fromkeys(style_attribute_hashes))
    styles = list(dict.fromkeys(style_hashes))
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *scripts],
        # `<style>` elements and style attributes apart: a browser matches a `<style>` against
        # every hash its directive lists, so an attribute's hash beside the elements' would
        # let a refused `<style>` of the same text apply. `style-src` holds what a browser
        # without the two directives below falls back on: elements only.
        "style-src": ["'self'", *styles],
        "style-src-elem": ["'self'", *styles],
        # Style attributes by exact value only ('unsafe-hashes' lets hashes match attributes):
        # the compare plugin sizes each diagram with a `style="min-width:…;max-width:…"`.
        **({"style-src-attr": ["'unsafe-hashes'", *attributes]} if attributes else {}),
        # Material's stylesheets draw their icons from `data:` SVG images.
        "img-src": ["'self'", "data:"],
        # Material's search runs in a Web Worker of the site.
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'none'"],
    }
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def with_policy(page: str, at: int, policy: str) -> str:
    """`page` with `<meta http-equiv="Content-Security-Policy" content="policy">` at offset
    `at` (a `Markup.insert_at`), on the same line, so that lines counted before stay right."""
    content = escape(policy, quote=False).replace('"', "&quot;")
    meta = f'<meta http-equiv="{POLICY_META}" content="{content}">'
    return f"{page[:at]}{meta}{page[at:]}"
