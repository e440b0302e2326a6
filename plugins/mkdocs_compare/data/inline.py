"""Inline text of data values: a safe subset of Markdown, always escaped.

Data values may use `*emphasis*` (or `_emphasis_`), `**strong**`, `` `code` `` and
`[links](url)`; a backslash makes the next punctuation character literal. Everything else is
text: `<b>` is shown as the characters `<b>`. A link whose address is not `http`, `https`,
`mailto` or a relative path is not a link: its source is shown as text.

The text is parsed once into a small tree (`_parse`) that both `to_html` and `to_plain`
walk, so the plain text is always exactly the text the HTML shows.
"""

from __future__ import annotations

import bisect
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
_LINK_TARGET = re.compile(r"\(([^\s()]*+(?:\([^\s()]*+\)[^\s()]*+)*+)\)")
"""`(url)` right after a link's text; one level of balanced parentheses, as in Wikipedia URLs.
Possessive, so that a long address that does not close is read once."""

MAX_DEPTH = 8
"""Emphasis, strong and links nest at most this deep; markup deeper than that is shown as
written. It keeps the work linear in the text's length (each level reads its content once)."""


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
    return _Scanner(text).parse(0, len(text), in_link=in_link, depth=0)


_RUNS = re.compile(r"\*+|_+|`+")
_PLAIN = re.compile(r"[^\\`*_\[]+")
"""A stretch of characters that start no markup."""
_NONE = -1
"""A memo's answer for "no closer" or "no match"."""


class _Scanner:
    """One pass of precomputation over `text`, then parsing in time linear in its length.

    The rules are those of the simple scanner this replaces (an opener takes the first closer
    that fits), but no scan is repeated: which position a scan from `p` reaches is remembered
    for every position it passes (the next delimiter, the next bracket, the closer that fits,
    a bracket's match), so each character is looked at a bounded number of times in each
    nesting level, and nesting is capped at `MAX_DEPTH`.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.run_end = [0] * len(text)
        """For a character of a run of `*`, `_` or backticks: where its run ends."""
        self.tick_runs: dict[int, list[int]] = {}
        """Where each whole backtick run starts, by its length, in order."""
        for run in _RUNS.finditer(text):
            start, end = run.span()
            self.run_end[start:end] = [end] * (end - start)
            if text[start] == "`":
                self.tick_runs.setdefault(end - start, []).append(start)

    def parse(self, start: int, limit: int, *, in_link: bool, depth: int) -> tuple[_Node, ...]:
        """The nodes of `text[start:limit]`, as if that were the whole text."""
        text = self.text
        context = _Context(self, start, limit)
        markup = depth < MAX_DEPTH
        nodes: list[_Node] = []
        literal: list[str] = []

        def emit(node: _Node) -> None:
            if literal:
                nodes.append(_Text("".join(literal)))
                literal.clear()
            nodes.append(node)

        position = start
        while position < limit:
            plain = _PLAIN.match(text, position, limit)
            if plain is not None:
                literal.append(plain[0])
                position = plain.end()
                continue
            char = text[position]
            if char == "\\":
                if position + 1 < limit and text[position + 1] in _PUNCTUATION:
                    literal.append(text[position + 1])
                    position += 2
                else:
                    literal.append(char)
                    position += 1
                continue
            if char == "`":
                end = self.code_end(position, limit)
                run_end = min(self.run_end[position], limit)
                if end is not None:
                    emit(_Code(self.code_content(position, run_end, end)))
                    position = end
                else:
                    literal.append(text[position:run_end])
                    position = run_end
                continue
            if char == "[":
                if not in_link and markup:
                    link = context.link(position, depth)
                    if link is not None:
                        link_node, position = link
                        emit(link_node)
                        continue
                literal.append(char)
                position += 1
                continue
            # `*` or `_`
            if markup:
                span = context.span(position, in_link=in_link, depth=depth)
                if span is not None:
                    span_node, position = span
                    emit(span_node)
                    continue
            run_end = min(self.run_end[position], limit)
            literal.append(text[position:run_end])
            position = run_end
        if literal:
            nodes.append(_Text("".join(literal)))
        return tuple(nodes)

    def code_end(self, start: int, limit: int) -> int | None:
        """Where a code span opening at `start` ends, or None if it does not close.

        As in CommonMark, it closes at the next backtick run of the same length.
        """
        run_end = min(self.run_end[start], limit)
        length = run_end - start
        starts = self.tick_runs.get(length)
        if starts is None:
            return None
        index = bisect.bisect_left(starts, run_end)
        if index == len(starts) or starts[index] + length > limit:
            return None
        return starts[index] + length

    def code_content(self, start: int, run_end: int, end: int) -> str:
        """The text of the code span from `start` to `end`; one space is trimmed from each end
        so that `` `` `x` `` `` can show backticks."""
        content = self.text[run_end : end - (run_end - start)]
        if len(content) > 1 and content[0] == content[-1] == " " and content.strip():
            content = content[1:-1]
        return content

    def skip(self, position: int, limit: int) -> int:
        """Position after an escape or code span at `position`, or `position` if there is none.

        Delimiters inside those are text, so closers are searched for around them.
        """
        text = self.text
        char = text[position]
        if char == "\\":
            if position + 1 < limit and text[position + 1] in _PUNCTUATION:
                return position + 2
            return position
        if char == "`":
            end = self.code_end(position, limit)
            return end if end is not None else min(self.run_end[position], limit)
        return position


class _Context:
    """The memos of one range of the text (the whole text, a span's content or a link's
    label): each holds, for positions a scan has passed, what the scan found from there."""

    def __init__(self, scanner: _Scanner, start: int, limit: int) -> None:
        self.scanner = scanner
        self.start = start
        self.limit = limit
        self.next_of: dict[str, dict[int, int]] = {"*": {}, "_": {}, "[]": {}}
        """By the characters sought: the first of them a scan from a position reaches."""
        self.closers: dict[tuple[str, int], dict[int, int]] = {}
        """By delimiter and size: from a delimiter run, the closer a scan finds (or _NONE)."""
        self.matches: dict[int, int] = {}
        """From a `[`, its matching `]` (or _NONE)."""

    def next(self, position: int, chars: str) -> int:
        """The first position from `position` on, outside escapes and code spans, that holds
        one of `chars`; `limit` when there is none."""
        memo = self.next_of[chars]
        text, limit, scanner = self.scanner.text, self.limit, self.scanner
        passed: list[int] = []
        while position < limit and position not in memo:
            skipped = scanner.skip(position, limit)
            if skipped != position:
                passed.append(position)
                position = skipped
            elif text[position] in chars:
                memo[position] = position
                break
            else:
                passed.append(position)
                position += 1
        found = memo.get(position, limit) if position < limit else limit
        for place in passed:
            memo[place] = found
        return found

    def span(self, start: int, *, in_link: bool, depth: int) -> tuple[_Span, int] | None:
        """Strong (`**x**`, `__x__`) or emphasis (`*x*`, `_x_`) opening at `start`, or None.

        A simplified, deterministic form of CommonMark's rules: the opener is followed by a
        non-space, the closer preceded by one, and `_` does not open or close inside a word (so
        `snake_case_name` stays text). Strong is tried first when the run allows it.
        """
        text, limit = self.scanner.text, self.limit
        delimiter = text[start]
        run = min(self.scanner.run_end[start], limit) - start
        if delimiter == "_" and start > self.start and text[start - 1].isalnum():
            return None
        for size, tag in ((2, "strong"), (1, "em")):
            if run < size or start + size >= limit or text[start + size].isspace():
                continue
            closer = self.closer(start + size, delimiter, size)
            if closer is not None:
                children = self.scanner.parse(start + size, closer, in_link=in_link,
                                              depth=depth + 1)
                return _Span(tag, children), closer + size
        return None

    def closer(self, content_start: int, delimiter: str, size: int) -> int | None:
        """Where the closing delimiter of `size` characters starts, or None if it never closes.

        A closing run must be as long as the opener, or (for a run of three or more) end with
        it: `*a **b***` closes the emphasis with the last `*`, while the `**` after `a` does not
        close a single `*`. It is preceded by a non-space, so a run right at the content's
        start never closes.
        """
        text, limit, run_end = self.scanner.text, self.limit, self.scanner.run_end
        candidate = self.next(content_start, delimiter)
        if candidate == content_start:
            candidate = self.next(min(run_end[candidate], limit), delimiter)
        memo = self.closers.setdefault((delimiter, size), {})
        passed: list[int] = []
        found = _NONE
        while candidate < limit:
            if candidate in memo:
                found = memo[candidate]
                break
            end = min(run_end[candidate], limit)
            run = end - candidate
            fits = run == size or run >= 3
            after_ok = delimiter != "_" or end == limit or not text[end].isalnum()
            if fits and not text[candidate - 1].isspace() and after_ok:
                found = end - size
                break
            passed.append(candidate)
            candidate = self.next(end, delimiter)
        if candidate < limit:
            memo[candidate] = found
        for place in passed:
            memo[place] = found
        return None if found == _NONE else found

    def link(self, start: int, depth: int) -> tuple[_Link, int] | None:
        """A safe link `[text](url)` opening at `start` and the position after it, or None."""
        close = self.match(start)
        if close == _NONE:
            return None
        target = _LINK_TARGET.match(self.scanner.text, close + 1, self.limit)
        if target is None or not is_safe_url(target[1]):
            return None
        label = self.scanner.parse(start + 1, close, in_link=True, depth=depth + 1)
        return _Link(target[1], label), target.end()

    def match(self, start: int) -> int:
        """The `]` that closes the `[` at `start` (brackets nest), or _NONE."""
        text, limit, memo = self.scanner.text, self.limit, self.matches
        if start in memo:
            return memo[start]
        open_brackets = [start]
        position = start + 1
        while open_brackets:
            position = self.next(position, "[]")
            if position == limit:
                for bracket in open_brackets:
                    memo[bracket] = _NONE
                break
            if text[position] == "]":
                memo[open_brackets.pop()] = position
                position += 1
            elif position in memo:
                if memo[position] == _NONE:
                    for bracket in open_brackets:
                        memo[bracket] = _NONE
                    break
                position = memo[position] + 1
            else:
                open_brackets.append(position)
                position += 1
        return memo[start]
