"""The site under a GitHub Pages project sub-path (/t401-icyb-notes/), served on loopback:
every page loads cleanly, every link and asset resolves, and the 404 page keeps its styles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from http import HTTPStatus
from typing import Any
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import pytest

from .support import SUB_PATH, Problems, scheme_page, screenshot

CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""")
LINK_ATTRIBUTES = {"href", "src", "data", "poster", "xlink:href"}


class Links(HTMLParser):
    """Every URL a page links to or loads, and every id a link can point at."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in LINK_ATTRIBUTES:
                self.urls.append(value)
            elif name == "srcset":
                self.urls += [part.split()[0] for part in value.split(",") if part.strip()]
            elif name == "style":
                self.urls += CSS_URL.findall(value)
            elif name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)


@dataclass(frozen=True)
class Resource:
    """One URL as the crawler saw it: its status, what it links to, the ids it holds."""

    status: int
    links: tuple[str, ...] = ()
    ids: frozenset[str] = frozenset()


@cache
def fetch(url: str) -> Resource:
    """`url` after redirects, fetched and parsed once per session."""
    try:
        with urlopen(url, timeout=10) as response:
            kind = response.headers.get_content_type()
            text = response.read().decode("utf-8", "replace")
            status = response.status
    except HTTPError as error:
        return Resource(error.code)
    if kind == "text/css":
        return Resource(status, tuple(CSS_URL.findall(text)))
    if kind != "text/html":
        return Resource(status)
    parser = Links()
    parser.feed(text)
    return Resource(status, tuple(parser.urls), frozenset(parser.ids))


def crawl(start: list[str], root: str) -> list[str]:
    """Follow every link and asset under `root` from `start`; return what is broken."""
    broken: list[str] = []
    seen: set[str] = set()
    queue = [(url, "start") for url in start]
    while queue:
        url, source = queue.pop()
        target, fragment = urldefrag(url)
        resource = fetch(target)
        if resource.status != HTTPStatus.OK:
            broken.append(f"{url} (from {source}): HTTP {resource.status}")
            continue
        if fragment and fragment not in resource.ids:
            broken.append(f"{url} (from {source}): no element with id {fragment!r}")
        if target in seen:
            continue
        seen.add(target)
        for link in resource.links:
            absolute = urljoin(target, link)
            parts = urlsplit(absolute)
            if parts.scheme in ("data", "mailto", "javascript"):
                continue
            if parts.netloc != urlsplit(root).netloc:
                continue  # a link out to another site, for the reader to follow
            if not absolute.startswith(root):
                broken.append(f"{absolute} (from {target}): outside the sub-path {SUB_PATH}")
                continue
            queue.append((absolute, target))
    return broken


def test_crawl_of_every_link_and_asset_finds_nothing_broken(
    served_site: str, page_paths: list[str]
) -> None:
    start = [served_site + path for path in page_paths] + [served_site + "404.html"]
    assert crawl(start, served_site) == []


def test_the_crawler_reports_what_is_broken(served_site: str) -> None:
    # The server answers with the 404 page outside the sub-path and for missing files.
    assert fetch(served_site.replace(SUB_PATH, "/index.html")).status == HTTPStatus.NOT_FOUND
    assert crawl([served_site + "no-such-page/"], served_site) != []
    assert crawl([served_site + "#no-such-id"], served_site) != []


@pytest.mark.browser
def test_every_page_loads_with_no_failed_request_or_console_error(
    browser: Any, served_site: str, page_paths: list[str]
) -> None:
    problems = Problems()
    with scheme_page(browser, "light") as page:
        problems.watch(page)
        for path in page_paths:
            response = page.goto(served_site + path, wait_until="networkidle")
            assert response is not None
            assert response.status == 200, path
            assert page.locator("h1").count() == 1, path
    assert problems.items == []


@pytest.mark.browser
def test_404_page_under_the_sub_path_loads_its_styles(browser: Any, served_site: str) -> None:
    missing = served_site + "no/such/page/"
    problems = Problems()
    with scheme_page(browser, "light") as page:
        problems.watch(page)
        response = page.goto(missing, wait_until="networkidle")
        assert response is not None
        assert response.status == 404
        assert page.locator("h1").inner_text() == "404 - Not found"
        stylesheets = page.evaluate(
            "[...document.querySelectorAll('link[rel=stylesheet]')]"
            ".map(link => [link.href, link.sheet ? link.sheet.cssRules.length : 0])"
        )
        assert stylesheets
        for href, rules in stylesheets:
            assert href.startswith(served_site), href
            assert rules > 0, href
        # Material's own stylesheet is in force: the header sticks to the top.
        assert page.evaluate(
            "getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        screenshot(page, "404-light")
        page.locator(".md-header__button.md-logo").click()
        page.wait_for_load_state("networkidle")
        assert page.url == served_site
    # The one thing missing is the page asked for; everything it loads is there.
    assert f"HTTP 404 {missing}" in problems.items
    assert [problem for problem in problems.items if missing not in problem] == []
