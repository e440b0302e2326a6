"""Inline text of data values: the safe Markdown subset, escaping and link schemes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from render_samples import plain, xml_legal

from mkdocs_compare.data.inline import escape, is_safe_url, to_html, to_plain


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
