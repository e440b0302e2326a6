"""Tests that can fail (issue 14): each kills mutants of the Content-Security-Policy plugin
(plugins/mkdocs_csp/) that the rest of the fast suite let through.

The reading of a page (policy.py) is checked on HTML strings; the MkDocs side (plugin.py) by real
MkDocs builds run in this process (so mutmut's mutants are the code they run), of a small site
with a theme of its own whose every line is known: where each warning points, which hashes the
policy holds, where its `<meta>` goes.
"""

from __future__ import annotations

import logging
import textwrap
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from test_csp import directives, sha256

from mkdocs_csp.policy import (
    content_security_policy,
    inserted_elements,
    is_executable,
    is_javascript_url,
    read_markup,
    source_hash,
    with_policy,
)

pytestmark = pytest.mark.usefixtures("fresh_plugin_instances")

# --- the reading of a page, on its own --------------------------------------------------------


def test_a_nul_in_a_script_is_hashed_as_the_replacement_character_the_browser_reads() -> None:
    """The HTML parser turns U+0000 into U+FFFD before the browser hashes a script's text: a
    theme script holding one must get the hash of that, or the browser blocks it."""
    assert source_hash("a\0b") == sha256("a\ufffdb")


def test_a_type_with_several_parameters_is_still_code() -> None:
    """Only what comes before the first `;` is the type: a script typed
    `text/javascript;charset=utf-8;x=y` is governed by the policy like any other."""
    assert is_executable({"type": "text/javascript;charset=utf-8;x=y"}) is True
    assert is_executable({"type": "application/json;charset=utf-8;x=y"}) is False


def test_only_htmls_whitespace_is_stripped_from_a_type_and_an_http_equiv() -> None:
    """HTML strips space, tab, LF, FF and CR, not a vertical tab: `"\\vtext/javascript"` is no
    JavaScript type to a browser (a data block, run by no one), and `"\\vContent-Security-Policy"`
    no policy (nothing to warn about)."""
    assert is_executable({"type": "\x0btext/javascript"}) is False
    assert is_executable({"type": "\t\n\x0c\r text/javascript \r\x0c\n\t"}) is True
    page = '<head><meta http-equiv="\x0bContent-Security-Policy" content="x"></head>'
    assert read_markup(page).policies == []
    assert read_markup(page.replace("\x0b", "\t\n ")).policies == [1]


def test_a_carriage_return_inside_javascript_is_dropped_as_the_url_parser_does() -> None:
    """The URL parser removes CR as it does tab and LF: `java\\rscript:` is a `javascript:` URL
    and must be reported."""
    assert is_javascript_url("java\rscript:alert(1)") is True
    assert is_javascript_url("java\r\n\tscript:alert(1)") is True


def test_a_scripts_text_is_all_of_it_even_when_it_holds_end_tags() -> None:
    """A script that writes markup (`</p>` in a string) reaches the reader in pieces; its text,
    and so its hash, is every piece as written, or the browser blocks the theme's own script."""
    code = 'document.write("<p>x</p><b></b>")'
    (script,) = read_markup(f"<head><script>{code}</script>").scripts
    assert script.text == code
    assert source_hash(script.text) == sha256(code)


def test_self_closing_tags_are_read_like_start_tags() -> None:
    """XHTML-style `<meta … />`, `<img … />`: their attributes count as a start tag's do (a
    policy after `<meta charset="utf-8" />`, the handler and the URL reported, the policy already
    there seen)."""
    page = ('<html><head><meta charset="utf-8" />\n'
            '<meta http-equiv="Content-Security-Policy" content="x" /></head>\n'
            '<body><img src="a.png" onerror="f()" /><a href="javascript:f()" />')
    markup = read_markup(page)
    assert markup.insert_at == len('<html><head><meta charset="utf-8" />')
    assert markup.policies == [2]
    assert [(f.line, f.tag, f.attribute) for f in markup.handlers] == [(3, "img", "onerror")]
    assert [(f.line, f.tag, f.attribute) for f in markup.javascript_urls] == [(3, "a", "href")]


@pytest.mark.parametrize("tag", ["script", "style"])
def test_a_self_closed_script_or_style_gets_no_hash_for_the_text_after_it(tag: str) -> None:
    """`<script/>` is only a start tag to a browser, which runs the text up to `</script>`; the
    reader ends it at once (its own comment): the element's text is empty, so the text the
    browser would run or apply gets no hash and is blocked (failing closed)."""
    page = f"<head><{tag}/>alert(1)</{tag}><p>after</p>"
    markup = read_markup(page)
    found = markup.scripts if tag == "script" else markup.style_elements
    assert [(element.tag, element.offset, element.text) for element in found] == [
        (tag, len("<head>"), "")]
    assert source_hash("alert(1)") not in content_security_policy(
        [source_hash(e.text) for e in markup.scripts],
        [source_hash(e.text) for e in markup.style_elements])


def test_a_style_element_is_always_governed_by_the_policy() -> None:
    """`Inline.executable` says whether the policy governs the element: a `<style>` has no data
    form, whatever its attributes."""
    (style,) = read_markup('<style type="text/plain">p{}</style>').style_elements
    assert (style.tag, style.executable) == ("style", True)


def test_svg_title_and_html_title_are_told_apart_through_nested_and_stray_svg_tags() -> None:
    """Inside SVG a `<title>` is an element and a `<script>` in it runs; outside, a `<title>`'s
    content is text. The depth of SVG counts each `<svg>` and each `</svg>` once, other end tags
    not at all, and never goes below zero."""
    nested = ("<svg><svg></svg><g></g><title><script>inside()</script></title></svg>"
              "<title><script>text()</script></title>")
    assert [s.text for s in read_markup(nested).scripts] == ["inside()"]
    after = "<svg></svg><title><script>text()</script></title>"
    assert read_markup(after).scripts == []
    stray = "</svg></math><title><script>text()</script></title>"
    assert read_markup(stray).scripts == []


def test_an_ended_script_takes_no_more_text() -> None:
    """After `</script>`, text and a stray `</script>` start no second script."""
    page = "<script>a()</script><p>b()</p></script>"
    assert [(s.offset, s.text) for s in read_markup(page).scripts] == [(0, "a()")]


def test_a_leading_charset_meta_without_a_head_tag_gives_no_place_for_the_policy() -> None:
    """`insert_at` is None when the page has no `<head>` tag, even when it starts with a
    `<meta charset>` (the plugin then warns instead of guessing)."""
    assert read_markup('<meta charset="utf-8"><title>t</title>').insert_at is None


def test_a_head_tag_inside_the_body_does_not_move_the_policy() -> None:
    """Only the first `<head>` places the policy: a `<head>` written in a page's content must
    not push it after the theme's scripts."""
    page = "<html><head><script>theme()</script></head><body><head><meta charset=utf-8>"
    assert read_markup(page).insert_at == len("<html><head>")


SWALLOWING = "<script>evil();/*"
"""A value that opens a script and leaves it open: the browser runs everything up to the
template's next `</script>`. Read on its own it holds no element, so only the place where it
stands in the page tells that the script came from it."""


def test_a_script_opened_by_a_value_is_refused_wherever_the_value_stands() -> None:
    """The value is in `<title>` (text), then in `<h1>` (where its script starts, swallowing the
    rest), then inside that script's text: the script is the value's, whichever occurrence it
    starts at, and starting exactly at the value's first character."""
    page = (f"<head><title>{SWALLOWING}</title></head><body><h1>{SWALLOWING}</h1>"
            f"<nav>{SWALLOWING}</nav></script><script>theme()</script>")
    markup = read_markup(page)
    refused = inserted_elements(page, markup, [SWALLOWING])
    assert [(e.offset, e.text) for e in refused] == [
        (page.index("<h1>") + len("<h1>"), f"evil();/*</h1><nav>{SWALLOWING}</nav>")]


def test_an_element_right_after_a_value_is_not_the_values() -> None:
    """A value's place ends where it ends: the theme's script right after it keeps its hash."""
    value = "<em>hi</em>"
    page = f"<body>{value}<script>theme()</script>"
    assert inserted_elements(page, read_markup(page), [value]) == []


def test_every_value_marks_its_own_places() -> None:
    """Two values, each opening a script in its own place: both scripts are refused (a script
    need not be inside every value)."""
    first, second = "<script>one();/*", "<script>two();/*"
    page = f"<body><p>{first}</script></p><p>{second}</script></p><script>theme()</script>"
    refused = inserted_elements(page, read_markup(page), [first, second])
    assert [e.text for e in refused] == ["one();/*", "two();/*"]


def test_overlapping_places_of_a_value_all_count() -> None:
    """A value that is only `<`, written twice before `script>`: the script's `<` is the
    value's second occurrence, which overlaps the first; it is the value's."""
    page = "<body><<script>evil()</script>"
    refused = inserted_elements(page, read_markup(page), ["<"])
    assert [(e.offset, e.text) for e in refused] == [(len("<body><"), "evil()")]


class _Meta(HTMLParser):
    """The `content` of every `<meta>`, as a browser reads the attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.contents: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self.contents.append(dict(attrs).get("content"))


def test_the_policy_meta_is_readable_and_its_attribute_cannot_be_broken_out_of() -> None:
    """The policy's quotes stay as written (a lecturer reads `'self'` in the page's source),
    and a `"`, `<` or `&` in a policy is escaped, so the attribute reads back exactly."""
    policy = content_security_policy(["'sha256-a'"], [])
    page = "<head><title>t</title>"
    assert with_policy(page, len("<head>"), policy) == (
        f'<head><meta http-equiv="Content-Security-Policy" content="{policy}"><title>t</title>')
    hostile = "script-src 'self'\"><script>x()</script><a b=\"&amp;"
    reader = _Meta()
    reader.feed(with_policy(page, len("<head>"), hostile))
    reader.close()
    assert reader.contents == [hostile]


# --- the MkDocs side: real builds in this process ---------------------------------------------

MAIN = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ page.title }}</title>
<script>theme()</script>
<script type="application/json">{"theme": true}</script>
<style>body { margin: 0 }</style>
</head>
<body>
<h1>{{ page.title }}</h1>
{{ page.content }}
<p id="nothing">{{ page.meta.get("nothing") }}</p>
</body>
</html>
"""
"""The theme's page template: a script, a data block and a style of its own (hashed), and the
values a page brings in: its title twice (text in <title>, markup in <h1>) and its content."""

NOT_FOUND = """\
<!doctype html>
<html lang="en">
<head>
<title>Not found</title>
<script>theme404()</script>
</head>
<body>
{{ config.extra.banner }}
</body>
</html>
"""
"""A template rendered without a page (`on_post_template`), with a value from mkdocs.yml."""

STATIC_HTM = '<html><head><meta charset="utf-8"></head><body>static</body></html>'
FRAGMENT = "<p>no head</p>\n<script>fragment()</script>"
"""Templates rendered without a page: one with a `<head>` and a leading charset, in an `.htm`
file; one without `<head>`. (Jinja drops a template's last newline, so they have none.)"""

HOSTILE = """\
---
title: <script>titled()</script>Home
---
<script>evil()</script>

<SCRIPT>shout()</SCRIPT>

<script type="application/json">{"content": true}</script>

<style>p { color: red }</style>

<p onclick="f()" style="color: blue">Click</p>

<a href="javascript:go()">Go</a>

<meta http-equiv="Content-Security-Policy" content="default-src *">
"""

CONFIG = """\
site_name: CSP
theme:
  name: null
  custom_dir: theme
  static_templates: [404.html, page.htm, fragment.html]
extra:
  banner: <script>banner()</script>
plugins:
  - csp{options}
{hooks}"""

PAGE_WHERE = "index.md: index.html"
LOGGER = "mkdocs.plugins.mkdocs_csp.plugin"



def write_site(root: Path, *, options: str = "", hook: str | None = None) -> Path:
    """The small site under `root`: the theme above, the hostile page; `options` go under
    `- csp`, `hook` (Python source) becomes a hooks file. Returns its `mkdocs.yml`."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text(HOSTILE, encoding="utf-8")
    theme = root / "theme"
    theme.mkdir()
    for name, text in {"main.html": MAIN, "404.html": NOT_FOUND, "page.htm": STATIC_HTM,
                       "fragment.html": FRAGMENT}.items():
        (theme / name).write_text(text, encoding="utf-8")
    hooks = ""
    if hook is not None:
        (root / "hooks.py").write_text(textwrap.dedent(hook), encoding="utf-8")
        hooks = "hooks:\n  - hooks.py\n"
    config = CONFIG.format(options=options and f":\n      {options}", hooks=hooks)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root / "mkdocs.yml"


def build_site(config_file: Path, *, command: str | None = "build") -> Path:
    """Build as `mkdocs build` does in its process (`command="serve"`: as `mkdocs serve` builds;
    None: through MkDocs' Python API alone, without the startup event); return the site."""
    config = load_config(str(config_file), site_dir=str(config_file.parent / "site"),
                         strict=False)
    if command is not None:
        config.plugins.on_startup(command=command, dirty=False)  # type: ignore[arg-type]
    try:
        build(config, serve_url="http://127.0.0.1:8000/" if command == "serve" else None)
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)


def csp_messages(caplog: pytest.LogCaptureFixture, level: int = logging.WARNING) -> list[str]:
    """What the plugin logged at `level`: the page's messages in order, then the other
    templates' sorted (MkDocs renders its static templates in the order of a set)."""
    messages = [record.getMessage() for record in caplog.records
                if record.name == LOGGER and record.levelno == level]
    of_page = [message for message in messages if PAGE_WHERE in message]
    return of_page + sorted(message for message in messages if message not in of_page)


def line_of(page: str, needle: str) -> int:
    """The line (from 1) where `needle` first stands in `page`."""
    return page[:page.index(needle)].count("\n") + 1


def script_warning(where: str, line: int) -> str:
    return (f"mkdocs_csp: {where}:{line}: an inline <script> from the page's content or another"
            " template value; the Content-Security-Policy refuses it (only the theme's own"
            " inline scripts run): put the code in a file listed in `extra_javascript`")


CONTENTS_POLICY = '<meta http-equiv="Content-Security-Policy" content="default-src *">'


def page_warnings(page: str) -> list[str]:
    """Every warning the hostile page deserves, with the lines of `page` (as written)."""
    return [
        script_warning(PAGE_WHERE, line_of(page, "<h1><script>titled()")),
        script_warning(PAGE_WHERE, line_of(page, "<script>evil()")),
        script_warning(PAGE_WHERE, line_of(page, "<SCRIPT>shout()")),
        f"mkdocs_csp: {PAGE_WHERE}:{line_of(page, '<style>p {')}: an inline <style> from the"
        " page's content or another template value; the Content-Security-Policy refuses it"
        " (only the theme's own inline styles apply): put the rules in a file listed in"
        " `extra_css`",
        f"mkdocs_csp: {PAGE_WHERE}:{line_of(page, '<p onclick')}: <p onclick=…> is an inline"
        " event handler; the Content-Security-Policy refuses it: attach the handler from a"
        " script file instead",
        f"mkdocs_csp: {PAGE_WHERE}:{line_of(page, '<a href')}: <a href=\"javascript:…\">; the"
        " Content-Security-Policy refuses `javascript:` URLs: use a button and a script file"
        " instead",
        f"mkdocs_csp: {PAGE_WHERE}:{line_of(page, CONTENTS_POLICY)}:"
        " a Content-Security-Policy <meta> is already there; the browser would enforce both:"
        " remove it",
    ]


NO_HEAD = ("mkdocs_csp: fragment.html: no <head> tag before the first script; no"
           " Content-Security-Policy added")


def policy(scripts: list[str], styles: list[str], attributes: Sequence[str] = ()) -> str:
    """The `<meta>` the plugin writes for the theme's own texts given."""
    text = content_security_policy([sha256(s) for s in scripts], [sha256(s) for s in styles],
                                   [sha256(a) for a in attributes])
    return f'<meta http-equiv="Content-Security-Policy" content="{text}">'


def test_a_build_hashes_only_the_themes_code_and_reports_the_rest_where_it_is(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The page's policy follows its `<meta charset>` and allows the theme's script, style and
    the page's style attribute, nothing the content or title brought (in any case of `SCRIPT`),
    no data block; every refused thing is reported with its line in the written file, data
    blocks excepted. Templates without a page get theirs too (after `<head>` when no charset
    leads), `.htm` ones included; a page without `<head>` is reported and left alone; the
    sitemap is no HTML and is left alone silently."""
    caplog.set_level(logging.INFO, logger=LOGGER)
    site = build_site(write_site(tmp_path))
    page = (site / "index.html").read_text(encoding="utf-8")
    head = page[:page.index("<title>")]
    assert head == ('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">'
                    + policy(["theme()"], ["body { margin: 0 }"], ["color: blue"]) + "\n")
    assert '<p id="nothing">None</p>' in page
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert not_found.startswith('<!doctype html>\n<html lang="en">\n<head>'
                                + policy(["theme404()"], []) + "\n<title>")
    assert (site / "page.htm").read_text(encoding="utf-8") == STATIC_HTM.replace(
        '<meta charset="utf-8">', '<meta charset="utf-8">' + policy([], []))
    assert (site / "fragment.html").read_text(encoding="utf-8") == FRAGMENT
    assert "Content-Security-Policy" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert csp_messages(caplog) == [
        *page_warnings(page),
        script_warning("404.html", line_of(not_found, "<script>banner()")),
        NO_HEAD,
    ]
    assert csp_messages(caplog, logging.INFO) == []


def test_with_the_plugin_off_nothing_is_added_or_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`enabled: false`: every page and template exactly as the theme wrote it, no warning."""
    site = build_site(write_site(tmp_path, options="enabled: false"))
    for name in ("index.html", "404.html", "page.htm", "fragment.html"):
        assert "Content-Security-Policy\" content=\"default-src 'self'" not in (
            site / name).read_text(encoding="utf-8"), name
    assert (site / "page.htm").read_text(encoding="utf-8") == STATIC_HTM
    assert csp_messages(caplog) == []


def test_pages_served_carry_no_policy_but_are_still_checked(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`mkdocs serve` says once why its pages have no policy; every warning is still given
    (a page without `<head>` needs none: nothing would be added anyway)."""
    caplog.set_level(logging.INFO, logger=LOGGER)
    site = build_site(write_site(tmp_path), command="serve")
    page = (site / "index.html").read_text(encoding="utf-8")
    assert 'content="default-src \'self\'' not in page
    assert (site / "page.htm").read_text(encoding="utf-8") == STATIC_HTM
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert csp_messages(caplog) == [
        *page_warnings(page), script_warning("404.html", line_of(not_found, "<script>banner()"))]
    assert csp_messages(caplog, logging.INFO) == [
        "mkdocs_csp: pages served by `mkdocs serve` carry no Content-Security-Policy: its live"
        " reload adds an inline script no hash can allow; `mkdocs build` adds it"]


def test_a_build_without_the_startup_event_still_protects_its_pages(tmp_path: Path) -> None:
    """Driven through `mkdocs.commands.build.build` alone (as some tools do), the plugin fails
    closed: the pages get their policy."""
    site = build_site(write_site(tmp_path), command=None)
    page = (site / "index.html").read_text(encoding="utf-8")
    assert policy(["theme()"], ["body { margin: 0 }"], ["color: blue"]) in page


PLAIN_FINALIZE = """\
from mkdocs.plugins import event_priority


@event_priority(100)
def on_env(env, config, files):
    env.finalize = lambda value: "" if value is None else value
    return env
"""

CONTEXT_FINALIZE = """\
import jinja2
from mkdocs.plugins import event_priority


@event_priority(100)
def on_env(env, config, files):
    env.finalize = jinja2.pass_context(lambda context, value: value)
    return env
"""


def test_another_plugins_finalize_still_runs_and_the_check_still_works(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A `finalize` set before the csp plugin's (here: None shown as nothing) is wrapped, not
    replaced, and the content is still refused."""
    site = build_site(write_site(tmp_path, hook=PLAIN_FINALIZE))
    page = (site / "index.html").read_text(encoding="utf-8")
    assert '<p id="nothing"></p>' in page
    assert policy(["theme()"], ["body { margin: 0 }"], ["color: blue"]) in page
    assert csp_messages(caplog)[:len(page_warnings(page))] == page_warnings(page)


EARLY_RENDER = """\
from mkdocs.plugins import event_priority


@event_priority(-50)
def on_env(env, config, files):
    env.globals["early"] = env.from_string("{{ value }}").render(value="<script>x()</script>")
    return env
"""


def test_a_template_rendered_before_any_page_does_not_break_the_build(tmp_path: Path) -> None:
    """Another plugin may render a snippet with the environment as soon as it has it (after the
    csp plugin's `on_env`), before MkDocs renders any page: the build goes on and the pages get
    their policy."""
    site = build_site(write_site(tmp_path, hook=EARLY_RENDER))
    page = (site / "index.html").read_text(encoding="utf-8")
    assert policy(["theme()"], ["body { margin: 0 }"], ["color: blue"]) in page


def test_a_finalize_that_takes_a_context_stops_the_build_saying_why(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort, match="Aborted with a BuildError!"):
        build_site(write_site(tmp_path, hook=CONTEXT_FINALIZE))
    assert [record.getMessage() for record in caplog.records
            if record.levelno == logging.ERROR] == [
        "csp: another plugin gave Jinja a `finalize` that takes a context; the csp plugin"
        " cannot wrap it"]


# --- known bugs -------------------------------------------------------------------------------

STYLE_TWICE = """\
# Styled

<p style="body { display: none }">An attribute whose value is a style sheet.</p>

<style>body { display: none }</style>
"""


def test_a_refused_style_element_is_not_allowed_by_a_style_attributes_hash(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The content's `<style>` is reported as refused; the policy must then hold no source that
    lets a browser apply it as an element: the hashes of `style-src-elem` when there is one,
    else of `style-src` (CSP 3, "Does element match source list": for a `<style>` element every
    hash-source counts, 'unsafe-hashes' or not)."""
    config_file = write_site(tmp_path)
    (tmp_path / "docs" / "index.md").write_text(STYLE_TWICE, encoding="utf-8")
    site = build_site(config_file)
    page = (site / "index.html").read_text(encoding="utf-8")
    refused = "body { display: none }"
    line = line_of(page, f"<style>{refused}")
    assert (f"mkdocs_csp: {PAGE_WHERE}:{line}: an inline <style> from the page's content"
            in "\n".join(csp_messages(caplog)))
    (content,) = (value for value in _meta_contents(page) if value and "default-src" in value)
    sources = directives(content)
    for_elements = sources.get("style-src-elem", sources["style-src"])
    assert sha256(refused) not in for_elements


def _meta_contents(page: str) -> list[str | None]:
    reader = _Meta()
    reader.feed(page)
    reader.close()
    return reader.contents
