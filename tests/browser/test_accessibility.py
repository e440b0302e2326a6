"""axe-core on every page in the light and the dark scheme: zero violations, no rule turned off.
Screenshots of the key pages in both schemes go to tests/screenshots/ for review."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from .support import (
    BACKGROUND_LUMINANCE,
    KEY_PAGES,
    SCHEMES,
    scheme_page,
    screenshot,
    screenshot_name,
)

AXE = Axe()


def violations(page: Any) -> list[str]:
    """One line per node that breaks an axe rule: page, rule, impact, element."""
    response = AXE.run(page).response
    return [
        f"{page.url}: {rule['id']} ({rule['impact']}) {node['target']}: {node['failureSummary']}"
        for rule in response["violations"] for node in rule["nodes"]
    ]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_has_no_axe_violation(
    browser: Any, served_site: str, page_paths: list[str], scheme: str
) -> None:
    found: list[str] = []
    with scheme_page(browser, scheme) as page:
        for path in page_paths:
            page.goto(served_site + path)
            luminance = page.evaluate(BACKGROUND_LUMINANCE)
            assert luminance > 0.5 if scheme == "light" else luminance < 0.5, path
            found += violations(page)
            if path in KEY_PAGES:
                screenshot(page, f"{screenshot_name(path)}-{scheme}")
    assert found == [], "\n".join(found)


# Material's syntax-highlighting rules: `.highlight .<token>, ... {color:var(--md-code-hl-...)}`.
TOKEN_RULE = re.compile(
    r"((?:\.highlight \.[a-z0-9]+,?)+)\{color:var\(--md-code-hl-[a-z]+-color\)\}")


def token_classes(site: Path) -> list[str]:
    (stylesheet,) = (site / "assets" / "stylesheets").glob("main.*.min.css")
    rules = TOKEN_RULE.findall(stylesheet.read_text(encoding="utf-8"))
    return sorted({token for rule in rules for token in re.findall(r"\.highlight \.(\w+)", rule)})


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_code_token_colour_has_contrast(
    browser: Any, served_site: str, site: Path, scheme: str
) -> None:
    # Pages show only some tokens today; a code block with every one of Material's token
    # classes checks the colours any later code sample may use.
    tokens = token_classes(site)
    assert len(tokens) > 20
    spans = "".join(f'<span class="{token}">{token} </span>' for token in tokens)
    with scheme_page(browser, scheme) as page:
        page.goto(served_site)
        page.locator("article.md-typeset").evaluate(
            "(article, spans) => article.insertAdjacentHTML('beforeend',"
            " `<div id='every-token' class='highlight'><pre><code>${spans}</code></pre></div>`)",
            spans)
        response = AXE.run(page, context="#every-token",
                           options={"runOnly": ["color-contrast"]}).response
    assert [node["html"] for rule in response["violations"] for node in rule["nodes"]] == []
