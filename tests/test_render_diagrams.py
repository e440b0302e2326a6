"""The ranking and matrix diagrams: accessible SVG, wrapping, determinism, escaping."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from font_metrics import real_width
from hypothesis import given, settings
from hypothesis import strategies as st
from render_samples import SVG, methods, only, parse, plain, ranked, squeezed

from mkdocs_compare.data.inline import to_plain
from mkdocs_compare.data.model import Apart, Dataset, Item, Tier
from mkdocs_compare.render.matrix import render_matrix
from mkdocs_compare.render.ranking import render_ranking

LONG = ("Requires strong host OS security, image hygiene, and orchestration controls, "
        "and a supercalifragilisticexpialidocious-hyphenated-identifier-without-spaces.")


def ranking(dataset: Dataset | None = None, *, caption: str = "Which is more secure?",
            diagram_id: str = "compare-ranking-1") -> str:
    return render_ranking(dataset or ranked(), caption=caption, diagram_id=diagram_id)


def matrix(dataset: Dataset | None = None, *, caption: str = "Isolation against overhead",
           diagram_id: str = "compare-matrix-2", items: list[str] | None = None) -> str:
    dataset = dataset or methods()
    return render_matrix(
        dataset, x="overhead", y="isolation",
        items=items or [item.id for item in dataset.items], caption=caption,
        diagram_id=diagram_id,
    )


def svg_of(figure: ET.Element) -> ET.Element:
    svg = figure.find(f".//{SVG}svg")
    assert svg is not None
    return svg


def svg_text(figure: ET.Element) -> str:
    """The text the SVG draws (not its title or description), lines joined by spaces."""
    return " ".join(plain(text) for text in svg_of(figure).iter(f"{SVG}tspan"))


def text_alternative(figure: ET.Element) -> ET.Element:
    details = figure.find("details")
    assert details is not None
    return details


@pytest.mark.parametrize("render", [ranking, matrix])
def test_a_figure_with_an_accessible_svg_caption_and_text(render: object) -> None:
    assert callable(render)
    figure = parse(render())
    assert figure.tag == "figure"
    assert "compare-diagram" in figure.get("class", "").split()
    svg = svg_of(figure)
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby", "").split()
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert title is not None
    assert desc is not None
    assert (title.get("id"), desc.get("id")) == (title_id, desc_id)
    assert list(svg).index(title) == 0, "the title must be the SVG's first child"
    assert plain(title) == plain(only(figure, "figcaption"))
    assert plain(desc).strip()
    summary = text_alternative(figure).find("summary")
    assert summary is not None
    assert plain(summary) == "The diagram as text"


@pytest.mark.parametrize("render", [ranking, matrix])
def test_scales_with_the_page_and_needs_nothing_else(render: object) -> None:
    assert callable(render)
    markup = render()
    svg = svg_of(parse(markup))
    assert svg.get("width") is None
    assert svg.get("height") is None
    assert re.fullmatch(r"0 0 \d+(\.\d)? \d+(\.\d)?", svg.get("viewBox", ""))
    elements = {element.tag.removeprefix(SVG) for element in svg.iter()}
    assert elements <= {"svg", "title", "desc", "text", "tspan", "rect", "circle", "path"}
    attributes = {name for element in svg.iter() for name in element.attrib}
    assert not {name for name in attributes if name.startswith("on") or "href" in name}
    assert "url(" not in markup
    assert "<script" not in markup
    assert "fill=" not in markup, "colours belong in the stylesheet"
    assert "stroke=" not in markup, "colours belong in the stylesheet"


def test_ids_differ_between_two_diagrams_on_one_page() -> None:
    page = ET.fromstring(
        "<div>" + ranking(diagram_id="compare-ranking-1")
        + matrix(diagram_id="compare-matrix-2")
        + ranking(diagram_id="compare-ranking-3") + "</div>"
    )
    ids = [element.get("id") for element in page.iter() if element.get("id")]
    assert len(ids) == 6
    assert len(set(ids)) == len(ids)
    for svg in page.iter(f"{SVG}svg"):
        for label in svg.get("aria-labelledby", "").split():
            assert [element.tag for element in svg.iter() if element.get("id") == label]


@pytest.mark.parametrize("render", [ranking, matrix])
def test_output_is_identical_from_run_to_run(render: object) -> None:
    assert callable(render)
    assert render() == render()


def test_a_realistic_ranking_stays_small() -> None:
    assert len(ranking().encode()) <= 12 * 1024
    assert len(matrix().encode()) <= 12 * 1024


def test_ranking_draws_tiers_in_order_then_what_is_kept_apart() -> None:
    figure = parse(ranking())
    svg = svg_of(figure)
    badges = [plain(text) for text in svg.iter(f"{SVG}text")
              if text.get("class") == "cd-badge-text"]
    assert badges == ["1", "2", "3", "4"]
    drawn = squeezed(svg_text(figure))
    order = ["Strongestisolation", "Physicalhardware", "Fullvirtualization(Type1)",
             "Fullvirtualization(Type2)", "OS-levelvirtualization(containers)",
             "Weakestisolation", "Keptapart", "Emulation"]
    positions = [drawn.find(text) for text in order]
    assert -1 not in positions
    assert positions == sorted(positions)
    assert squeezed("Highest isolation among common virtualization methods.") in drawn
    assert squeezed("Niche use, not typically for general infrastructure security.") in drawn
    boxes = [rect for rect in svg.iter(f"{SVG}rect") if "cd-box" in rect.get("class", "")]
    assert ["cd-apart" in box.get("class", "") for box in boxes] == [False] * 4 + [True]
    tops = [float(box.get("y", "")) for box in boxes]
    assert tops == sorted(tops), "tiers are drawn top to bottom, what is apart below them"


def test_ranking_text_alternative_carries_the_same_facts() -> None:
    details = text_alternative(parse(ranking()))
    entries = details.findall("ol/li")
    assert [entry.get("value") for entry in entries] == ["1", "2", "3", "4"]
    second = entries[1]
    assert plain(only(second, "strong")) == "Full virtualization (Type 1)"
    assert "Highest isolation among common virtualization methods." in plain(second)
    assert [plain(note) for note in second.findall("ul/li")] == [
        "Best for multi-tenancy, cloud providers.", "Minimal hypervisor attack surface."
    ]
    apart = details.findall("ul/li")
    assert len(apart) == 1
    assert "Emulation" in plain(apart[0])
    assert "Niche use" in plain(apart[0])
    assert "Strongest isolation" in plain(details)
    assert "Weakest isolation" in plain(details)


def test_ranking_description_is_the_datas_or_a_summary() -> None:
    described = svg_of(parse(ranking(ranked(description="The *lecture's* order."))))
    assert plain(only(described, f"{SVG}desc")) == "The lecture's order."
    summary = plain(only(svg_of(parse(ranking())), f"{SVG}desc"))
    assert summary.startswith("From Strongest isolation to Weakest isolation: 1. Physical")
    assert "Kept apart, outside the order: Emulation." in summary


def test_ranking_without_anything_apart_draws_no_apart_section() -> None:
    figure = parse(ranking(ranked(apart=())))
    assert "Kept apart" not in svg_text(figure)
    assert text_alternative(figure).find("ul") is None


def test_ranks_keep_their_numbers_even_with_gaps() -> None:
    tiers = (Tier(1, "Best", "Good."), Tier(5, "Worst", "Bad."))
    figure = parse(ranking(ranked(tiers=tiers)))
    assert [entry.get("value") for entry in text_alternative(figure).findall("ol/li")] == [
        "1", "5"
    ]


def test_matrix_places_each_item_in_the_cell_of_its_levels() -> None:
    figure = parse(matrix())
    svg = svg_of(figure)
    cells = [rect for rect in svg.iter(f"{SVG}rect") if rect.get("class") == "cd-cell"]
    assert len(cells) == 2 * 3, "one cell per pair of levels"
    lefts = sorted({float(rect.get("x", "")) for rect in cells})
    tops = sorted({float(rect.get("y", "")) for rect in cells})
    assert (len(lefts), len(tops)) == (3, 2)

    def cell_of(name: str) -> tuple[int, int]:
        """Column (0 = lowest x level) and row (0 = top) of the marker beside `name`."""
        label = next(text for text in svg.iter(f"{SVG}text") if plain(text).startswith(name))
        first_line = label[0]
        x, y = float(first_line.get("x", "")), float(first_line.get("y", ""))
        return (sum(left <= x for left in lefts) - 1, sum(top <= y for top in tops) - 1)

    # methods(): Full virtualization strong/high, Paravirtualization strong/low,
    # Containers weaker/minimal; the strong row is on top.
    assert cell_of("Full virtualization") == (2, 0)
    assert cell_of("Paravirtualization") == (1, 0)
    assert cell_of("Containers") == (0, 1)
    markers = [circle for circle in svg.iter(f"{SVG}circle") if circle.get("class") == "cd-marker"]
    assert len(markers) == 3


def test_matrix_axes_are_labelled_lowest_first() -> None:
    figure = parse(matrix())
    drawn = svg_text(figure)
    positions = [drawn.find(label) for label in
                 ("Isolation", "Strong", "Weaker", "Minimal", "Low (near-native)", "High",
                  "Performance overhead")]
    assert -1 not in positions
    assert positions == sorted(positions), "y title, y levels top-down, x levels, x title"


def test_items_sharing_a_cell_are_stacked_not_overlaid() -> None:
    dataset = methods()
    same = dataset.items[0]
    twin = Item("twin", "Twin of full virtualization", same.values, line=99)
    crowded = replace(dataset, items=(same, twin))
    svg = svg_of(parse(matrix(crowded)))
    markers = [(float(circle.get("cx", "")), float(circle.get("cy", "")))
               for circle in svg.iter(f"{SVG}circle") if circle.get("class") == "cd-marker"]
    assert markers[0][0] == markers[1][0]
    assert markers[1][1] > markers[0][1] + 17, "the second sits below the first's name"


def test_matrix_text_alternative_gives_each_items_levels() -> None:
    details = text_alternative(parse(matrix()))
    rows = [[plain(cell) for cell in row] for row in details.findall("table/tbody/tr")]
    assert rows == [
        ["Full virtualization", "High", "Strong"],
        ["Paravirtualization", "Low (near-native)", "Strong"],
        ["Containers", "Minimal", "Weaker"],
    ]
    headers = details.findall("table/thead/tr/th")
    assert [(cell.get("scope"), plain(cell)) for cell in headers] == [
        ("col", "Method"), ("col", "Performance overhead"), ("col", "Isolation")
    ]
    assert "Minimal → Low (near-native) → High" in plain(details)


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float


def lines_and_boxes(svg: ET.Element) -> Iterator[tuple[float, float, float, list[Box]]]:
    """Each drawn line's left and right edge and baseline (set in Liberation Sans, as a
    browser with Arial's metrics would), with the boxes."""
    boxes = [
        Box(float(rect.get("x", "")), float(rect.get("y", "")),
            float(rect.get("x", "")) + float(rect.get("width", "")),
            float(rect.get("y", "")) + float(rect.get("height", "")))
        for rect in svg.iter(f"{SVG}rect")
    ]
    for text in svg.iter(f"{SVG}text"):
        size = float(text.get("font-size", ""))
        bold = text.get("font-weight") == "700"
        for tspan in text:
            width = real_width(tspan.text or "", size, bold=bold)
            x = float(tspan.get("x", ""))
            left = {"middle": x - width / 2, "end": x - width}.get(text.get("text-anchor", ""), x)
            yield left, left + width, float(tspan.get("y", "")), boxes


def assert_no_line_overflows(figure: ET.Element) -> None:
    svg = svg_of(figure)
    _, _, view_width, _ = (float(number) for number in svg.get("viewBox", "").split())
    for left, right, baseline, boxes in lines_and_boxes(svg):
        assert left >= 0
        assert right <= view_width
        for box in boxes:
            if box.left <= left < box.right and box.top <= baseline <= box.bottom:
                assert right <= box.right, "a line runs out of its box"


def long_ranking() -> Dataset:
    tiers = tuple(Tier(rank, f"Tier {rank}: {LONG}", LONG, notes=(LONG, LONG))
                  for rank in range(1, 4))
    return ranked(tiers=tiers, apart=(Apart(LONG, LONG, notes=(LONG,)),), first=LONG, last=LONG)


def test_long_labels_wrap_inside_their_boxes() -> None:
    figure = parse(ranking(long_ranking()))
    assert_no_line_overflows(figure)
    texts = list(svg_of(figure).iter(f"{SVG}text"))
    assert max(len(text) for text in texts) >= 3, "long texts take several lines"
    drawn = squeezed(svg_text(figure))
    # 3 tiers of name, verdict and 2 notes; the apart entry's name, verdict and note; the
    # labels of first and last.
    assert drawn.count(squeezed(LONG)) == 3 * 4 + 3 + 2, "wrapping loses no character"
    long_matrix = methods(names=(LONG, "Paravirtualization", "Containers"), level_label=LONG)
    assert_no_line_overflows(parse(matrix(long_matrix)))


def test_markup_in_data_is_escaped_in_svg_and_text() -> None:
    hostile = '<script>alert(1)</script>" onload="alert(2)'
    tiers = (Tier(1, hostile, hostile, notes=(hostile,)),)
    for markup in (
        ranking(ranked(tiers=tiers, apart=(Apart(hostile, hostile),), first=hostile,
                       last=hostile, description=hostile), caption=hostile),
        matrix(methods(names=(hostile, "B", "C"), level_label=hostile), caption=hostile),
    ):
        figure = parse(markup)
        assert not [element for element in figure.iter() if element.tag.endswith("script")]
        assert all("onload" not in element.attrib for element in figure.iter())
        assert hostile in plain(figure)


any_text = st.text(max_size=30)


@settings(max_examples=60, deadline=None)
@given(name=any_text, verdict=any_text, note=any_text, apart=any_text, first=any_text,
       last=any_text, caption=any_text, description=any_text)
def test_any_text_in_a_ranking_renders_well_formed_and_is_drawn(
    name: str, verdict: str, note: str, apart: str, first: str, last: str, caption: str,
    description: str,
) -> None:
    dataset = ranked(tiers=(Tier(1, name, verdict, notes=(note,)),),
                     apart=(Apart(apart, verdict),), first=first, last=last,
                     description=description)
    figure = parse(ranking(dataset, caption=caption))
    drawn = squeezed(svg_text(figure))
    described = squeezed(plain(text_alternative(figure)))
    for value in (name, verdict, note, apart, first, last):
        expected = squeezed(to_plain(value))
        assert expected in drawn
        assert expected in described
    assert squeezed(to_plain(caption)) in squeezed(plain(only(figure, "figcaption")))
    svg = svg_of(figure)
    assert squeezed(plain(only(svg, f"{SVG}title"))) == squeezed(to_plain(caption))
    if squeezed(description):
        assert squeezed(plain(only(svg, f"{SVG}desc"))) == squeezed(to_plain(description))
    assert_no_line_overflows(figure)


@settings(max_examples=60, deadline=None)
@given(names=st.tuples(any_text, any_text, any_text), level_label=any_text, caption=any_text)
def test_any_text_in_a_matrix_renders_well_formed_and_is_drawn(
    names: tuple[str, str, str], level_label: str, caption: str,
) -> None:
    figure = parse(matrix(methods(names=names, level_label=level_label), caption=caption))
    drawn = squeezed(svg_text(figure))
    described = squeezed(plain(text_alternative(figure)))
    for value in (*names, level_label):
        expected = squeezed(to_plain(value))
        assert expected in drawn
        assert expected in described
    assert_no_line_overflows(figure)


# In the built site, in a real browser: whether every drawn line of text stays inside its box
# in the fonts Chromium actually uses, and its contrast against what is behind it. (The
# contrast of the screen schemes is also checked by tests/browser/test_diagrams.py; here it
# shows that print forces black on white even when the reader's scheme is dark.)
DRAWN_TEXT = """() => {
  const parse = (colour) => {
    const parts = colour.match(/rgba?\\(([^)]+)\\)/)[1].split(/[\\s,\\/]+/).filter(Boolean)
      .map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top, bottom) =>
    [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const luminance = (colour) => {
    const [r, g, b] = colour.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const background = (element) => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const colour = parse(getComputedStyle(e).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] === 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const lines = [];
  for (const svg of document.querySelectorAll("svg.compare-diagram__svg")) {
    const page = background(svg);
    for (const text of svg.querySelectorAll("text")) {
      text.scrollIntoView({block: "center"});
      const fill = parse(getComputedStyle(text).fill);
      const frame = svg.getBoundingClientRect();
      for (const span of text.querySelectorAll("tspan")) {
        const box = span.getBoundingClientRect();
        if (!box.width) continue;
        const shape = document.elementsFromPoint(box.x + box.width / 2, box.y + box.height / 2)
          .find(e => ["rect", "circle"].includes(e.tagName) && svg.contains(e));
        const behind = shape ? over(parse(getComputedStyle(shape).fill), page) : page;
        const area = shape ? shape.getBoundingClientRect() : frame;
        lines.push({
          text: span.textContent,
          within: shape ? shape.getAttribute("class") : "svg",
          contrast: contrast(over(fill, behind), behind),
          overflow: Math.max(area.left - box.left, box.right - area.right),
        });
      }
    }
  }
  return lines;
}"""


def pages_with(site: Path, marker: str) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if marker in path.read_text("utf-8"))


@pytest.mark.browser
@pytest.mark.parametrize(("scheme", "media"), [("light", "screen"), ("dark", "print")])
def test_diagram_text_stays_in_its_box_and_prints_black_on_white(
    browser: Any, site: Path, scheme: str, media: str
) -> None:
    pages = pages_with(site, "compare-diagram__svg")
    assert {"compare-ranking", "compare-matrix"} <= {
        kind for path in pages for kind in ("compare-ranking", "compare-matrix")
        if f"compare-diagram {kind}" in path.read_text("utf-8")
    }
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        page.emulate_media(media=media)
        problems = []
        for path in pages:
            page.goto(path.as_uri())
            lines = page.evaluate(DRAWN_TEXT)
            assert lines, path
            problems += [
                f"{path.relative_to(site)}: {line['text']!r} in {line['within']}: "
                f"contrast {line['contrast']:.2f}, overflow {line['overflow']:.1f}px"
                for line in lines if line["contrast"] < 4.5 or line["overflow"] > 0.5
            ]
    finally:
        context.close()
    assert problems == [], "\n".join(problems)
