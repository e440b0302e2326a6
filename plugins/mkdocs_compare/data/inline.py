"""Inline text of data values: a safe subset of Markdown, always escaped.

Data values may use `*emphasis*` (or `_emphasis_`), `**strong**`, `` `code` `` and
`[links](url)`; a backslash makes the next punctuation character literal. Everything else is
text: `<b>` is shown as the characters `<b>`. A link whose address is not `http`, `https`,
`mailto` or a relative path is not a link: its source is shown as text.

The text is parsed once into a small tree (`_parse`) that both `to_html` and `to_plain`
walk, so the plain text is always exactly the text the HTML shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 forbids; a value holding one would make the page ill-formed."""

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_SPECIAL = re.compile("[&<>\"']")


def escape(text: str) -> str:
    """`text` as XML character data or attribute value (quotes included).

    Characters XML cannot carry at all become U+FFFD, the replacement character.
    """
    return _SPECIAL.sub(lambda match: _ESCAPES[match[0]], _legal(text))


@dataclass(frozen=True)
class _Text:
    text: str


@dataclass(frozen=True)
class _Code:
    text: str


@dataclass(frozen=True)
class _Span:
    """Emphasis (`tag` "em") or strong importance (`tag` "strong")."""

    tag: str
    children: tuple[_Node, ...]


@dataclass(frozen=True)
class _Link:
    href: str
    children: tuple[_Node, ...]


_Node = _Text | _Code | _Span | _Link

_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_LINK_TARGET = re.compile(r"\(([^\s()]*(?:\([^\s()]*\)[^\s()]*)*)\)")
"""`(url)` right after a link's text; one level of balanced parentheses, as in Wikipedia URLs."""


def to_html(text: str) -> str:
    """Escaped HTML for `text`, with emphasis, strong, code and safe links rendered."""
    return "".join(_html(node) for node in _parse(_legal(text), in_link=False))


def to_plain(text: str) -> str:
    """`text` without its inline markup, unescaped (for SVG text, titles and alt text).

    Characters XML cannot carry are already replaced, so the plain text is exactly what the
    HTML shows and what an SVG can draw.
    """
    return "".join(_plain(node) for node in _parse(_legal(text), in_link=False))


def _legal(text: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", text)


def is_safe_url(url: str) -> bool:
    """True for `http:`, `https:` and `mailto:` addresses and for relative paths and fragments.

    Checked strictly rather than cleverly: anything a browser might read as another scheme
    (hidden by case, whitespace, control characters, entities or percent-encoding before the
    colon) fails, and so does `//host`, which leaves the site.
    """
    if not url or any(char.isspace() or ord(char) < 0x20 or ord(char) == 0x7F for char in url):
        return False
    if "\\" in url or url.startswith("//") or re.search(r"&(#|[A-Za-z][A-Za-z0-9]*;)", url):
        return False
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
    if scheme:
        return scheme[1].lower() in ("http", "https", "mailto")
    before_path = re.split(r"[/?#]", url, maxsplit=1)[0]
    return ":" not in before_path


def _html(node: _Node) -> str:
    if isinstance(node, _Text):
        return escape(node.text)
    if isinstance(node, _Code):
        return f"<code>{escape(node.text)}</code>"
    inner = "".join(_html(child) for child in node.children)
    if isinstance(node, _Span):
        return f"<{node.tag}>{inner}</{node.tag}>"
    return f'<a href="{escape(node.href)}">{inner}</a>'


def _plain(node: _Node) -> str:
    if isinstance(node, _Text | _Code):
        return node.text
    return "".join(_plain(child) for child in node.children)


def _parse(text: str, *, in_link: bool) -> tuple[_Node, ...]:
    """The inline tree of `text`; markup that does not close is kept as literal text."""
    nodes: list[_Node] = []
    literal: list[str] = []

    def emit(node: _Node) -> None:
        if literal:
            nodes.append(_Text("".join(literal)))
            literal.clear()
        nodes.append(node)

    position = 0
    while position < len(text):
        char = text[position]
        if char == "\\" and text[position + 1 : position + 2] in _PUNCTUATION:
            literal.append(text[position + 1])
            position += 2
            continue
        if char == "`":
            code = _code_span(text, position)
            if code is not None:
                content, position = code
                emit(_Code(content))
                continue
            run = _run_length(text, position)
            literal.append(text[position : position + run])
            position += run
            continue
        if char == "[" and not in_link:
            link = _link(text, position)
            if link is not None:
                link_node, position = link
                emit(link_node)
                continue
        if char in "*_":
            span = _span(text, position, in_link=in_link)
            if span is not None:
                span_node, position = span
                emit(span_node)
                continue
            run = _run_length(text, position)
            literal.append(text[position : position + run])
            position += run
            continue
        literal.append(char)
        position += 1
    if literal:
        nodes.append(_Text("".join(literal)))
    return tuple(nodes)


def _run_length(text: str, start: int) -> int:
    """Length of the run of `text[start]` characters beginning at `start`."""
    end = start
    while end < len(text) and text[end] == text[start]:
        end += 1
    return end - start


def _code_span(text: str, start: int) -> tuple[str, int] | None:
    """A code span opening at `start`: its content and the position after it, or None.

    As in CommonMark, it closes at the next backtick run of the same length, and one space
    is trimmed from each end so that `` `` `x` `` `` can show backticks.
    """
    run = _run_length(text, start)
    search = start + run
    while (found := text.find("`" * run, search)) != -1:
        closing = _run_length(text, found)
        if closing == run:
            content = text[start + run : found]
            if len(content) > 1 and content[0] == content[-1] == " " and content.strip():
                content = content[1:-1]
            return content, found + run
        search = found + closing
    return None


def _skip_code_or_escape(text: str, position: int) -> int:
    """Position after an escape or code span at `position`, or `position` if there is none.

    Delimiters inside those are text, so closers are searched for around them.
    """
    if text[position] == "\\" and text[position + 1 : position + 2] in _PUNCTUATION:
        return position + 2
    if text[position] == "`":
        code = _code_span(text, position)
        return code[1] if code is not None else position + _run_length(text, position)
    return position


def _link(text: str, start: int) -> tuple[_Link, int] | None:
    """A safe link `[text](url)` opening at `start` and the position after it, or None."""
    depth = 0
    position = start + 1
    while position < len(text):
        skipped = _skip_code_or_escape(text, position)
        if skipped != position:
            position = skipped
            continue
        if text[position] == "[":
            depth += 1
        elif text[position] == "]":
            if depth == 0:
                break
            depth -= 1
        position += 1
    else:
        return None
    target = _LINK_TARGET.match(text, position + 1)
    if target is None or not is_safe_url(target[1]):
        return None
    label = text[start + 1 : position]
    return _Link(target[1], _parse(label, in_link=True)), target.end()


def _span(text: str, start: int, *, in_link: bool) -> tuple[_Span, int] | None:
    """Strong (`**x**`, `__x__`) or emphasis (`*x*`, `_x_`) opening at `start`, or None.

    A simplified, deterministic form of CommonMark's rules: the opener is followed by a
    non-space, the closer preceded by one, and `_` does not open or close inside a word (so
    `snake_case_name` stays text). Strong is tried first when the run allows it.
    """
    delimiter = text[start]
    run = _run_length(text, start)
    if delimiter == "_" and start > 0 and text[start - 1].isalnum():
        return None
    for size, tag in ((2, "strong"), (1, "em")):
        if run < size or start + size >= len(text) or text[start + size].isspace():
            continue
        closer = _closer(text, start + size, delimiter, size)
        if closer is not None:
            children = _parse(text[start + size : closer], in_link=in_link)
            return _Span(tag, children), closer + size
    return None


def _closer(text: str, content_start: int, delimiter: str, size: int) -> int | None:
    """Where the closing delimiter of `size` characters starts, or None if it never closes.

    A closing run must be as long as the opener, or (for a run of three or more) end with it:
    `*a **b***` closes the emphasis with the last `*`, while the `**` after `a` does not
    close a single `*`.
    """
    position = content_start
    while position < len(text):
        skipped = _skip_code_or_escape(text, position)
        if skipped != position:
            position = skipped
            continue
        if text[position] != delimiter:
            position += 1
            continue
        run = _run_length(text, position)
        end = position + run
        fits = run == size or run >= 3
        after_ok = delimiter != "_" or end == len(text) or not text[end].isalnum()
        if position > content_start and fits and not text[position - 1].isspace() and after_ok:
            return end - size
        position = end
    return None
