"""Inline text of data values: the safe Markdown subset, escaping and link schemes."""

from __future__ import annotations

import re
import sys
import tracemalloc
import xml.etree.ElementTree as ET
from collections.abc import Callable
from types import FrameType, ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from render_samples import plain, xml_legal

from mkdocs_compare.data import inline
from mkdocs_compare.data.inline import MAX_DEPTH, escape, is_safe_url, to_html, to_plain


def fragment(html: str) -> ET.Element:
    """`html` parsed as the content of one element; fails if it is not well-formed XML."""
    return ET.fromstring(f"<p>{html}</p>")


@pytest.mark.parametrize(("source", "html"), [
    ("plain text", "plain text"),
    ("*em* and _em_", "<em>em</em> and <em>em</em>"),
    ("**strong** and __strong__", "<strong>strong</strong> and <strong>strong</strong>"),
    ("`code`", "<code>code</code>"),
    ("***both***", "<strong><em>both</em></strong>"),
    ("*em with **strong** inside*", "<em>em with <strong>strong</strong> inside</em>"),
    ("**strong with *em* inside**", "<strong>strong with <em>em</em> inside</strong>"),
    ("`` a`b ``", "<code>a`b</code>"),
    ("`*not em*`", "<code>*not em*</code>"),
    ("[the lab](../labs/lab-2.md#setup)", '<a href="../labs/lab-2.md#setup">the lab</a>'),
    ("[**bold** link](https://example.org)",
     '<a href="https://example.org"><strong>bold</strong> link</a>'),
    ("[Wiki](https://en.wikipedia.org/wiki/Hypervisor_(computing))",
     '<a href="https://en.wikipedia.org/wiki/Hypervisor_(computing)">Wiki</a>'),
    ("[query](page.html?a=1&b=2)", '<a href="page.html?a=1&amp;b=2">query</a>'),
    ("[mail](mailto:lecturer@example.org)", '<a href="mailto:lecturer@example.org">mail</a>'),
])
def test_renders_the_safe_subset(source: str, html: str) -> None:
    assert to_html(source) == html


@pytest.mark.parametrize("source", [
    "snake_case_name",
    "2 * 3 * 4",
    "**unclosed",
    "a ** b",
    "`unclosed code",
    "[no target]",
    "[text] (space before target)",
])
def test_markup_that_does_not_close_stays_text(source: str) -> None:
    assert to_html(source) == escape(source)
    assert to_plain(source) == source


def test_backslash_makes_punctuation_literal() -> None:
    assert to_html(r"\*not em\* and \[not a link\](x)") == "*not em* and [not a link](x)"
    assert to_plain(r"C:\Users stays") == r"C:\Users stays"


def test_plain_text_drops_markup_but_keeps_every_word() -> None:
    source = "**Strong** isolation, *emphasis*, `code` and [a link](https://example.org)"
    assert to_plain(source) == "Strong isolation, emphasis, code and a link"


@pytest.mark.parametrize("url", [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "javascript&colon;alert(1)",
    "java&#115;cript:alert(1)",
    "&#106;avascript:alert(1)",
    "%6Aavascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "//evil.example/",
    "\\\\evil.example\\share",
    "https:\\\\evil.example",
    "",
])
def test_unsafe_addresses_never_become_links(url: str) -> None:
    assert not is_safe_url(url)
    html = to_html(f"[click me]({url})")
    root = fragment(html)
    assert root.find(".//a") is None
    assert "<a" not in html
    assert "click me" in plain(root)


@pytest.mark.parametrize("url", [
    "https://example.org", "HTTP://example.org/x", "mailto:a@example.org", "../page.md",
    "page.md#anchor", "#anchor", "?query=1", "glossary/", "img/diagram.png",
])
def test_safe_addresses_are_links(url: str) -> None:
    assert is_safe_url(url)
    anchor = fragment(to_html(f"[x]({url})")).find("a")
    assert anchor is not None
    assert anchor.get("href") == url


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '" onload="alert(1)',
    "' onmouseover='alert(1)",
    "<![CDATA[x]]> &amp; &lt;b&gt; &#60;",
    "[x](https://example.org/\"onmouseover=\"alert(1))",
])
def test_html_in_data_is_shown_as_text(source: str) -> None:
    root = fragment(to_html(source))
    tags = {element.tag for element in root.iter()} - {"p"}
    assert tags <= {"a"}
    for anchor in root.iter("a"):
        assert list(anchor.attrib) == ["href"]
    assert plain(root) == to_plain(source)


def test_only_the_five_xml_entities_are_used() -> None:
    html = to_html("& < > \" ' © — ü 漢")
    assert html == "&amp; &lt; &gt; &quot; &#39; © — ü 漢"


def test_characters_xml_cannot_carry_are_replaced() -> None:
    html = to_html("bell\x07 and form feed\x0c")
    assert html == "bell\ufffd and form feed\ufffd"
    fragment(html)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("*_`[]()\\ab <>&\"'\n") | st.characters(), max_size=60))
def test_any_text_renders_well_formed_and_keeps_its_plain_text(source: str) -> None:
    html = to_html(source)
    root = fragment(html)
    assert to_plain(source) == xml_legal(to_plain(source))
    assert plain(root) == re.sub("\r\n?", "\n", to_plain(source))
    assert {element.tag for element in root.iter()} <= {"p", "em", "strong", "code", "a"}
    for anchor in root.iter("a"):
        assert is_safe_url(anchor.get("href", ""))


# Bounded by construction: the parser's work grows linearly with the text (issue 12, item 3).
# Work is counted, never timed: the lines the parser's module executes, traced.


def work(call: Callable[[], object], *modules: ModuleType) -> int:
    """Lines of `modules` (default: the inline parser's) executed while `call` runs."""
    files = {module.__file__ for module in modules or (inline,)}
    count = 0

    def local(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame: FrameType, event: str, arg: object) -> Any:
        return local if frame.f_code.co_filename in files else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        call()
    finally:
        sys.settrace(previous)
    return count


MARKUP = st.text(alphabet=st.sampled_from("*_`[]()\\ab \n:"), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(MARKUP, st.text(alphabet=st.sampled_from("*_`[]()ab "), max_size=4), MARKUP)
def test_work_grows_linearly_with_the_text(opening: str, middle: str, closing: str) -> None:
    """`opening` k times, `middle`, `closing` k times: four times the k, about four times the
    work (a quadratic parser does sixteen times; k and 2k can differ by parity, not k and 4k).

    The shapes that were quadratic are of this form: `*a ` repeated (no closer for any opener),
    `[` repeated (no bracket closes), `**a ` repeated and as many `**` at the end (nested
    strong, one level per opener)."""
    def cost(k: int) -> int:
        return work(lambda: to_html(opening * k + middle + closing * k))

    assert cost(256) <= 4.4 * cost(64) + 400


@pytest.mark.parametrize("text", [
    "*a " * 2000,
    "[" * 4000,
    "**a " * 1000 + "a" + "**" * 1000,
    "[a](" * 2000,
    "`a``" * 2000,
    "*a [b `c _d\\" * 800,
])
def test_hostile_shapes_cost_a_bounded_work_per_character(text: str) -> None:
    """Before the fix `*a ` repeated 2,000 times took some 1,000 lines of work per character, and
    100 KB of it nearly five minutes; deep nesting ran out of Python's stack."""
    assert work(lambda: to_html(text)) <= 100 * len(text)


def test_markup_nests_at_most_max_depth_levels_deep() -> None:
    html = to_html("**a " * 20 + "b" + "**" * 20)
    root = fragment(html)
    assert len(root.findall(".//strong")) == MAX_DEPTH
    assert plain(root) == to_plain("**a " * 20 + "b" + "**" * 20)
    assert "**a **a" in plain(root)  # the markup deeper than the limit is shown as written


def test_a_link_is_one_level_of_the_nesting() -> None:
    """Markup in a link's text nests one level less deep than outside a link."""
    source = "[" + "**a " * 10 + "b" + "**" * 10 + "](page.md)"
    root = fragment(to_html(source))
    assert len(root.findall(".//a")) == 1
    assert len(root.findall(".//a//strong")) == MAX_DEPTH - 1
    assert to_html(source) == "".join(inline._html(node) for node in _reference(source, False, 0))


# A link's address is taken as written, but a scan for a closer or a `]` that started before
# the link reads a backtick in it as the start of a code span. So the parser can meet a `*` or
# a `[` that a scan from an earlier one skipped as code: its own scan then runs into positions
# the earlier scan remembered. These texts take those paths (the hypothesis tests rarely do).

LINK_WITH_BACKTICK = "[a](`)"
"""A safe link whose address is a backtick."""


@pytest.mark.parametrize(("source", "html"), [
    # The `[` after the link passes a `[b]` an earlier scan matched, then closes after it.
    ("[*[*" + LINK_WITH_BACKTICK + " [ ` [b]](u)",
     '[<em>[</em><a href="`">a</a> <a href="u"> ` [b]</a>'),
    # ... passes a `[b` an earlier scan found never closes: it does not close either.
    ("[*[*" + LINK_WITH_BACKTICK + " [ ` [b", '[<em>[</em><a href="`">a</a> [ ` [b'),
])
def test_brackets_after_a_link_whose_address_holds_a_backtick(source: str, html: str) -> None:
    assert to_html(source) == html
    assert to_html(source) == "".join(inline._html(node) for node in _reference(source, False, 0))


def test_openers_after_a_link_whose_address_holds_a_backtick_cost_a_bounded_work() -> None:
    """The first `*` scans past `*b`s it reads as code; the first `*b` scans them all, and
    what it learns must serve the next `*b` (else each scans to the end: quadratic)."""
    text = "*x " + LINK_WITH_BACKTICK + " " + "*b " * 500 + "` *y"
    assert to_html(text) == escape(text).replace(
        LINK_WITH_BACKTICK, '<a href="`">a</a>')
    assert work(lambda: to_html(text)) <= 100 * len(text)


@pytest.mark.parametrize("filler", ["plain text ", "\\*"], ids=["text", "escapes"])
def test_strong_then_emphasis_from_one_run_read_the_text_once(filler: str) -> None:
    """`**` tries strong, then emphasis: the second try's scan is answered by what the first
    learnt, for every position it passed (text, or an escape right after the run), so it
    costs the same few lines however long the text after the run."""
    def extra(repeats: int) -> int:
        return (work(lambda: to_html("**" + filler * repeats))
                - work(lambda: to_html("*" + filler * repeats)))

    assert extra(400) == extra(100)


def test_memory_grows_linearly_with_the_text() -> None:
    """Four times the text, about four times the memory at the peak (sixteen times if the
    precomputed table of runs grew with each run's position)."""
    def peak(text: str) -> int:
        tracemalloc.start()
        try:
            to_html(text)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    assert peak("*a " * 1000) <= 5 * peak("*a " * 250)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from("*_`[]()\\ab \n:/"), max_size=40))
def test_the_linear_parser_renders_as_the_simple_one_did(source: str) -> None:
    """The previous parser (below, unchanged but for the depth limit) is the reference."""
    assert to_html(source) == "".join(inline._html(node) for node in _reference(source, False, 0))


# The parser as it was before it was made linear: an opener scans forward for its closer, and a
# span's content is parsed again as a text of its own. Kept as the reference for the rules.


def _reference(text: str, in_link: bool, depth: int) -> tuple[Any, ...]:
    nodes: list[Any] = []
    literal: list[str] = []

    def emit(node: Any) -> None:
        if literal:
            nodes.append(inline._Text("".join(literal)))
            literal.clear()
        nodes.append(node)

    position = 0
    while position < len(text):
        char = text[position]
        if char == "\\" and text[position + 1 : position + 2] in inline._PUNCTUATION:
            literal.append(text[position + 1])
            position += 2
            continue
        if char == "`":
            code = _ref_code_span(text, position)
            if code is not None:
                emit(inline._Code(code[0]))
                position = code[1]
                continue
            run = _ref_run(text, position)
            literal.append(text[position : position + run])
            position += run
            continue
        if char == "[" and not in_link and depth < MAX_DEPTH:
            link = _ref_link(text, position, depth)
            if link is not None:
                emit(link[0])
                position = link[1]
                continue
        if char in "*_":
            span = _ref_span(text, position, in_link, depth) if depth < MAX_DEPTH else None
            if span is not None:
                emit(span[0])
                position = span[1]
                continue
            run = _ref_run(text, position)
            literal.append(text[position : position + run])
            position += run
            continue
        literal.append(char)
        position += 1
    if literal:
        nodes.append(inline._Text("".join(literal)))
    return tuple(nodes)


def _ref_run(text: str, start: int) -> int:
    end = start
    while end < len(text) and text[end] == text[start]:
        end += 1
    return end - start


def _ref_code_span(text: str, start: int) -> tuple[str, int] | None:
    run = _ref_run(text, start)
    search = start + run
    while (found := text.find("`" * run, search)) != -1:
        closing = _ref_run(text, found)
        if closing == run:
            content = text[start + run : found]
            if len(content) > 1 and content[0] == content[-1] == " " and content.strip():
                content = content[1:-1]
            return content, found + run
        search = found + closing
    return None


def _ref_skip(text: str, position: int) -> int:
    if text[position] == "\\" and text[position + 1 : position + 2] in inline._PUNCTUATION:
        return position + 2
    if text[position] == "`":
        code = _ref_code_span(text, position)
        return code[1] if code is not None else position + _ref_run(text, position)
    return position


def _ref_link(text: str, start: int, depth: int) -> tuple[Any, int] | None:
    nesting = 0
    position = start + 1
    while position < len(text):
        skipped = _ref_skip(text, position)
        if skipped != position:
            position = skipped
            continue
        if text[position] == "[":
            nesting += 1
        elif text[position] == "]":
            if nesting == 0:
                break
            nesting -= 1
        position += 1
    else:
        return None
    target = re.compile(r"\(([^\s()]*(?:\([^\s()]*\)[^\s()]*)*)\)").match(text, position + 1)
    if target is None or not is_safe_url(target[1]):
        return None
    label = _reference(text[start + 1 : position], True, depth + 1)
    return inline._Link(target[1], label), target.end()


def _ref_span(text: str, start: int, in_link: bool, depth: int) -> tuple[Any, int] | None:
    delimiter = text[start]
    run = _ref_run(text, start)
    if delimiter == "_" and start > 0 and text[start - 1].isalnum():
        return None
    for size, tag in ((2, "strong"), (1, "em")):
        if run < size or start + size >= len(text) or text[start + size].isspace():
            continue
        closer = _ref_closer(text, start + size, delimiter, size)
        if closer is not None:
            children = _reference(text[start + size : closer], in_link, depth + 1)
            return inline._Span(tag, children), closer + size
    return None


def _ref_closer(text: str, content_start: int, delimiter: str, size: int) -> int | None:
    position = content_start
    while position < len(text):
        skipped = _ref_skip(text, position)
        if skipped != position:
            position = skipped
            continue
        if text[position] != delimiter:
            position += 1
            continue
        run = _ref_run(text, position)
        end = position + run
        fits = run == size or run >= 3
        after_ok = delimiter != "_" or end == len(text) or not text[end].isalnum()
        if position > content_start and fits and not text[position - 1].isspace() and after_ok:
            return end - size
        position = end
    return None
