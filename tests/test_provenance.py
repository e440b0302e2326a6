"""Provenance and qualifiers: what these notes added is marked, with a legend, wherever a
fact is shown; what a value holds only with goes with it everywhere."""

from __future__ import annotations

import re
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT
from mkdocs_compare.data.load import load_datasets
from mkdocs_compare.data.model import Dataset, Source
from mkdocs_compare.errors import DataError
from mkdocs_compare.render.matrix import render_matrix
from mkdocs_compare.render.notes import LEGEND, MARK
from mkdocs_compare.render.ranking import render_ranking
from mkdocs_compare.render.table import render_table

DATA = textwrap.dedent("""\
    title: Fruit compared
    scales:
      grade:
        label: Grade
        levels:
          - id: low
            label: Low
          - id: high
            label: High
    fields:
      taste:
        label: Taste
        type: text
      grade:
        label: Grade
        type: scale
        scale: grade
      pairs:
        label: Pairs with
        type: text
        source: notes
    items:
      - id: apple
        name: Apple
        taste: Sweet
        grade:
          value: high
          qualifier: when ripe
        pairs: Cheese
      - id: lemon
        name: Lemon
        taste:
          value: Sour
          source: notes
        grade: low
        pairs: Fish
      - id: quince
        name: Quince
        source: notes
        taste: Tart
        grade: low
        pairs: Honey
    ranking:
      title: Best fruit
      first: Best
      last: Worst
      tiers:
        - rank: 1
          item: apple
          verdict: Crisp.
        - rank: 2
          item: lemon
          verdict: Too sour.
          source: notes
      apart:
        - item: quince
          verdict: Rarely eaten raw.
    """)


def load(tmp_path: Path, text: str = DATA) -> Dataset:
    (tmp_path / "fruit.yml").write_text(text)
    return load_datasets(tmp_path, tmp_path)["fruit"]


def plain(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def marked(element: ET.Element) -> bool:
    return any(node.get("class") == "compare-provenance" for node in element.iter())


def test_sources_are_read_at_every_level(tmp_path: Path) -> None:
    fruit = load(tmp_path)
    apple, lemon, quince = fruit.items
    taste, grade, pairs = fruit.fields.values()
    assert fruit.source_of(apple, taste) is Source.LECTURE
    assert fruit.source_of(apple, pairs) is Source.NOTES
    assert fruit.source_of(lemon, taste) is Source.NOTES
    assert fruit.source_of(quince, grade) is Source.NOTES
    assert apple.qualifiers == {"grade": "when ripe"}
    assert apple.values["grade"] == "high"
    ranking = fruit.ranking
    assert ranking is not None
    assert [ranking.source_of(tier, fruit) for tier in ranking.tiers] == [Source.LECTURE,
                                                                           Source.NOTES]


def test_a_table_marks_what_the_notes_added_once_and_explains_the_mark(tmp_path: Path) -> None:
    fruit = load(tmp_path)
    root = ET.fromstring(render_table(fruit, {"fruit": fruit}, items=["apple", "lemon", "quince"],
                                      fields=["taste", "grade", "pairs"],
                                      orientation="rows", caption="Fruit"))
    rows = {plain(th): row for row in root.iter("tr") if (th := row.find("th")) is not None}
    headers = {plain(th): th for th in root.iter("th")}
    assert marked(headers[f"Pairs with{MARK} (added in these notes)"])
    assert marked(headers[f"Quince{MARK} (added in these notes)"])
    assert not marked(headers["Apple"])
    apple_cells = rows["Apple"].findall("td")
    assert [marked(cell) for cell in apple_cells] == [False, False, False]
    assert plain(apple_cells[1]) == "●● High (when ripe)"
    lemon_cells = rows["Lemon"].findall("td")
    assert [marked(cell) for cell in lemon_cells] == [True, False, False]
    # A row or column whose header is marked needs no mark in each cell.
    quince = next(row for name, row in rows.items() if name.startswith("Quince"))
    assert not any(marked(cell) for cell in quince.findall("td"))
    legend = root.find("table/tfoot")
    assert legend is not None
    assert f"{MARK} {LEGEND}" in plain(legend)


def test_a_table_without_anything_added_has_no_legend(tmp_path: Path) -> None:
    fruit = load(tmp_path)
    root = ET.fromstring(render_table(fruit, {"fruit": fruit}, items=["apple"],
                                      fields=["taste"], orientation="rows", caption="Fruit"))
    assert root.find("table/tfoot") is None
    assert MARK not in plain(root)


def test_a_ranking_marks_entries_in_the_drawing_the_text_alternative_and_its_desc(
    tmp_path: Path,
) -> None:
    fruit = load(tmp_path)
    html = render_ranking(fruit, caption="Best fruit", diagram_id="r")
    root = ET.fromstring(html)
    svg = "{http://www.w3.org/2000/svg}"
    drawing = " ".join("".join(t.itertext()) for t in root.iter(f"{svg}text"))
    assert f"Lemon {MARK}" in drawing
    assert f"Apple {MARK}" not in drawing
    assert f"{MARK} {LEGEND}" in drawing
    desc = root.find(f".//{svg}desc")
    assert desc is not None
    assert "2. Lemon (added in these notes)" in (desc.text or "")
    text = root.find(".//details")
    assert text is not None
    items = {plain(li).split(":")[0]: li for li in text.iter("li")}
    assert marked(items[f"Lemon{MARK} (added in these notes)"])
    assert f"{MARK} {LEGEND}" in plain(text)


def test_a_matrix_carries_qualifiers_and_marks_everywhere(tmp_path: Path) -> None:
    fruit = load(tmp_path)
    html = render_matrix(fruit, x="grade", y="grade", items=["apple", "lemon", "quince"],
                         caption="Grades", diagram_id="m")
    root = ET.fromstring(html)
    svg = "{http://www.w3.org/2000/svg}"
    drawing = " ".join("".join(t.itertext()) for t in root.iter(f"{svg}text"))
    assert "Grade:when ripe" in drawing.replace(": ", ":")
    assert f"Quince {MARK}" in drawing
    assert f"{MARK} {LEGEND}" in drawing
    desc = root.find(f".//{svg}desc")
    assert desc is not None
    assert "Apple: Grade High (when ripe)" in (desc.text or "")
    assert "Quince (added in these notes)" in (desc.text or "")
    rows = {plain(th): row for row in root.iter("tr") if (th := row.find("th")) is not None}
    assert plain(rows["Apple"].findall("td")[0]) == "High (when ripe)"
    assert all(marked(cell) for cell in rows["Quince"].findall("td"))


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        ("    source: notes\nitems:", "    source: blog\nitems:", "source: blog",
         "`source` of field `pairs` is `blog`; write `notes` (added in these notes) or "
         "`lecture` (from the lecture, the default)"),
        ("      qualifier: when ripe", "      note: when ripe", "note: when ripe",
         "unknown key `note` in `grade` of item `apple`; expected one of: value, qualifier, "
         "source"),
        ("    grade:\n      value: high\n      qualifier: when ripe",
         "    grade:\n      qualifier: when ripe\n      source: notes",
         "qualifier: when ripe\n      source",
         "`grade` of item `apple` is missing `value`; add a line `value: ...`"),
        ("      verdict: Too sour.\n      source: notes",
         "      verdict: Too sour.\n      source: [notes]", "[notes]",
         "`source` of entry 2 of `tiers` must be text, not a list; write it on one line"),
    ],
)
def test_a_bad_source_or_qualifier_is_a_located_error(
    tmp_path: Path, old: str, new: str, at: str, message: str
) -> None:
    text = DATA.replace(old, new, 1)
    assert text != DATA
    line = text[: text.index(at)].count("\n") + 1
    with pytest.raises(DataError) as caught:
        load(tmp_path, text)
    assert str(caught.value).startswith(f"fruit.yml:{line}: "), str(caught.value)
    assert message in str(caught.value)


def test_the_lectures_data_marks_what_the_notes_added_and_carries_the_qualifiers(
    site: Path,
) -> None:
    methods = (site / "virtualization" / "methods" / "index.html").read_text(encoding="utf-8")
    assert "without hardware assistance" in methods
    assert "from the host; not designed for secure, multi-tenant production" in methods
    matrix = re.search(r'<figure class="compare-diagram compare-matrix".*?</figure>', methods,
                       re.S)
    assert matrix is not None
    drawing = re.sub(r"<[^>]+>", " ", matrix[0].split("</svg>")[0])
    assert "Performance overhead: without hardware assistance" in " ".join(drawing.split())
    assert LEGEND in matrix[0]
    security = (site / "virtualization" / "security" / "index.html").read_text(encoding="utf-8")
    assert "compare-provenance" in security
    source = (ROOT / "docs" / "data" / "challenges.yml").read_text(encoding="utf-8")
    assert "source: notes" in source
