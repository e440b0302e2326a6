"""Comparison tables: semantic structure, every field type, escaping, any text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st
from render_samples import challenges, methods, parse, plain, squeezed

from mkdocs_compare.data.inline import to_plain
from mkdocs_compare.data.model import Dataset
from mkdocs_compare.render.table import Orientation, render_table

ALL_FIELDS = ["how", "isolation", "overhead", "pros", "risks", "examples"]


def table(
    dataset: Dataset | None = None,
    *,
    items: list[str] | None = None,
    fields: list[str] | None = None,
    orientation: Orientation = "columns",
    caption: str = "Methods at a glance",
) -> ET.Element:
    dataset = dataset or methods()
    datasets = {"methods": dataset, "challenges": challenges()}
    html = render_table(
        dataset, datasets, items=items or [item.id for item in dataset.items],
        fields=fields or ALL_FIELDS, orientation=orientation, caption=caption,
    )
    return parse(html)


def cell(root: ET.Element, row_header: str, column: int) -> ET.Element:
    """The `column`-th data cell (0-based) of the row whose header reads `row_header`."""
    for row in root.iter("tr"):
        header = row.find("th")
        if header is not None and header.get("scope") == "row" and plain(header) == row_header:
            return row.findall("td")[column]
    raise AssertionError(f"no row {row_header!r}")


def test_one_root_holding_one_captioned_table() -> None:
    root = table()
    assert root.tag == "div"
    assert "compare-table" in root.get("class", "").split()
    tables = root.findall("table")
    assert len(tables) == 1
    # A class keeps Material's script from wrapping and measuring the table again: the
    # plugin's own box already scrolls it, and compare.css styles it.
    assert tables[0].get("class") == "compare-table__grid"
    caption = tables[0].find("caption")
    assert caption is not None
    assert plain(caption) == "Methods at a glance"


def test_items_as_columns_fields_as_row_headers() -> None:
    root = table(orientation="columns")
    head = root.findall("table/thead/tr")
    assert len(head) == 1
    header_cells = [cell for cell in head[0] if cell.tag == "th"]
    assert [cell.get("scope") for cell in header_cells] == ["col"] * 3
    assert [plain(cell) for cell in header_cells] == [
        "Full virtualization", "Paravirtualization", "Containers"
    ]
    row_headers = root.findall("table/tbody/tr/th")
    assert [header.get("scope") for header in row_headers] == ["row"] * 6
    assert [plain(header) for header in row_headers] == [
        "How it works", "Isolation", "Performance overhead", "Pros", "Risks", "Examples"
    ]
    assert all(len(row.findall("td")) == 3 for row in root.findall("table/tbody/tr"))


def test_items_as_rows_fields_as_column_headers() -> None:
    root = table(orientation="rows")
    header_cells = root.findall("table/thead/tr/th")
    assert [cell.get("scope") for cell in header_cells] == ["col"] * 7
    assert [plain(cell) for cell in header_cells] == [
        "Method", "How it works", "Isolation", "Performance overhead", "Pros", "Risks",
        "Examples",
    ]
    row_headers = root.findall("table/tbody/tr/th")
    assert [(header.get("scope"), plain(header)) for header in row_headers] == [
        ("row", "Full virtualization"), ("row", "Paravirtualization"), ("row", "Containers")
    ]


def test_chosen_items_and_fields_in_the_chosen_order() -> None:
    root = table(items=["m2", "m0"], fields=["overhead", "how"])
    assert [plain(cell) for cell in root.findall("table/thead/tr/th")] == [
        "Containers", "Full virtualization"
    ]
    assert [plain(cell) for cell in root.findall("table/tbody/tr/th")] == [
        "Performance overhead", "How it works"
    ]


def test_text_cells_render_inline_markup() -> None:
    how = cell(table(), "How it works", 0)
    strong = how.find("strong")
    assert strong is not None
    assert strong.text == "fully"
    assert plain(how) == "The hypervisor fully simulates the hardware."


def test_list_cells_are_bulleted_lists() -> None:
    pros = cell(table(), "Pros", 1)
    entries = pros.findall("ul/li")
    assert [plain(entry) for entry in entries] == ["Strong isolation.", "Runs unmodified guests."]


def test_ratings_are_a_symbol_and_a_word() -> None:
    root = table()
    high = cell(root, "Performance overhead", 0)
    symbol = high.find(".//*[@class='compare-rating__symbol']")
    assert symbol is not None
    assert symbol.get("aria-hidden") == "true"
    assert symbol.text == "●●●"
    assert plain(high).split() == ["●●●", "High"]
    lowest = cell(root, "Performance overhead", 2)
    assert plain(lowest).split() == ["●○○", "Minimal"]
    strong = cell(root, "Isolation", 0)
    assert plain(strong).split() == ["●●", "Strong"]


def test_what_the_levels_shown_mean_is_in_the_legend_not_in_a_title() -> None:
    root = table()
    assert all("title" not in element.attrib for element in root.iter())
    legend = [" ".join(plain(entry).split())
              for entry in root.findall("table/tfoot/tr/td/ul/li")]
    # Only the levels shown that have a description, in the order of the fields and levels.
    assert legend == ["●○ Weaker (Isolation): The kernel is shared.",
                      "●●● High (Performance overhead): Full simulation of the hardware."]


def test_references_show_the_referenced_items_names() -> None:
    risks = cell(table(), "Risks", 0)
    assert [plain(entry) for entry in risks.findall("ul/li")] == [
        "VM/container escape", "Resource exhaustion (DoS)"
    ]


def test_a_missing_optional_value_is_a_dash_that_says_not_given() -> None:
    root = table()
    given_value = cell(root, "Examples", 0)
    assert [plain(entry) for entry in given_value.findall("ul/li")] == ["VMware ESXi", "KVM"]
    missing = cell(root, "Examples", 1)
    dash, words = list(missing)
    assert (dash.text, dash.get("aria-hidden")) == ("—", "true")
    assert (words.text, words.get("class")) == ("not given", "compare-visually-hidden")


def test_markup_in_data_is_escaped_everywhere() -> None:
    hostile = '<script>alert(1)</script>" onload="alert(2)'
    dataset = methods(names=(hostile, "B", "C"), how=hostile, pros=(hostile,),
                      level_label=hostile, field_label=hostile)
    for orientation in ("columns", "rows"):
        root = table(dataset, orientation=orientation, caption=hostile)
        assert root.find(".//script") is None
        assert all("onload" not in element.attrib for element in root.iter())
        text = plain(root)
        assert text.count(hostile) == 1 + 1 + 1 + 3 + 3 + 1 + 1
        # caption, item name, field label, 3 `how` cells, 3 `pros` entries, 1 rating label,
        # and that level's entry in the legend


any_text = st.text(max_size=40)


@settings(max_examples=80, deadline=None)
@given(names=st.tuples(any_text, any_text, any_text), how=any_text,
       pros=st.lists(any_text, min_size=1, max_size=3), level_label=any_text,
       field_label=any_text, caption=any_text, orientation=st.sampled_from(["columns", "rows"]))
def test_any_text_renders_well_formed_and_keeps_the_text(
    names: tuple[str, str, str], how: str, pros: list[str], level_label: str,
    field_label: str, caption: str, orientation: Orientation,
) -> None:
    dataset = methods(names=names, how=how, pros=tuple(pros), level_label=level_label,
                      field_label=field_label)
    root = table(dataset, orientation=orientation, caption=caption)
    text = squeezed(plain(root))
    for value in (*names, how, *pros, level_label, field_label, caption):
        assert squeezed(to_plain(value)) in text
