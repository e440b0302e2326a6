"""A phone 390 px wide: no page scrolls sideways. Wide tables and diagrams may scroll, but only
inside boxes of their own."""

from __future__ import annotations

from typing import Any

import pytest

from .support import KEY_PAGES, SCHEMES, scheme_page, screenshot, screenshot_name

PHONE_WIDTH = 390
PHONE = {"viewport": {"width": PHONE_WIDTH, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}

# How far the page itself scrolls sideways and, when it does, the first elements that stick
# out of it without a scrolling box of their own to hold them (to say what to fix).
OVERFLOW = """() => {
  const page = document.scrollingElement;
  const width = page.clientWidth;
  const held = (element) => {
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible") return true;
    }
    return false;
  };
  const culprits = page.scrollWidth <= width ? [] : [...document.querySelectorAll("body *")]
    .filter((element) => element.getBoundingClientRect().right > width + 1 && !held(element))
    .map((element) => element.tagName.toLowerCase() + "." + [...element.classList].join("."));
  return {scrollWidth: page.scrollWidth, width, innerWidth, culprits: culprits.slice(0, 5)};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_page_scrolls_sideways_on_a_phone(
    browser: Any, served_site: str, page_paths: list[str], scheme: str
) -> None:
    wide: list[str] = []
    with scheme_page(browser, scheme, **PHONE) as page:
        # Layout does not change with the scheme: the dark one is checked on the key pages.
        for path in page_paths if scheme == "light" else KEY_PAGES:
            page.goto(served_site + path)
            overflow = page.evaluate(OVERFLOW)
            assert overflow["innerWidth"] == PHONE_WIDTH, path
            if overflow["scrollWidth"] > overflow["width"]:
                wide.append(f"{path}: {overflow}")
            if path in KEY_PAGES:
                screenshot(page, f"phone-{screenshot_name(path)}-{scheme}")
    assert wide == [], "\n".join(wide)
