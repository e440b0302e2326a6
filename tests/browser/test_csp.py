"""The Content-Security-Policy in Chromium: the site under its sub-path, its 404 page and the
offline export from file:// work under it (search, the colour toggle, tooltips, diagrams sized by
their style attributes) with zero violations; markup that slips into a page does not run."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from test_csp import build_hostile

from conftest import Build

from .support import BACKGROUND_LUMINANCE, unpack, wait_for_animations

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", event => window.__cspViolation(
  `${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
  + ` at ${event.sourceFile}:${event.lineNumber}: ${event.sample}`))
"""
"""Reports each violation a document sees (init scripts run in every page and frame)."""


class Violations:
    """Every CSP violation Chromium reports in a browser context: the documents' own
    `securitypolicyviolation` events, and the console's messages of the kind, which also come
    from frames an init script does not reach (the offline search worker's iframe)."""

    def __init__(self, context: Any) -> None:
        self.items: list[str] = []
        context.expose_binding(
            "__cspViolation",
            lambda source, text: self.items.append(f"{source['frame'].url}: {text}"))
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("console", self._console)

    def _console(self, message: Any) -> None:
        text = message.text
        if "Content Security Policy" in text or text.startswith("Refused to"):
            self.items.append(f"console: {text}")


@contextmanager
def csp_context(browser: Any, **options: Any) -> Iterator[tuple[Any, Violations]]:
    """A page in a fresh light-scheme context, and what violations it reports."""
    context = browser.new_context(color_scheme="light", **options)
    try:
        violations = Violations(context)
        yield context.new_page(), violations
    finally:
        context.close()


def settle(page: Any) -> None:
    """Let the page finish what it started (reports of violations arrive asynchronously)."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(100)


def check_page_works(page: Any) -> None:
    """Hover every tooltip's owner, open the diagrams' text, check the diagrams keep the size
    their style attribute gives them."""
    # Handles, not a locator: Material moves an element's `title` away on the first hover.
    for owner in page.query_selector_all("article [title]")[:10]:
        if owner.is_visible():
            owner.scroll_into_view_if_needed()
            owner.hover()
    for summary in page.query_selector_all("article details:not([open]) > summary"):
        if summary.is_visible():
            summary.click()
    sized = page.evaluate("""() => [...document.querySelectorAll("svg[style]")].map(svg =>
        [svg.style.minWidth, getComputedStyle(svg).minWidth])""")
    for declared, computed in sized:
        # The attribute is in force: the computed value is the declared one (in pixels).
        assert declared.endswith("em")
        assert computed.endswith("px")
        assert computed != "0px"


def search(page: Any, term: str) -> int:
    page.keyboard.press("/")
    page.keyboard.type(term)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=10_000)
    count: int = results.count()
    page.keyboard.press("Escape")
    return count


def toggle_to_dark(page: Any) -> None:
    assert page.evaluate(BACKGROUND_LUMINANCE) > 0.5
    for _ in range(3):
        if page.evaluate(BACKGROUND_LUMINANCE) < 0.5:
            break
        page.locator("form[data-md-component=palette] label:visible").click()
        wait_for_animations(page)
    assert page.evaluate(BACKGROUND_LUMINANCE) < 0.5


@pytest.mark.browser
def test_site_under_the_sub_path_works_with_zero_violations(
    browser: Any, served_site: str, page_paths: list[str]
) -> None:
    with csp_context(browser) as (page, violations):
        for path in page_paths:
            page.goto(served_site + path)
            check_page_works(page)
            settle(page)
        page.goto(served_site + "virtualization/methods/")
        assert search(page, "hypervisor") > 0
        copy = page.locator(".md-clipboard").first
        if copy.count():
            copy.click()
        toggle_to_dark(page)
        settle(page)
        # The 404 page, which the server answers for any missing path under the sub-path.
        response = page.goto(served_site + "no/such/page/")
        assert response is not None
        assert response.status == 404
        settle(page)
    assert violations.items == []


@pytest.mark.browser
def test_offline_export_from_file_works_with_zero_violations(
    browser: Any, offline_export: Path, tmp_path: Path
) -> None:
    folder = unpack(offline_export, tmp_path)
    pages = sorted(path for path in folder.rglob("*.html") if path.name != "404.html")
    assert len(pages) > 10
    with csp_context(browser) as (page, violations):
        for path in pages:
            page.goto(path.as_uri())
            check_page_works(page)
            settle(page)
        page.goto((folder / "index.html").as_uri())
        # Search: a Web Worker on a server, the vendored shim's iframe on file://.
        assert search(page, "hypervisor") > 0
        toggle_to_dark(page)
        settle(page)
    assert violations.items == []


# --- markup that slips through does not run -------------------------------------------------

@contextmanager
def served(directory: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 partial(QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the tests report what failed."""


@pytest.fixture(scope="module")
def hostile_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Build]:
    """The hostile site of tests/test_csp.py built with the plugin on and off. With it on the
    build fails under --strict, after MkDocs has written every page: those pages are what
    would be published if the warnings were ignored."""
    return {enabled: build_hostile(tmp_path_factory.mktemp(f"hostile-{enabled}"),
                                   enabled=enabled)
            for enabled in (True, False)}


STYLED = """() => {
  const style = getComputedStyle(document.getElementById("styled"));
  return [style.color, style.backgroundColor,
          getComputedStyle(document.getElementById("twin")).color];
}"""


def run_hostile_page(browser: Any, site_dir: Path) -> tuple[list[str], list[str], list[str]]:
    """Open the hostile pages (the image's `onerror` fires as it fails to load), click the
    `javascript:` link: the titles seen, the styled paragraph's colour and background and the
    twin's colour, and the violations reported."""
    titles = []
    with served(site_dir) as url, csp_context(browser) as (page, violations):
        for path in ("", "other/"):
            page.goto(url + path)
            settle(page)
            titles.append(page.title())
        page.goto(url)
        styled = page.evaluate(STYLED)
        page.locator("#hostile-link").click()
        settle(page)
        titles.append(page.title())
    return titles, styled, violations.items


@pytest.mark.browser
def test_hostile_markup_does_not_run_and_is_reported(
    browser: Any, hostile_builds: dict[bool, Build]
) -> None:
    build = hostile_builds[True]
    assert build.returncode == 1, build.output
    titles, styled, violations = run_hostile_page(browser, build.site_dir)
    # A script that ran sets the whole title; the <title> itself may show the text.
    assert [title for title in titles if title.startswith("run by")] == []
    # The <style>s from the Markdown are refused, the twin of a style attribute's text too; the
    # style attribute, allowed by its hash, is not.
    assert styled[:2] == ["rgb(1, 2, 3)", "rgba(0, 0, 0, 0)"]
    assert styled[2] != "rgb(4, 5, 6)"
    # Each is reported: on the home page (opened twice) the description's script, the title's
    # in the navigation, the Markdown's script and <style>, the handler; the link once; on the
    # other page the title's script in the header and the navigation.
    reported = [item for item in violations if not item.startswith("console:")]
    assert len([item for item in reported if "script-src-elem" in item]) == 2 * 3 + 1 + 2
    assert len([item for item in reported if "style-src-elem" in item]) == 2 * 2
    assert len([item for item in reported if "script-src-attr" in item]) == 2


@pytest.mark.browser
def test_without_the_policy_the_hostile_markup_runs(
    browser: Any, hostile_builds: dict[bool, Build]
) -> None:
    """The check above can see a script run: without the plugin, the same pages run it."""
    build = hostile_builds[False]
    assert build.returncode == 0, build.output
    titles, styled, violations = run_hostile_page(browser, build.site_dir)
    assert styled == ["rgb(1, 2, 3)", "rgb(255, 0, 0)", "rgb(4, 5, 6)"]
    # The last of the scripts on each page sets the title: the link, clicked last, too.
    assert titles == ["run by a handler", "run by a title", "run by a link"]
    assert violations == []
