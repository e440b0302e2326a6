"""Markdown in, HTML out: the `compare-*` fences through Python-Markdown and SuperFences."""

from __future__ import annotations

import dataclasses
import re
import textwrap
from pathlib import Path
from xml.etree import ElementTree

import markdown
import pytest

from mkdocs_compare.data.fields import LIST, SCALE, TEXT
from mkdocs_compare.data.model import Dataset, Field, Item, Level, Ranking, Scale, Tier
from mkdocs_compare.errors import CompareError
from mkdocs_compare.extension import BlockRenderError, CompareExtension, PageSource

GRADES = Scale("grade", "Grade", (Level("low", "Low"), Level("high", "High")))
FRUIT = Dataset(
    id="fruit",
    path="docs/data/fruit.yml",
    title="Fruit compared",
    item_label="Fruit",
    fields={
        "taste": Field("taste", "Taste", TEXT),
        "grade": Field("grade", "Grade", SCALE, scale="grade"),
        "uses": Field("uses", "Uses", LIST, required=False),
    },
    items=(
        Item("apple", "Apple", {"taste": "Sweet VM", "grade": "high", "uses": ("Pie",)}, 5),
        Item("lemon", "Lemon", {"taste": "Sour", "grade": "low"}, 9),
    ),
    scales={"grade": GRADES},
    ranking=Ranking("Best fruit", "Best", "Worst", (Tier(1, "Apple", "Crisp.", "apple"),)),
)
DATASETS = {"fruit": FRUIT}


def convert(text: str, page: PageSource | None = None, *extensions: str) -> str:
    extension = CompareExtension(datasets=DATASETS)
    extension.page = page
    md = markdown.Markdown(extensions=["pymdownx.superfences", *extensions, extension])
    return md.convert(text)


def page_file(folder: Path, name: str, text: str) -> PageSource:
    """A page written to disk, as the MkDocs plugin hands it to the extension."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return PageSource(name, path)


def fence(name: str, body: str) -> str:
    return f"```{name}\n{body}\n```\n"


def test_table_fence_becomes_a_table_in_the_tree() -> None:
    html = convert("Intro\n\n" + fence("compare-table", "dataset: fruit\nitems: [lemon]"))
    tables = re.findall(r"<table.*?</table>", html, re.S)
    assert len(tables) == 1
    table = ElementTree.fromstring(tables[0])
    assert "Lemon" in "".join(table.itertext())
    assert "Apple" not in "".join(table.itertext())
    assert "wzxhzdk" not in html


def test_abbreviations_reach_table_text_but_not_diagrams() -> None:
    text = (
        fence("compare-table", "dataset: fruit")
        + "\n"
        + fence("compare-ranking", "dataset: fruit")
        + "\n*[VM]: Virtual machine\n"
    )
    html = convert(text, None, "abbr")
    table = re.search(r"<table.*?</table>", html, re.S)
    assert table is not None
    assert '<abbr title="Virtual machine">VM</abbr>' in table[0]
    svg = re.search(r"<svg.*?</svg>", html, re.S)
    assert svg is not None
    assert "<abbr" not in svg[0]


def test_two_diagrams_on_a_page_get_distinct_ids() -> None:
    html = convert(fence("compare-ranking", "dataset: fruit") + "\n"
                   + fence("compare-ranking", "dataset: fruit"))
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert ids
    assert len(ids) == len(set(ids))


def test_output_is_identical_from_run_to_run() -> None:
    text = fence("compare-ranking", "dataset: fruit") + fence("compare-table", "dataset: fruit")
    assert convert(text) == convert(text)


def test_other_fences_are_left_to_superfences() -> None:
    html = convert(fence("yaml", "dataset: fruit"))
    assert "<table" not in html
    assert "dataset" in html


PAGE = """---
title: Front matter counts
---
# A page

Some text.

```compare-table
dataset: fruit
items: [apple, pear]
```
"""


@pytest.mark.parametrize(
    ("body", "line", "phrase"),
    [
        ("dataset: vegetables", 1, "unknown dataset `vegetables`; the datasets are: fruit"),
        ("dataset: fruit\nitems: [apple, pear]", 2, "no item `pear`; its items are: apple, lemon"),
        ("dataset: fruit\nfields: [taste, colour]", 2, "has no field `colour`"),
        ("dataset: fruit\norientation: up", 2, "write `columns` (items as columns) or `rows`"),
        ("dataset: fruit\ncolour: red", 2, "unknown key `colour`"),
        ("items: [apple]", 1, "is missing `dataset`"),
        ("dataset: [fruit", 1, "malformed YAML"),
        ("", 1, "block is empty"),
        ("dataset: fruit\nitems: [apple, apple]", 2, "listed twice"),
    ],
)
def test_bad_table_blocks_name_page_line_and_fix(
    tmp_path: Path, body: str, line: int, phrase: str
) -> None:
    text = f"# Title\n\n```compare-table\n{body}\n```\n"
    with pytest.raises(BlockRenderError) as caught:
        convert(text, page_file(tmp_path, "docs/page.md", text))
    assert str(caught.value).startswith(f"docs/page.md:{3 + line}: ")
    assert phrase in str(caught.value)
    assert isinstance(caught.value.__cause__, CompareError)


def test_line_numbers_count_front_matter(tmp_path: Path) -> None:
    body = PAGE.split("---\n", 2)[2]
    with pytest.raises(BlockRenderError, match=r"^docs/p\.md:10: .*no item `pear`"):
        convert(body, page_file(tmp_path, "docs/p.md", PAGE))


def test_an_example_shown_in_a_longer_fence_is_not_the_block(tmp_path: Path) -> None:
    bad = fence("compare-table", "dataset: fruit\nitems: [pear]")
    text = f"# Guide\n\n````markdown\n{bad}````\n\nRenders as:\n\n{bad}"
    with pytest.raises(BlockRenderError, match=r"^p\.md:14: .*no item `pear`"):
        convert(text, page_file(tmp_path, "p.md", text))


def test_a_header_option_is_reported_at_the_fence(tmp_path: Path) -> None:
    text = '# Title\n\n```compare-table caption="x"\ndataset: fruit\n```\n'
    with pytest.raises(BlockRenderError, match=r"^p\.md:3: nothing may follow `compare-table`"):
        convert(text, page_file(tmp_path, "p.md", text))


def test_blocks_nested_in_other_blocks_are_located(tmp_path: Path) -> None:
    text = (
        fence("compare-table", "dataset: fruit")
        + '\n=== "Tab"\n\n'
        + textwrap.indent(fence("compare-matrix", "dataset: fruit\nx: taste\ny: grade"), "    ")
    )
    with pytest.raises(BlockRenderError, match=r"^p\.md:9: `x` must name a scale field"):
        convert(text, page_file(tmp_path, "p.md", text), "pymdownx.tabbed")


def test_ranking_needs_a_dataset_with_a_ranking() -> None:
    without = dataclasses.replace(FRUIT, id="plain", path="plain.yml", ranking=None)
    extension = CompareExtension(datasets={"plain": without})
    md = markdown.Markdown(extensions=["pymdownx.superfences", extension])
    with pytest.raises(BlockRenderError, match=r"no `ranking`; add one to plain\.yml"):
        md.convert(fence("compare-ranking", "dataset: plain"))


def test_missing_superfences_is_explained() -> None:
    with pytest.raises(BlockRenderError, match=r"needs `pymdownx\.superfences`"):
        markdown.Markdown(extensions=[CompareExtension(datasets=DATASETS)])


def test_data_cannot_set_attributes_through_attr_list() -> None:
    hostile = dataclasses.replace(
        FRUIT.items[1], values={**FRUIT.items[1].values, "taste": 'Sour {: onclick="alert(1)" }'}
    )
    extension = CompareExtension(
        datasets={"fruit": dataclasses.replace(FRUIT, items=(FRUIT.items[0], hostile))}
    )
    # attr_list registered after the compare extension: the order that would expose the data.
    md = markdown.Markdown(extensions=["pymdownx.superfences", extension, "attr_list"])
    html = md.convert(fence("compare-table", "dataset: fruit"))
    table = ElementTree.fromstring(html)
    assert not [element for element in table.iter() if "onclick" in element.attrib]
    assert '{: onclick="alert(1)" }' in "".join(table.itertext())
