"""The Content-Security-Policy (`csp` plugin): its reading of a page on its own, every page of
the real site and of the offline export checked by a reader of its own, a hostile page built
with the plugin, and the handout, which holds no script at all.

What the policy does in a browser is in tests/browser/test_csp.py.
"""

from __future__ import annotations

import base64
import hashlib
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import Build, mkdocs_build
from mkdocs_csp.policy import (
    content_security_policy,
    inserted_elements,
    is_executable,
    is_javascript_url,
    read_markup,
    source_hash,
    with_policy,
)

META_ONLY_DIRECTIVES = ("frame-ancestors", "report-uri", "report-to", "sandbox")
"""Directives a policy in a <meta> cannot carry (browsers ignore them there)."""
HASH = re.compile(r"'sha256-[A-Za-z0-9+/]{43}='")
DATA_TYPES = ("application/json", "application/ld+json", "text/template", "text/plain")


# --- a reader of our own, so the plugin is not checked by its own parser ---------------------

@dataclass
class Page:
    """What a built page holds, as far as its policy is concerned."""

    policies: list[str] = field(default_factory=list)
    """The `content` of every CSP <meta>, in order."""
    policy_in_head: bool = False
    script_before_policy: bool = False
    inline_scripts: list[str] = field(default_factory=list)
    """The text of every inline <script> that is code (not a data block)."""
    style_elements: list[str] = field(default_factory=list)
    style_attributes: list[str] = field(default_factory=list)
    handlers: list[str] = field(default_factory=list)
    javascript_urls: list[str] = field(default_factory=list)


class Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.page = Page()
        self._in_head = False
        self._script: list[str] | None = None
        self._style: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = {name: value or "" for name, value in attrs}
        page = self.page
        if tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        elif tag == "meta" and given.get("http-equiv", "").lower() == "content-security-policy":
            page.policies.append(given.get("content", ""))
            page.policy_in_head = self._in_head
        elif tag == "script":
            page.script_before_policy |= not page.policies
            kind = given.get("type", "").strip().lower()
            if "src" not in given and kind not in DATA_TYPES:
                self._script = []
        elif tag == "style":
            self._style = []
        for name, value in given.items():
            if name.startswith("on"):
                page.handlers.append(f"<{tag} {name}>")
            if "javascript:" in re.sub(r"[\s\x00-\x20]", "", value).lower():
                page.javascript_urls.append(f"<{tag} {name}={value!r}>")
            if name == "style":
                page.style_attributes.append(value)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        for text in (self._script, self._style):
            if text is not None:
                text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        elif tag == "script" and self._script is not None:
            self.page.inline_scripts.append("".join(self._script))
            self._script = None
        elif tag == "style" and self._style is not None:
            self.page.style_elements.append("".join(self._style))
            self._style = None


def read(path: Path) -> Page:
    reader = Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader.page


def sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def directives(policy: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for directive in policy.split(";"):
        name, *sources = directive.split()
        assert name not in parsed, f"{name} twice in {policy}"
        parsed[name] = sources
    return parsed


def policy_problems(path: Path) -> list[str]:
    """Everything wrong with one built page's policy: one <meta>, first, allowing exactly the
    page's own inline scripts and style attributes, nothing unsafe, no other host."""
    page = read(path)
    if len(page.policies) != 1:
        return [f"{len(page.policies)} CSP <meta> elements"]
    problems = []
    if not page.policy_in_head:
        problems.append("the CSP <meta> is not in <head>")
    if page.script_before_policy:
        problems.append("a <script> comes before the CSP <meta>")
    policy = directives(page.policies[0])
    scripts = policy.get("script-src", [])
    expected = {
        "default-src": ["'self'"], "object-src": ["'none'"], "base-uri": ["'self'"],
        "worker-src": ["'self'"], "img-src": ["'self'", "data:"], "form-action": ["'none'"],
    }
    problems += [f"{name} is {policy.get(name)}, not {sources}"
                 for name, sources in expected.items() if policy.get(name) != sources]
    problems += [f"{name} cannot work in a <meta>" for name in META_ONLY_DIRECTIVES
                 if name in policy]
    if scripts[:1] != ["'self'"] or set(scripts[1:]) != {sha256(s) for s in page.inline_scripts}:
        problems.append(f"script-src {scripts} is not 'self' and the page's own inline scripts")
    attribute_hashes = {sha256(style) for style in page.style_attributes}
    element_hashes = {sha256(style) for style in page.style_elements}
    for name in ("style-src", "style-src-elem"):
        sources = policy.get(name, [])
        if sources[:1] != ["'self'"] or set(sources[1:]) != element_hashes:
            problems.append(f"{name} {sources} is not 'self' and the page's own <style>s")
    attributes = policy.get("style-src-attr")
    if attribute_hashes:
        right = (attributes is not None and attributes[:1] == ["'unsafe-hashes'"]
                 and set(attributes[1:]) == attribute_hashes)
    else:
        right = attributes is None
    if not right:
        problems.append(f"style-src-attr {attributes} is not the page's own style attributes")
    for name, sources in policy.items():
        for source in sources:
            if source in ("'unsafe-inline'", "'unsafe-eval'", "*") or not (
                    source in ("'self'", "'none'", "'unsafe-hashes'") or HASH.fullmatch(source)
                    or (name, source) == ("img-src", "data:")):
                problems.append(f"{name} allows {source}")
    return problems


def built_pages(site: Path) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    return pages


# --- the plugin's reading of a page, on its own -----------------------------------------------

def test_hash_is_the_browsers_of_the_exact_text() -> None:
    # The standard's example value: the SHA-256 of nothing.
    assert source_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    # The HTML parser turns CR LF and a lone CR into LF before the browser hashes.
    assert source_hash("a\r\nb\rc") == sha256("a\nb\nc")
    assert source_hash(" a ") != source_hash("a")


@pytest.mark.parametrize(("attributes", "code"), [
    ({}, True), ({"type": ""}, True), ({"type": " Text/JavaScript "}, True),
    ({"type": "module"}, True), ({"type": "importmap"}, True),
    ({"type": "text/javascript; charset=utf-8"}, True), ({"language": "JavaScript"}, True),
    ({"type": "application/json"}, False), ({"type": "text/template"}, False),
    ({"language": "vbscript"}, False),
])
def test_data_blocks_are_told_from_code(attributes: dict[str, str | None], code: bool) -> None:
    assert is_executable(attributes) is code


@pytest.mark.parametrize(("value", "javascript"), [
    ("javascript:alert(1)", True), (" \x01JaVaScRiPt:alert(1)", True),
    ("java\tscript:alert(1)", True), ("java\nscript:x", True),
    ("https://example.org/javascript:x", False), ("#javascript:", False), ("", False),
])
def test_javascript_urls_are_seen_as_a_browser_parses_them(value: str, javascript: bool) -> None:
    assert is_javascript_url(value) is javascript


def test_policy_goes_after_a_leading_charset_else_first_in_head() -> None:
    charset_first = '<html><head><meta charset="utf-8"><title>t</title><script>x</script>'
    at = read_markup(charset_first).insert_at
    assert at is not None
    assert with_policy(charset_first, at, "p").startswith(
        '<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"'
        ' content="p"><title>')
    title_first = "<html><head><title>t</title><meta charset=utf-8>"
    assert read_markup(title_first).insert_at == len("<html><head>")
    assert read_markup("<p>no head</p>").insert_at is None
    # A script before <head> (invalid, but possible): no place comes before it.
    assert read_markup("<script>x</script><head><meta charset=utf-8>").insert_at is None


def test_a_script_in_a_title_is_text_unless_the_title_is_svgs() -> None:
    page = ("<head><title><script>no()</script></title></head><body>"
            "<svg><title><script>yes()</script></title></svg><textarea><script>no()</script>")
    assert [script.text for script in read_markup(page).scripts] == ["yes()"]


def test_reading_finds_scripts_handlers_urls_styles_and_policies_with_lines() -> None:
    page = ('<head>\n<meta http-equiv="content-security-policy" content="x">\n'
            '<script type="application/json">{}</script><script src="a.js"></script>\n'
            '</head><body>\n<p style="color:red" onclick="f()">\n'
            '<a href=" javascript:f()">x</a><SCRIPT>\r\nf()</SCRIPT><style>p{}</style>')
    markup = read_markup(page)
    assert [(s.line, s.text, s.executable) for s in markup.scripts] == [
        (3, "{}", False), (6, "\r\nf()", True)]
    assert [(f.line, f.tag, f.attribute) for f in markup.handlers] == [(5, "p", "onclick")]
    assert [(f.line, f.tag, f.attribute) for f in markup.javascript_urls] == [(6, "a", "href")]
    assert markup.style_attributes == ["color:red"]
    assert [(s.line, s.text) for s in markup.style_elements] == [(7, "p{}")]
    assert markup.policies == [2]
    assert page[markup.scripts[1].offset:].startswith("<SCRIPT>")


def test_elements_that_a_template_value_inserted_are_told_from_the_templates_own() -> None:
    content = "<p>Hi</p><script>steal()</script><style>a{}</style>"
    page = (f"<head><script>theme()</script><style>p{{}}</style></head>"
            f"<body>{content}<script>theme()</script>")
    markup = read_markup(page)
    from_content = inserted_elements(page, markup, [content])
    assert [(e.tag, e.offset) for e in from_content] == [
        ("script", page.index("<script>steal")), ("style", page.index("<style>a"))]
    # Found by their text too, when the page no longer holds the value as it was inserted.
    changed = page.replace("<p>Hi</p>", "<p>Hello</p>")
    assert [(e.tag, e.text) for e in inserted_elements(changed, read_markup(changed), [content])
            ] == [("script", "steal()"), ("style", "a{}")]
    # A copy of the theme's own script in the content refuses both: safe, and reported.
    copied = page.replace("steal()", "theme()")
    assert len(inserted_elements(copied, read_markup(copied), [
        content.replace("steal()", "theme()")])) == 4


def test_policy_text() -> None:
    assert content_security_policy(["'sha256-a'", "'sha256-a'"], []) == (
        "default-src 'self'; script-src 'self' 'sha256-a'; style-src 'self';"
        " style-src-elem 'self'; img-src 'self' data:; worker-src 'self'; object-src 'none';"
        " base-uri 'self'; form-action 'none'")
    assert "style-src 'self' 'sha256-e'; style-src-elem 'self' 'sha256-e';" in (
        content_security_policy([], ["'sha256-e'"]))
    # Style attributes in a directive of their own, with 'unsafe-hashes', each hash once; the
    # elements' directives never hold an attribute's hash.
    assert ("style-src 'self' 'sha256-e'; style-src-elem 'self' 'sha256-e';"
            " style-src-attr 'unsafe-hashes' 'sha256-a' 'sha256-e';") in content_security_policy(
        [], ["'sha256-e'"], ["'sha256-a'", "'sha256-e'", "'sha256-a'"])


# --- the real site --------------------------------------------------------------------------

def test_every_page_of_the_site_has_one_policy_allowing_exactly_its_own(site: Path) -> None:
    problems = {page.relative_to(site).as_posix(): policy_problems(page)
                for page in built_pages(site)}
    assert {page: found for page, found in problems.items() if found} == {}


def test_no_page_of_the_site_has_an_inline_handler_or_javascript_url(site: Path) -> None:
    found = {}
    for path in built_pages(site):
        page = read(path)
        if page.handlers or page.javascript_urls:
            found[path.relative_to(site).as_posix()] = page.handlers + page.javascript_urls
    assert found == {}


@pytest.mark.browser  # the export holds the handouts, which Chromium prints
def test_every_page_of_the_offline_export_has_its_policy(
    offline_export: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(offline_export) as zipped:
        zipped.extractall(tmp_path)
    problems = {}
    for path in built_pages(tmp_path):
        found = policy_problems(path)
        page = read(path)
        found += page.handlers + page.javascript_urls
        if found:
            problems[path.relative_to(tmp_path).as_posix()] = found
    assert problems == {}


# --- a hostile page built with the plugin ---------------------------------------------------

HOSTILE_CONFIG = """\
site_name: Hostile
theme:
  name: material
  font: {font}
plugins:
  - search
  - csp:
      enabled: {enabled}
markdown_extensions:
  - attr_list
  - md_in_html
"""

HOSTILE_PAGE = """\
---
description: '"><script>document.title = "run by a description"</script>'
---
# Home

<script>document.title = "run by an inline script"</script>

<img src="missing.png" alt="" onerror="document.title = 'run by a handler'">

<a id="hostile-link" href="javascript:void(document.title = 'run by a link')">a link</a>

<p style="color: rgb(1, 2, 3)" id="styled">Styled by an attribute.</p>

<style>#styled { background-color: rgb(255, 0, 0) }</style>

<p style="#twin { color: rgb(4, 5, 6) }" id="twin">An attribute whose text is a stylesheet.</p>

<style>#twin { color: rgb(4, 5, 6) }</style>
"""

TITLED_PAGE = """\
---
title: '<script>document.title = "run by a title"</script>Other'
---
# Other
"""


def build_hostile(root: Path, *, enabled: bool = True, font: str = "false") -> Build:
    """The hostile site: an inline script and two styles (one the twin of a style attribute's
    text), an event handler and a `javascript:` link in a page's Markdown, a script in its
    description and in another page's title (which every page's navigation shows). No web fonts
    unless `font` names them: a page of it must ask no other host for anything."""
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(
        HOSTILE_CONFIG.format(enabled=str(enabled).lower(), font=font))
    (root / "docs" / "index.md").write_text(HOSTILE_PAGE)
    (root / "docs" / "other.md").write_text(TITLED_PAGE)
    return mkdocs_build(root / "mkdocs.yml", root / "site")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Built once with the plugin on. The build fails under --strict (the plugin warns), but
    MkDocs has written every page by then: those pages are what a careless override of the
    warnings would publish."""
    return build_hostile(tmp_path_factory.mktemp("hostile"))


WARNING = re.compile(r"WARNING -  mkdocs_csp: (?P<where>.*?):(?P<line>\d+): (?P<what>[^;]*);")
"""A warning of the plugin: the page (source: written file), the line in the written file."""


def test_hostile_markup_fails_the_build_with_located_warnings(hostile_site: Build) -> None:
    assert hostile_site.returncode == 1
    script = "an inline <script> from the page's content or another template value"
    by_page: dict[str, list[str]] = {}
    for found in WARNING.finditer(hostile_site.output):
        by_page.setdefault(found["where"], []).append(found["what"])
        # The line named is the one that holds it in the written file.
        written = hostile_site.site_dir / found["where"].split(": ")[-1]
        line = written.read_text(encoding="utf-8").splitlines()[int(found["line"]) - 1]
        assert re.search(r"<script|<style|onerror=|javascript:", line), (found[0], line)
    assert by_page == {
        # Description (in <head>), the other page's title (navigation), the Markdown's own
        # script; the handler; the link.
        # The second <style> is the twin of a style attribute: refused though the attribute's
        # text is allowed.
        "index.md: index.html": [script] * 3 + [
            "an inline <style> from the page's content or another template value"] * 2 + [
            "<img onerror=…> is an inline event handler", '<a href="javascript:…">'],
        # Its title in the navigation: Material's header and its sidebar (the one in <title>
        # is text).
        "other.md: other/index.html": [script] * 2,
        # The 404 page shows the navigation too.
        "404.html": [script],
    }
    assert hostile_site.output.count("WARNING") == 10


def test_hostile_scripts_get_no_hash_and_the_themes_do(hostile_site: Build) -> None:
    page = read(hostile_site.site_dir / "index.html")
    (policy,) = page.policies
    allowed = set(directives(policy)["script-src"])
    hostile = [s for s in page.inline_scripts if "run by" in s]
    assert len(hostile) == 3
    assert {sha256(s) for s in hostile} & allowed == set()
    assert {sha256(s) for s in page.inline_scripts if s not in hostile} <= allowed


def test_the_themes_own_inline_style_gets_a_hash(tmp_path: Path) -> None:
    # Material's web-font setting adds a <style> of its own (and a stylesheet from another
    # host, which the policy refuses; only the file is checked here).
    build = build_hostile(tmp_path, font="{text: Roboto}")
    page = read(build.site_dir / "other" / "index.html")
    (style,) = page.style_elements
    assert "--md-text-font" in style
    (policy,) = page.policies
    assert sha256(style) in directives(policy)["style-src-elem"]


def test_without_the_plugin_no_policy_and_no_warning(tmp_path: Path) -> None:
    build = build_hostile(tmp_path, enabled=False)
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output
    assert read(build.site_dir / "index.html").policies == []


# --- the handout ----------------------------------------------------------------------------

@pytest.mark.browser
def test_no_handout_holds_a_script_handler_or_javascript_url(handout_project: Path) -> None:
    """Every handout file the README's command writes (the session's one build of them)."""
    handouts = sorted((handout_project / "dist").glob("*.html"))
    assert handouts
    found = {}
    for handout in handouts:
        text = handout.read_text(encoding="utf-8")
        reader = Reader()
        reader.feed(text)
        reader.close()
        scripts = ["<script>"] if re.search(r"<script", text, re.IGNORECASE) else []
        if scripts or reader.page.handlers or reader.page.javascript_urls:
            found[handout.name] = scripts + reader.page.handlers + reader.page.javascript_urls
    assert found == {}
