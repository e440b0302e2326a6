"""Printing the handout file to a PDF with a headless Chromium, offline."""

from __future__ import annotations

import importlib.util
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
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


PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
"""A page object of a PDF. Chromium writes every object's dictionary uncompressed, so the
pages can be counted without a PDF library (the tests check the count with pypdf)."""


@dataclass(frozen=True)
class PrintJob:
    html: Path
    pdf: Path
    title: str
    """Printed in every page's footer."""


def count_pages(pdf: Path) -> int:
    """The number of pages (sheets) of a PDF that Chromium printed."""
    return len(PAGE_OBJECT.findall(pdf.read_bytes()))


def print_pdfs(jobs: list[PrintJob], *, chromium: str, paper: str) -> list[list[str]]:
    """Print each job's HTML file to its PDF with one Chromium; returns, per job, the URLs of
    requests it tried (all blocked).

    A page may load only its file itself: everything else would be a request the handout
    must not need, so it is refused and reported.
    """
    if importlib.util.find_spec("playwright") is None:
        raise PluginError(
            "handout: printing the PDF needs Playwright: pip install -e '.[handout]' "
            "(or set `pdf: false` under the handout plugin)")
    # Playwright's synchronous API refuses to start in a thread where an event loop runs (a
    # build started from asynchronous code, or beside another Playwright session): printing
    # runs in a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as printer:
        return printer.submit(_print_all, jobs, chromium, paper).result()


def _print_all(jobs: list[PrintJob], chromium: str, paper: str) -> list[list[str]]:
    from playwright.sync_api import Error, sync_playwright

    results: list[list[str]] = []
    current = jobs[0].pdf if jobs else Path()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                for job in jobs:
                    current = job.pdf
                    results.append(_print(browser, job, paper))
            finally:
                browser.close()
    except (Error, OSError) as err:
        raise PluginError(
            f"handout: Chromium ({chromium}) could not print {current}: {err}") from err
    return results


def _print(browser: Any, job: PrintJob, paper: str) -> list[str]:
    url = job.html.resolve().as_uri()
    refused: list[str] = []

    def only_the_file(route: Any) -> None:
        if route.request.url == url:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page = browser.new_page()
    try:
        page.route("**/*", only_the_file)
        page.goto(url, wait_until="load")
        page.pdf(
            path=job.pdf, format=paper, print_background=True,
            # The footer with the page number sits in the bottom margin.
            margin={"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
            display_header_footer=True, header_template="<span></span>",
            footer_template=FOOTER.format(title=escape(job.title)),
            outline=True, tagged=True,
        )
    finally:
        page.close()
    return refused
