"""`load.load_datasets`: data files in, the exact model out, or a `DataError` that locates."""

from __future__ import annotations

import copy
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_compare.data.fields import LIST, REFS, SCALE, TEXT, FieldType
from mkdocs_compare.data.load import DataStore, load_datasets
from mkdocs_compare.data.model import (
    Apart,
    Dataset,
    Field,
    Item,
    Level,
    Ranking,
    Scale,
    Tier,
    Value,
)
from mkdocs_compare.data.ranking import MAX_RANK
from mkdocs_compare.errors import DataError

FRUIT = """\
title: Fruit compared
description: Some *fruit*.
item_label: Fruit
scales:
  grade:
    label: Grade
    levels:
      - id: low
        label: Low
      - id: high
        label: High
        description: The best.
fields:
  taste:
    label: Taste
    type: text
    description: How it tastes.
  grade:
    label: Grade
    type: scale
    scale: grade
  uses:
    label: Uses
    type: list
    required: false
  sold_by:
    label: Sold by
    type: refs
    dataset: shops
items:
  - id: apple
    name: Apple
    taste: Sweet
    grade: high
    uses:
      - Pie
      - Juice
    sold_by: [market]
  - id: lemon
    name: Lemon
    taste: Sour
    grade: low
    sold_by: [market, grocer]
ranking:
  title: Best fruit
  description: Which fruit wins.
  first: Best
  last: Worst
  tiers:
    - rank: 2
      item: lemon
      verdict: Sharp.
    - rank: 1
      item: apple
      verdict: Crisp.
      notes:
        - Keeps well.
    - rank: 3
      name: Durian
      verdict: Divisive.
  apart:
    - name: Tomato
      verdict: A fruit, but not here.
"""

SHOPS = """\
title: Shops
fields:
  where:
    label: Where
    type: text
items:
  - id: market
    name: Market
    where: The square
  - id: grocer
    name: Grocer
    where: The corner
"""

MARK = "#<"
"""Ends the line that an error is expected on, in the cases below."""


def write_data(folder: Path, files: dict[str, str]) -> Path:
    data = folder / "docs" / "data"
    data.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (data / name).write_text(text, encoding="utf-8")
    return data


def load(folder: Path, files: dict[str, str]) -> dict[str, Dataset]:
    return load_datasets(write_data(folder, files), folder)


def test_a_valid_dataset_loads_into_the_exact_model(tmp_path: Path) -> None:
    datasets = load(tmp_path, {"fruit.yml": FRUIT, "shops.yml": SHOPS})
    assert list(datasets) == ["fruit", "shops"]
    assert datasets["fruit"] == Dataset(
        id="fruit",
        path="docs/data/fruit.yml",
        title="Fruit compared",
        description="Some *fruit*.",
        item_label="Fruit",
        scales={"grade": Scale("grade", "Grade", (
            Level("low", "Low"), Level("high", "High", "The best.")
        ))},
        fields={
            "taste": Field("taste", "Taste", TEXT, description="How it tastes."),
            "grade": Field("grade", "Grade", SCALE, scale="grade"),
            "uses": Field("uses", "Uses", LIST, required=False),
            "sold_by": Field("sold_by", "Sold by", REFS, dataset="shops"),
        },
        items=(
            Item("apple", "Apple", {"taste": "Sweet", "grade": "high",
                                    "uses": ("Pie", "Juice"), "sold_by": ("market",)}, 31),
            Item("lemon", "Lemon", {"taste": "Sour", "grade": "low",
                                    "sold_by": ("market", "grocer")}, 39),
        ),
        ranking=Ranking(
            title="Best fruit",
            description="Which fruit wins.",
            first="Best",
            last="Worst",
            tiers=(
                Tier(1, "Apple", "Crisp.", "apple", ("Keeps well.",)),
                Tier(2, "Lemon", "Sharp.", "lemon"),
                Tier(3, "Durian", "Divisive."),
            ),
            apart=(Apart("Tomato", "A fruit, but not here."),),
        ),
    )
    assert list(datasets["fruit"].fields) == ["taste", "grade", "uses", "sold_by"]
    assert datasets["shops"].item_label == "Item"
    assert datasets["shops"].ranking is None
    assert datasets["shops"].scales == {}


def test_files_load_in_name_order_and_yaml_suffix_counts(tmp_path: Path) -> None:
    files = {"shops.yaml": SHOPS, "fruit.yml": FRUIT, ".fruit.yml.swp.yml": "junk: [",
             "notes.txt": "not data"}
    assert list(load(tmp_path, files)) == ["fruit", "shops"]


def test_model_helpers(tmp_path: Path) -> None:
    fruit = load(tmp_path, {"fruit.yml": FRUIT, "shops.yml": SHOPS})["fruit"]
    scale = fruit.scales["grade"]
    assert [scale.position("low"), scale.position("high")] == [0, 1]
    assert scale.level("high").description == "The best."
    assert fruit.item("lemon").name == "Lemon"
    with pytest.raises(KeyError, match="no level `medium`"):
        scale.position("medium")
    with pytest.raises(KeyError, match="no item `pear`"):
        fruit.item("pear")


def edited(old: str, new: str) -> str:
    assert FRUIT.count(old) == 1, old
    return FRUIT.replace(old, new)


def marked_line(text: str) -> int:
    """The line of `text` that ends with MARK: where the case expects its error."""
    marked = [number for number, line in enumerate(text.splitlines(), 1) if line.endswith(MARK)]
    assert len(marked) == 1, text
    return marked[0]


# Each case edits the valid FRUIT file: (old text, new text, a phrase the message must hold).
# The error is expected on the line that ends with MARK (a YAML comment).
BAD_FRUIT = {
    "malformed YAML": ("    taste: Sweet\n", f"    taste: Sweet: really {MARK}\n",
                       "malformed YAML: mapping values are not allowed here; put quotes around"),
    "tab indentation": ("    taste: Sour\n", f"\ttaste: Sour {MARK}\n", "not tabs"),
    "unclosed bracket": ("    sold_by: [market]\n", f"    sold_by: [market {MARK}\n",
                         "close the bracket opened on this line"),
    "two documents": ("ranking:\n", f"--- {MARK}\nranking:\n", "remove the `---` line"),
    "no document": (FRUIT, f"{MARK}\n", "the file holds no data; a dataset needs at least "
                    "`title:`, `fields:` and `items:`"),
    "not a mapping": (FRUIT, f"- title {MARK}\n- fields\n",
                      "the dataset must be a mapping of `key: value` lines"),
    "missing title": ("title: Fruit compared\ndescription: Some *fruit*.",
                      f"description: Some *fruit*. {MARK}",
                      "the dataset is missing `title`; add a line `title: ...`"),
    "missing items": (FRUIT, f"title: Fruit {MARK}\nfields:\n  taste:\n    label: Taste\n"
                             "    type: text\n", "the dataset is missing `items`"),
    "missing name": ("  - id: lemon\n    name: Lemon\n", f"  - id: lemon {MARK}\n",
                     "item 2 is missing `name`; add a line `name: ...`"),
    "misspelt item id": ("  - id: lemon", f"  - idd: lemon {MARK}",
                         "unknown key `idd` in item 2; did you mean `id`?"),
    "missing item id": ("  - id: lemon\n    name: Lemon\n", f"  - name: Lemon {MARK}\n",
                        "item 2 is missing `id`; add a line `id: ...`"),
    "missing level label": ("      - id: low\n        label: Low\n", f"      - id: low {MARK}\n",
                            "level 1 of scale `grade` is missing `label`"),
    "missing field type": ("    label: Taste\n    type: text\n", f"    label: Taste {MARK}\n",
                           "field `taste` is missing `type`"),
    "missing ranking first": ("  title: Best fruit\n  description: Which fruit wins.\n"
                              "  first: Best\n", f"  title: Best fruit {MARK}\n",
                              "`ranking` is missing `first`"),
    "missing verdict": ("    - rank: 3\n      name: Durian\n      verdict: Divisive.\n",
                        f"    - rank: 3 {MARK}\n      name: Durian\n",
                        "entry 3 of `tiers` is missing `verdict`"),
    "number as text": ("title: Fruit compared", f"title: 2025 {MARK}",
                       '`title` must be text; put quotes around it if it is: "2025"'),
    "boolean as text": ("    taste: Sour", f"    taste: no {MARK}",
                        '`taste` of item `lemon` must be text; put quotes around it if it is: '
                        '"no"'),
    "list as text": ("    taste: Sour", f"    taste: [a, b] {MARK}",
                     "`taste` of item `lemon` must be text, not a list"),
    "text as list": ("    uses:\n      - Pie\n      - Juice\n", f"    uses: Pie {MARK}\n",
                     "`uses` of item `apple` must be a list (lines starting with `- `)"),
    "rank as text": ("    - rank: 3", f"    - rank: third {MARK}",
                     "`rank` of entry 3 of `tiers` must be a whole number written in digits"),
    "required not a boolean": ("    required: false", f"    required: maybe {MARK}",
                               "`required` of field `uses` must be `true` or `false`"),
    "empty text": ("    taste: Sour", f"    taste: {MARK}",
                   "`taste` of item `lemon` must not be empty"),
    "unknown top-level key": ("item_label: Fruit", f"item_lable: Fruit {MARK}",
                              "unknown key `item_lable` in the dataset; did you mean "
                              "`item_label`? expected one of: title, fields, items, description, "
                              "item_label, scales, ranking"),
    "unknown field key": ("    type: list\n", f"    type: list\n    requierd: true {MARK}\n",
                          "unknown key `requierd` in field `uses`; did you mean `required`?"),
    "unknown item key": ("    taste: Sour", f"    tastes: Sour {MARK}",
                         "unknown key `tastes` in item 2; did you mean `taste`? expected "
                         "one of: id, name, taste, grade, uses, sold_by"),
    "unknown scale key": ("    label: Grade\n    levels", f"    label: Grade\n    colour: red "
                          f"{MARK}\n    levels", "unknown key `colour` in scale `grade`; expected "
                          "one of: label, levels"),
    "unknown level key": ("        description: The best.", f"        desc: The best. {MARK}",
                          "unknown key `desc` in level 2 of scale `grade`"),
    "unknown ranking key": ("  first: Best", f"  top: Best {MARK}",
                            "unknown key `top` in `ranking`"),
    "unknown tier key": ("      verdict: Sharp.", f"      verdit: Sharp. {MARK}",
                         "unknown key `verdit` in entry 1 of `tiers`; did you mean `verdict`?"),
    "unknown apart key": ("    - name: Tomato", f"    - nam: Tomato {MARK}",
                          "unknown key `nam` in entry 1 of `apart`"),
    "no items": (FRUIT[FRUIT.index("items:"):FRUIT.index("ranking:")], f"items: [] {MARK}\n",
                 "`items` must not be empty"),
    "no fields": (FRUIT[FRUIT.index("fields:"):FRUIT.index("items:")], f"fields: {{}} {MARK}\n",
                  "`fields` must not be empty; define at least one field"),
    "no scales": (FRUIT[FRUIT.index("scales:"):FRUIT.index("fields:")], f"scales: {{}} {MARK}\n",
                  "`scales` must not be empty; define at least one scale or remove `scales`"),
    "empty list value": ("    sold_by: [market]", f"    sold_by: [] {MARK}",
                         "`sold_by` of item `apple` must not be empty"),
    "empty notes": ("      notes:\n        - Keeps well.\n", f"      notes: [] {MARK}\n",
                    "`notes` of entry 2 of `tiers` must not be empty"),
    "no tiers": (FRUIT[FRUIT.index("  tiers:"):FRUIT.index("  apart:")], f"  tiers: [] {MARK}\n",
                 "`tiers` must not be empty"),
    "bad item id": ("  - id: lemon", f"  - id: Lemon {MARK}",
                    "`id` of item 2 `Lemon` is not a valid id; use lower-case letters"),
    "bad field id": ("  taste:\n", f"  Taste: {MARK}\n", "field id `Taste` is not a valid id"),
    "bad level id": ("      - id: low", f"      - id: low level {MARK}",
                     "`id` of level 1 of scale `grade` `low level` is not a valid id"),
    "bad scale id": ("  grade:\n    label: Grade\n    levels", f"  Grade: {MARK}\n    label: Grade"
                     "\n    levels", "scale id `Grade` is not a valid id"),
    "reserved field id": ("\n  uses:\n", f"\n  name: {MARK}\n",
                          "a field cannot be called `name`: every item has an `id`, a `name` "
                          "and may have a `source` of its own; choose another field id"),
    "duplicate item id": ("  - id: lemon", f"  - id: apple {MARK}",
                          "item id `apple` is given twice (first on line 31); give each item its"
                          " own id"),
    "duplicate level id": ("      - id: high", f"      - id: low {MARK}",
                           "level `low` is given twice in scale `grade` (first on line 8)"),
    "duplicate field id": ("  sold_by:\n", f"  taste: {MARK}\n",
                           "`taste` is given twice in `fields`"),
    "duplicate rank": ("    - rank: 3", f"    - rank: 1 {MARK}",
                       "rank 1 is given twice (first on line 53); give each tier its own rank"),
    "zero rank": ("    - rank: 3", f"    - rank: 0 {MARK}",
                  "`rank` of entry 3 of `tiers` is 0; ranks start at 1"),
    "negative rank": ("    - rank: 3", f"    - rank: -3 {MARK}", "is -3; ranks start at 1"),
    "rank past the badge": ("    - rank: 3", f"    - rank: 100 {MARK}",
                            "`rank` of entry 3 of `tiers` is `100`, larger than 99; write a "
                            "whole number no larger than 99"),
    "rank of 5,000 digits": ("    - rank: 3", f"    - rank: {'7' * 5000} {MARK}",
                             "`rank` of entry 3 of `tiers` is 5,000 digits long, larger than 99"),
    "tag on a mapping": ("  grade:\n    label: Grade\n    levels:",
                         f"  grade: !scale {MARK}\n    label: Grade\n    levels:",
                         "the tag `!scale` on this mapping is not allowed: data is plain YAML; "
                         "remove `!scale`"),
    "set of sellers": ("    sold_by: [market]\n", f"    sold_by: !!set {{market}} {MARK}\n",
                       "the tag `!!set` on this mapping is not allowed"),
    "alias inside its anchor": ("    sold_by: [market]\n", f"    sold_by: &s [market, *s] {MARK}\n",
                                "the alias `*s` stands inside the list or mapping `&s` names"),
    "unknown scale": ("    scale: grade", f"    scale: grading {MARK}",
                      "field `grade` uses scale `grading`, which this file does not define; the "
                      "scales are: grade"),
    "value off its scale": ("    grade: low", f"    grade: medium {MARK}",
                            "`grade` of item `lemon` is `medium`, which is not a level of scale "
                            "`grade`; write one of: low, high"),
    "one-level scale": ("      - id: low\n        label: Low\n      - id: high\n        label: High"
                        "\n        description: The best.\n",
                        f"      - id: low {MARK}\n        label: Low\n",
                        "scale `grade` has only one level; a scale needs at least two levels"),
    "scale key on a text field": ("    type: text\n", f"    type: text\n    scale: grade {MARK}\n",
                                  "`scale` only applies to fields of type `scale`; remove it from"
                                  " field `taste` or set `type: scale`"),
    "dataset key on a list field": ("    type: list\n",
                                    f"    type: list\n    dataset: shops {MARK}\n",
                                    "`dataset` only applies to fields of type `refs`"),
    "scale field without scale": ("    label: Grade\n    type: scale\n    scale: grade\n",
                                  f"    label: Grade {MARK}\n    type: scale\n",
                                  "field `grade` has type `scale` and so needs `scale`"),
    "refs field without dataset": ("    label: Sold by\n    type: refs\n    dataset: shops\n",
                                   f"    label: Sold by {MARK}\n    type: refs\n",
                                   "field `sold_by` has type `refs` and so needs `dataset`"),
    "unknown type": ("    type: list", f"    type: lists {MARK}",
                     "`type` of field `uses` is `lists`; write one of: text, list, scale, refs"),
    "required field missing": ("  - id: lemon\n    name: Lemon\n    taste: Sour\n",
                               f"  - id: lemon {MARK}\n    name: Lemon\n",
                               "item `lemon` gives no `taste`, which every item must have; add a"
                               " line `taste: ...` or set `required: false` on field `taste`"),
    "unknown refs dataset": ("    dataset: shops", f"    dataset: shop {MARK}",
                             "field `sold_by` refers to dataset `shop`, which does not exist; the"
                             " datasets are: fruit, shops"),
    "unknown refs item": ("    sold_by: [market, grocer]", f"    sold_by: [market, baker] {MARK}",
                          "`baker` in `sold_by` is not an item of dataset `shops`; write one "
                          "of: market, grocer"),
    "refs item twice": ("    sold_by: [market, grocer]", f"    sold_by: [market, market] {MARK}",
                        "`market` is listed twice in `sold_by` of item `lemon`"),
    "tier with item and name": ("    - rank: 2\n      item: lemon\n",
                                f"    - rank: 2 {MARK}\n      item: lemon\n      name: L\n",
                                "`name` (a thing that is not an item), not both"),
    "tier with neither item nor name": ("    - rank: 3\n      name: Durian\n",
                                        f"    - rank: 3 {MARK}\n",
                                        "needs either `item` (an item id of this dataset, whose "
                                        "name is shown) or `name` (a thing that is not an item), "
                                        "not neither"),
    "unknown tier item": ("      item: lemon", f"      item: lime {MARK}",
                          "`item` of entry 1 of `tiers` is `lime`, which is not an item of this "
                          "dataset; write one of: apple, lemon"),
    "unknown apart item": ("    - name: Tomato", f"    - item: tomato {MARK}",
                           "`item` of entry 1 of `apart` is `tomato`, which is not an item"),
    "item twice in tiers": ("      item: apple", f"      item: lemon {MARK}",
                            "item `lemon` is already placed in the ranking (on line 51); an item"
                            " may appear once across `tiers` and `apart`"),
    "item in tiers and apart": ("    - name: Tomato", f"    - item: apple {MARK}",
                                "item `apple` is already placed in the ranking (on line 54)"),
}


@pytest.mark.parametrize(("old", "new", "phrase"), BAD_FRUIT.values(), ids=BAD_FRUIT.keys())
def test_bad_data_is_located_and_explained(tmp_path: Path, old: str, new: str, phrase: str) -> None:
    text = edited(old, new)
    with pytest.raises(DataError) as caught:
        load(tmp_path, {"fruit.yml": text, "shops.yml": SHOPS})
    assert str(caught.value).startswith(f"docs/data/fruit.yml:{marked_line(text)}: ")
    assert phrase in caught.value.message


def test_unknown_refs_item_is_found_whichever_file_loads_first(tmp_path: Path) -> None:
    shops = SHOPS + "ranking: {title: T, first: F, last: L, tiers: [{rank: 1, item: market, " \
                    "verdict: V}]}\n"
    # `aaa` sorts before `fruit`: it refers to a dataset not loaded yet when it is read.
    refs = "title: A\nfields:\n  f: {label: F, type: refs, dataset: fruit}\nitems:\n" \
           "  - id: a\n    name: A\n    f:\n      - apple\n      - pear\n"
    with pytest.raises(DataError, match=r"^docs/data/aaa\.yml:9: `pear` in `f` is not an item "
                                        r"of dataset `fruit`; write one of: apple, lemon$"):
        load(tmp_path, {"aaa.yml": refs, "fruit.yml": FRUIT, "shops.yml": shops})


def test_a_dataset_may_refer_to_its_own_items(tmp_path: Path) -> None:
    text = "title: T\nfields:\n  see: {label: See, type: refs, dataset: t, required: false}\n" \
           "items:\n  - {id: a, name: A, see: [b]}\n  - {id: b, name: B}\n"
    assert load(tmp_path, {"t.yml": text})["t"].items[0].values == {"see": ("b",)}


@pytest.mark.parametrize(
    ("files", "shown", "line", "phrase"),
    [
        ({"Fruit.yml": SHOPS}, "Fruit.yml", 1, "`Fruit.yml` does not name a dataset id; rename"),
        ({"shops.yaml": SHOPS, "shops.yml": SHOPS}, "shops.yml", 1,
         "dataset `shops` is also defined by docs/data/shops.yaml; keep only one"),
        ({"shops.yml": "# Shops\n\n"}, "shops.yml", 1, "the file holds no data"),
        ({"shops.yml": "title: T\nitems: x\x00\n"}, "shops.yml", 2,
         "malformed YAML: the character U+0000 is not allowed in YAML; delete it"),
    ],
)
def test_file_level_problems(
    tmp_path: Path, files: dict[str, str], shown: str, line: int, phrase: str
) -> None:
    with pytest.raises(DataError) as caught:
        load(tmp_path, files)
    assert str(caught.value).startswith(f"docs/data/{shown}:{line}: {phrase}")


def test_a_file_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    data = write_data(tmp_path, {})
    (data / "shops.yml").write_bytes(SHOPS.replace("Grocer", "Gr\xf6cer").encode("latin-1"))
    with pytest.raises(DataError, match=r"^docs/data/shops\.yml:11: the file is not UTF-8 text"):
        load_datasets(data, tmp_path)


def test_a_link_to_a_missing_data_file_is_a_located_error(tmp_path: Path) -> None:
    """A data file that is a dangling link was skipped without a word, its tables gone."""
    data = write_data(tmp_path, {"shops.yml": SHOPS})
    (data / "fruit.yml").symlink_to(tmp_path / "elsewhere" / "fruit.yml")
    with pytest.raises(DataError) as caught:
        load_datasets(data, tmp_path)
    assert str(caught.value) == (
        f"docs/data/fruit.yml:1: `fruit.yml` is a link to `{tmp_path.as_posix()}/elsewhere/"
        "fruit.yml`, which does not exist; point the link at a data file or delete it")
    signature = DataStore(data, tmp_path)._current_signature()  # no OSError from the link
    assert [entry[1:] for entry in signature if "fruit.yml" in entry[0]] == [(-1, -1)]


def test_paths_outside_the_display_root_are_shown_whole(tmp_path: Path) -> None:
    data = write_data(tmp_path, {"shops.yml": "title: [a\nfields: x\n"})
    with pytest.raises(DataError, match=f"^{data.as_posix()}/shops.yml:1: malformed YAML"):
        load_datasets(data, tmp_path / "elsewhere")


# Property-based tests: no input makes the loader fail with anything but a DataError, and
# whatever valid document is written, every text in it reaches the model unchanged.

UNICODE = st.characters(codec="utf-8")
"""Any character a UTF-8 file can hold."""
YAML_SYNTAX = st.sampled_from(":-[]{}'\"#&*!|>%@`,? \t\n")
# YAML 1.1 counts NEL, LS and PS as line breaks: PyYAML's emitter writes them raw and any
# reader then folds them like a newline, so no loader could keep them. Every other character
# must come back unchanged.
TEXTS = st.text(st.characters(codec="utf-8", exclude_characters="\x85\u2028\u2029"),
                min_size=1, max_size=30).filter(str.strip)
ANY_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(UNICODE, max_size=20),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(UNICODE, max_size=8), children, max_size=3),
    max_leaves=6,
)
FRUIT_DOCUMENT: dict[str, Any] = yaml.safe_load(FRUIT)


def load_or_fail_cleanly(text: str) -> dict[str, Dataset] | None:
    """Load `text` as `fruit.yml` (beside `shops.yml`); `None` when it is refused with a
    `DataError` located in that file. Any other exception fails the test."""
    with tempfile.TemporaryDirectory() as folder:
        try:
            return load(Path(folder), {"fruit.yml": text, "shops.yml": SHOPS})
        except DataError as error:
            refused = error
    assert refused.path == "docs/data/fruit.yml"
    assert refused.line is not None
    assert 1 <= refused.line <= len(text.splitlines()) + 1
    assert str(refused).startswith(f"docs/data/fruit.yml:{refused.line}: ")
    return None


@settings(max_examples=100, deadline=None)
@given(st.text(UNICODE) | st.text(YAML_SYNTAX | UNICODE))
def test_any_text_loads_or_raises_a_data_error(text: str) -> None:
    load_or_fail_cleanly(text)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_any_edit_of_the_text_loads_or_raises_a_data_error(data: st.DataObject) -> None:
    text = FRUIT
    for _ in range(data.draw(st.integers(1, 3))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 12)))
        text = text[:start] + data.draw(st.text(YAML_SYNTAX | UNICODE, max_size=6)) + text[end:]
    load_or_fail_cleanly(text)


def places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path (keys and indices) to every value inside `value`, itself included."""
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found += places(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += places(child, (*path, index))
    return found


def mutate(document: Any, data: st.DataObject) -> Any:
    """`document` with one random change: a value deleted, retyped, re-texted or a key added."""
    path = data.draw(st.sampled_from(places(document)))
    if not path:
        return data.draw(ANY_VALUE)
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    key = path[-1]
    action = data.draw(st.sampled_from(["delete", "replace", "text", "add key"]))
    if action == "delete":
        del parent[key]
    elif action == "replace":
        parent[key] = data.draw(ANY_VALUE)
    elif action == "text":
        parent[key] = data.draw(st.text(UNICODE, max_size=20))
    elif isinstance(parent[key], dict):
        parent[key][data.draw(st.text(UNICODE, min_size=1, max_size=8))] = data.draw(ANY_VALUE)
    return document


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_mutation_of_a_valid_document_loads_or_raises_a_data_error(
    data: st.DataObject,
) -> None:
    document = copy.deepcopy(FRUIT_DOCUMENT)
    for _ in range(data.draw(st.integers(1, 3))):
        document = mutate(document, data)
    load_or_fail_cleanly(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))


def test_the_mutation_base_is_valid() -> None:
    """Without this, the mutation test could pass on a document that never loads."""
    text = yaml.safe_dump(FRUIT_DOCUMENT, allow_unicode=True, sort_keys=False)
    assert load_or_fail_cleanly(text) is not None


IDS = st.from_regex(r"[a-z][a-z0-9_-]{0,6}", fullmatch=True)


@st.composite
def valid_datasets(draw: st.DrawFn) -> tuple[dict[str, Any], Dataset]:
    """A valid document with arbitrary texts, and the dataset it must load as."""
    levels = tuple(
        Level(level_id, draw(TEXTS), draw(st.none() | TEXTS))
        for level_id in draw(st.lists(IDS, min_size=2, max_size=4, unique=True))
    )
    scale = Scale("level", draw(TEXTS), levels)
    field_ids = draw(st.lists(IDS.filter(lambda i: i not in ("id", "name")), min_size=1,
                              max_size=4, unique=True))
    fields = {}
    for field_id in field_ids:
        field_type = draw(st.sampled_from([TEXT, LIST, SCALE]))
        fields[field_id] = Field(
            field_id, draw(TEXTS), field_type, required=draw(st.booleans()),
            scale="level" if field_type is SCALE else None,
            description=draw(st.none() | TEXTS),
        )
    values_by_type: dict[FieldType, st.SearchStrategy[Value]] = {
        TEXT: TEXTS,
        LIST: st.lists(TEXTS, min_size=1, max_size=3).map(tuple),
        SCALE: st.sampled_from([level.id for level in levels]),
    }
    items = []
    for item_id in draw(st.lists(IDS, min_size=1, max_size=4, unique=True)):
        values = {
            field.id: draw(values_by_type[field.type]) for field in fields.values()
            if field.required or draw(st.booleans())
        }
        items.append(Item(item_id, draw(TEXTS), values, line=0))
    ranked = draw(st.lists(st.sampled_from([item.id for item in items]), unique=True))
    names = {item.id: item.name for item in items}
    tiers = [Tier(0, names[item_id], draw(TEXTS), item_id) for item_id in ranked]
    tiers += [Tier(0, draw(TEXTS), draw(TEXTS), notes=tuple(draw(st.lists(TEXTS, max_size=2))))
              for _ in range(draw(st.integers(0 if tiers else 1, 2)))]
    ranks = draw(st.lists(st.integers(1, MAX_RANK), min_size=len(tiers), max_size=len(tiers),
                          unique=True))
    tiers = [replace(tier, rank=rank) for rank, tier in zip(ranks, tiers, strict=True)]
    ranking = Ranking(draw(TEXTS), draw(TEXTS), draw(TEXTS),
                      tuple(sorted(tiers, key=lambda tier: tier.rank)),
                      (Apart(draw(TEXTS), draw(TEXTS)),), draw(st.none() | TEXTS))
    dataset = Dataset("data", "docs/data/data.yml", draw(TEXTS), draw(TEXTS), fields,
                      tuple(items), {"level": scale}, ranking, draw(st.none() | TEXTS))
    return as_document(dataset, tiers), dataset


def without_none(mapping: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in mapping.items() if value is not None}


def as_document(dataset: Dataset, tiers_in_file_order: list[Tier]) -> dict[str, Any]:
    """`dataset` written as a data file would hold it, optional keys left out when unset."""
    assert dataset.ranking is not None
    ranking = dataset.ranking
    return without_none({
        "title": dataset.title,
        "description": dataset.description,
        "item_label": dataset.item_label,
        "scales": {scale.id: {
            "label": scale.label,
            "levels": [without_none(vars(level)) for level in scale.levels],
        } for scale in dataset.scales.values()},
        "fields": {field.id: without_none({
            "label": field.label, "type": field.type.name, "scale": field.scale,
            "required": field.required, "description": field.description,
        }) for field in dataset.fields.values()},
        "items": [{"id": item.id, "name": item.name,
                   **{key: list(value) if isinstance(value, tuple) else value
                      for key, value in item.values.items()}} for item in dataset.items],
        "ranking": without_none({
            "title": ranking.title, "description": ranking.description,
            "first": ranking.first, "last": ranking.last,
            "tiers": [without_none({
                "rank": tier.rank, "verdict": tier.verdict,
                "item" if tier.item else "name": tier.item or tier.name,
                "notes": list(tier.notes) or None,
            }) for tier in tiers_in_file_order],
            "apart": [{"name": apart.name, "verdict": apart.verdict} for apart in ranking.apart],
        }),
    })


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_datasets())
def test_valid_documents_load_and_keep_all_their_text(
    case: tuple[dict[str, Any], Dataset],
) -> None:
    document, expected = case
    with tempfile.TemporaryDirectory() as folder:
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
        loaded = load(Path(folder), {"data.yml": text})["data"]
    lines = {item.id: item.line for item in loaded.items}
    assert loaded == replace(expected, items=tuple(
        replace(item, line=lines[item.id]) for item in expected.items
    ))
