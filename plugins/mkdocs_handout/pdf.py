"""Printing the handout file to a PDF with a headless Chromium, offline."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Let Chromium run headless as root in a container without phoning home."""

FOOTER = (
    '<div style="width:100%;margin:0 16mm;font-size:8pt;font-family:sans-serif;color:#333;'
    'display:flex;justify-content:space-between">'
    '<span>{title}</span><span><span class="pageNumber"></span> / '
    '<span class="totalPages"></span></span></div>'
)
"""Chromium fills `pageNumber` and `totalPages` in on every page."""


def print_pdf(html: Path, pdf: Path, *, chromium: str, paper: str, title: str) -> list[str]:
    """Print the file `html` to `pdf`; returns the URLs of requests it tried (all blocked).

    The page may load only the file itself: everything else would be a request the handout
    must not need, so it is refused and reported.
    """
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as err:
        raise PluginError(
            "handout: printing the PDF needs Playwright: pip install -e '.[handout]' "
            "(or set `pdf: false` under the handout plugin)") from err
    url = html.resolve().as_uri()
    refused: list[str] = []

    def only_the_file(route: Any) -> None:
        if route.request.url == url:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.route("**/*", only_the_file)
                page.goto(url, wait_until="load")
                page.pdf(
                    path=pdf, format=paper, print_background=True,
                    # The footer with the page number sits in the bottom margin.
                    margin={"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
                    display_header_footer=True, header_template="<span></span>",
                    footer_template=FOOTER.format(title=escape(title)),
                    outline=True, tagged=True,
                )
            finally:
                browser.close()
    except Error as err:
        raise PluginError(f"handout: Chromium ({chromium}) could not print {pdf}: {err}") from err
    return refused
