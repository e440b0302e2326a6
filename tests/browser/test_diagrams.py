"""The diagrams in a real browser, in the light and the dark scheme: visible, not empty, and
every piece of text in them at least 4.5:1 against what is painted behind it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .support import SCHEMES, scheme_page, screenshot, screenshot_name

MINIMUM_CONTRAST = 4.5

# For each <text> of one SVG: its colour, and the colour behind it, worked out as the browser
# paints them (computed styles, with opacity), from the page's background up through the
# filled shapes drawn before the text that cover its centre. Returns [label, ratio] pairs.
TEXT_CONTRASTS = """(svg) => {
  const parse = (value) => {
    // rgb(), rgba() or color(srgb ...); anything else (none, a gradient) paints no colour.
    const srgb = value.startsWith("color(srgb ");
    if (!srgb && !value.startsWith("rgb")) return null;
    const numbers = value.match(/[\\d.]+(?:e-?\\d+)?/g).map(Number);
    const [r, g, b] = numbers.slice(0, 3).map((c) => (srgb ? c * 255 : c));
    return [r, g, b, numbers.length > 3 ? numbers[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const paint = (element, property) => {
    const style = getComputedStyle(element);
    const colour = parse(style[property]);
    if (!colour) return null;
    const opacity = +style.opacity * +(property === "fill" ? style.fillOpacity : 1);
    return [colour[0], colour[1], colour[2], colour[3] * opacity];
  };
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map((c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  // The page behind the SVG: every ancestor's background, outermost first, on white.
  const ancestors = [];
  for (let node = svg; node; node = node.parentElement) ancestors.unshift(node);
  let page = [255, 255, 255, 1];
  for (const node of ancestors) {
    const colour = parse(getComputedStyle(node).backgroundColor);
    if (colour) page = over(colour, page);
  }
  const shapes = [...svg.querySelectorAll("rect, circle, ellipse, polygon, path")];
  return [...svg.querySelectorAll("text")].map((text) => {
    const box = text.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    let behind = page;
    for (const shape of shapes) {
      if (!(shape.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
      const area = shape.getBoundingClientRect();
      if (x < area.left || x > area.right || y < area.top || y > area.bottom) continue;
      const fill = paint(shape, "fill");
      if (fill) behind = over(fill, behind);
    }
    const ink = paint(text, "fill");
    if (!ink) return [text.textContent, 0];
    const [light, dark] = [luminance(over(ink, behind)), luminance(behind)].sort((a, b) => b - a);
    return [text.textContent.trim(), (light + 0.05) / (dark + 0.05)];
  });
}"""


def pages_with_diagrams(site: Path, page_paths: list[str]) -> list[str]:
    return [path for path in page_paths
            if 'role="img"' in (site / path / "index.html").read_text(encoding="utf-8")]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
def test_diagrams_are_visible_and_their_text_legible(
    browser: Any, served_site: str, site: Path, page_paths: list[str], scheme: str
) -> None:
    paths = pages_with_diagrams(site, page_paths)
    assert paths, "no page has a diagram to check"
    problems: list[str] = []
    checked = 0
    with scheme_page(browser, scheme) as page:
        for path in paths:
            page.goto(served_site + path)
            for number, diagram in enumerate(page.locator("svg[role=img]").all(), start=1):
                where = f"{path} diagram {number} ({scheme})"
                diagram.scroll_into_view_if_needed()
                box = diagram.bounding_box()
                if not diagram.is_visible() or box is None or box["width"] * box["height"] == 0:
                    problems.append(f"{where}: not visible")
                    continue
                contrasts = diagram.evaluate(TEXT_CONTRASTS)
                if not contrasts:
                    problems.append(f"{where}: no text")
                problems += [f"{where}: {label!r} at {ratio:.2f}:1"
                             for label, ratio in contrasts if ratio < MINIMUM_CONTRAST]
                screenshot(diagram, f"diagram-{screenshot_name(path)}-{number}-{scheme}")
                checked += 1
    assert checked > 0
    assert problems == [], "\n".join(problems)


@pytest.mark.browser
def test_the_contrast_check_sees_faint_text(browser: Any) -> None:
    with scheme_page(browser, "light") as page:
        page.set_content(
            '<body style="background:#fff"><svg role="img" width="200" height="60">'
            '<rect width="200" height="30" fill="#000"/>'
            '<text x="5" y="20" fill="#222">dark on black</text>'
            '<text x="5" y="50" fill="#777">grey on white</text>'
            '<text x="100" y="50" fill="#000" fill-opacity="0.9">black on white</text>'
            '<text x="150" y="50" style="fill: color(srgb 0.467 0.467 0.467)">srgb grey</text>'
            "</svg></body>")
        contrasts = dict(page.locator("svg").evaluate(TEXT_CONTRASTS))
    assert contrasts["dark on black"] < 1.5
    assert 4.0 < contrasts["grey on white"] < MINIMUM_CONTRAST
    assert contrasts["black on white"] > 15
    assert contrasts["srgb grey"] == pytest.approx(contrasts["grey on white"], abs=0.05)
