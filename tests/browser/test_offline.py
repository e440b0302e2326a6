"""The offline zip, unpacked and opened from file:// with every other request blocked, as a
reader on a train would: navigation, search, the diagrams and the colour toggle all work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .support import (
    BACKGROUND_LUMINANCE,
    Problems,
    screenshot,
    unpack,
    wait_for_animations,
)

# Schemes of URLs that never leave the machine.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")

@pytest.mark.browser
def test_offline_export_works_from_file_with_no_network(
    browser: Any, offline_export: Path, tmp_path: Path
) -> None:
    folder = unpack(offline_export, tmp_path)
    outside: list[str] = []

    def block_outside(route: Any) -> None:
        if route.request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context = browser.new_context(color_scheme="light")
    try:
        context.route("**/*", block_outside)
        page = context.new_page()
        problems = Problems()
        problems.watch(page)
        page.goto((folder / "index.html").as_uri())
        assert "T-401-ICYB" in page.title()

        # Through the navigation, as a reader clicks: links go to files, not folders.
        nav = page.locator("nav.md-nav--primary")
        nav.get_by_role("link", name="Terminology", exact=True).click()
        page.wait_for_url("**/virtualization/terminology.html")
        nav.get_by_role("link", name="Security issues", exact=True).click()
        page.wait_for_url("**/virtualization/security.html")
        diagrams = page.locator("svg[role=img]")
        assert diagrams.count() > 0
        for diagram in diagrams.all():
            diagram.scroll_into_view_if_needed()
            assert diagram.is_visible()
            box = diagram.bounding_box()
            assert box is not None
            assert box["width"] > 0
            assert box["height"] > 0

        # Search, which runs in a Web Worker that Chromium refuses on file:// without the shim.
        page.keyboard.press("/")
        page.keyboard.type("hypervisor")
        results = page.locator(".md-search-result__item")
        results.first.wait_for(state="visible", timeout=10_000)
        assert results.count() > 0
        page.keyboard.press("Escape")

        # The colour toggle: from the system's light scheme to dark, by the header's button.
        assert page.evaluate(BACKGROUND_LUMINANCE) > 0.5
        for _ in range(3):
            if page.evaluate(BACKGROUND_LUMINANCE) < 0.5:
                break
            page.locator("form[data-md-component=palette] label:visible").click()
            # Let the colours finish their transition before reading them.
            wait_for_animations(page)
        assert page.evaluate(BACKGROUND_LUMINANCE) < 0.5
        screenshot(page, "offline-security-toggled-dark")
    finally:
        context.close()
    assert outside == []
    assert problems.items == []
