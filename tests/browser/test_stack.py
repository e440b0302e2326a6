"""The stacks on a phone 390 px wide: every stack is readable at its full width, without
scrolling sideways even inside its own box (the page itself never scrolls: test_phone)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .support import scheme_page, screenshot, screenshot_name
from .test_phone import PHONE

STACKS = """() => [...document.querySelectorAll('.compare-stack .compare-diagram__canvas')]
  .map((canvas) => ({title: canvas.querySelector('title').textContent,
                     scroll: canvas.scrollWidth, width: canvas.clientWidth}))"""


def pages_with_stacks(site: Path, page_paths: list[str]) -> list[str]:
    return [path for path in page_paths
            if "compare-stack__stacks" in (site / path / "index.html").read_text("utf-8")]


@pytest.mark.browser
def test_every_stack_fits_a_phone_without_scrolling(
    browser: Any, served_site: str, site: Path, page_paths: list[str]
) -> None:
    paths = pages_with_stacks(site, page_paths)
    assert len(paths) >= 3, "the terminology, methods and security pages draw stacks"
    problems: list[str] = []
    checked = 0
    with scheme_page(browser, "light", **PHONE) as page:
        for path in paths:
            page.goto(served_site + path)
            for stack in page.evaluate(STACKS):
                checked += 1
                if stack["scroll"] > stack["width"] + 1:
                    problems.append(f"{path}: {stack['title']} scrolls inside its box "
                                    f"({stack['scroll']} px in {stack['width']} px)")
            for number, figure in enumerate(page.locator("figure.compare-stack").all(), 1):
                screenshot(figure, f"phone-stack-{screenshot_name(path)}-{number}")
    assert checked >= 11
    assert problems == [], "\n".join(problems)
