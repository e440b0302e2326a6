"""Escaping, generated from the schema (issue 14): every text a data file or a block can hold
carries markup-like text with a marker of its own, every block kind renders it through the
Markdown extension, and the output must parse, hold no element or attribute the data wrote,
and show each marker's text exactly, in element text or in an attribute value.

The values of each field type come from `TYPE_SAMPLES`, which must name every type in
`FIELD_TYPES`: a new field type fails `test_every_field_type_has_a_sample` until it is covered.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from mkdocs_compare.blocks import BLOCK_KINDS
from mkdocs_compare.data.fields import FIELD_TYPES
from mkdocs_compare.data.load import load_datasets
from mkdocs_compare.extension import CompareExtension

HOSTILE = "</x><y onclick=\"z\">&amp;'\"&"
"""Text that, unescaped, would end an element, start another, end an attribute or show an
entity as a character."""


TARGET = "x?q=\"1\"&z=<y>'s"
"""A link target a browser may follow, with every character an attribute value must escape."""
LINK = f" [a link]({TARGET})"


class Marks:
    """A marker per text position: `P<n>` and the hostile text, and where it was put."""

    def __init__(self) -> None:
        self.where: dict[str, str] = {}

    def __call__(self, where: str) -> str:
        text = f"P{len(self.where)}{HOSTILE}"
        self.where[text] = where
        return text


Sample = Callable[[Marks], tuple[dict[str, Any], object]]
"""A field type's sample: its schema entry's own keys and an item's value, marks in its text."""


def _text(mark: Marks) -> tuple[dict[str, Any], object]:
    return {}, mark("text value") + LINK


def _list(mark: Marks) -> tuple[dict[str, Any], object]:
    return {}, [mark("list entry 1"), mark("list entry 2")]


def _scale(mark: Marks) -> tuple[dict[str, Any], object]:
    return {"scale": "grade"}, "high"


def _refs(mark: Marks) -> tuple[dict[str, Any], object]:
    return {"dataset": "other"}, ["o1"]


def _stack(mark: Marks) -> tuple[dict[str, Any], object]:
    return {"roles": "role"}, {
        "guest": mark("stack guest"),
        "layers": [
            {"role": "base", "label": mark("stack shared layer"), "span": "shared"},
            {"role": "top", "label": mark("stack guest layer"), "span": "each"},
        ],
        "paths": [{"from": "top", "to": "base", "label": mark("stack path")}],
    }


TYPE_SAMPLES: dict[str, Sample] = {
    "text": _text, "list": _list, "scale": _scale, "refs": _refs, "stack": _stack,
}


def datasets_yaml(mark: Marks) -> dict[str, dict[str, Any]]:
    """The data files, a mark in every text position, one field of each type."""
    fields: dict[str, Any] = {}
    values: list[dict[str, Any]] = [{}, {}]
    for name, sample in TYPE_SAMPLES.items():
        for index in (0, 1):
            keys, value = sample(mark)
            values[index][f"f_{name}"] = value
        fields[f"f_{name}"] = {"label": mark(f"label of the {name} field"), "type": name,
                               "description": mark(f"description of the {name} field"), **keys}
    levels = [{"id": "low", "label": mark("level label")},
              {"id": "high", "label": mark("level label"), "description": mark("level desc")}]
    things = {
        "title": mark("dataset title"),
        "description": mark("dataset description"),
        "item_label": mark("item label"),
        "scales": {
            "grade": {"label": mark("scale label"), "levels": levels},
            "role": {"label": mark("role scale label"), "levels": [
                {"id": "base", "label": mark("role label")},
                {"id": "top", "label": mark("role label")}]},
        },
        "fields": fields,
        "items": [{"id": f"i{index}", "name": mark(f"item name {index}"), **value}
                  for index, value in enumerate(values)],
        "ranking": {
            "title": mark("ranking title"),
            "description": mark("ranking description"),
            "first": mark("ranking first"),
            "last": mark("ranking last"),
            "tiers": [
                {"rank": 1, "item": "i0", "verdict": mark("tier verdict") + LINK,
                 "notes": [mark("tier note")]},
                {"rank": 2, "name": mark("tier name"), "verdict": mark("tier verdict")},
            ],
            "apart": [{"item": "i1", "verdict": mark("apart verdict"),
                       "notes": [mark("apart note")]},
                      {"name": mark("apart name"), "verdict": mark("apart verdict")}],
        },
    }
    other = {"title": "Other", "fields": {"t": {"label": "T", "type": "text"}},
             "items": [{"id": "o1", "name": mark("referenced item name"), "t": "x"}]}
    return {"things": things, "other": other}


NOT_SHOWN = {"description of the text field", "description of the list field",
             "description of the scale field", "description of the refs field",
             "description of the stack field", "dataset title", "ranking title",
             "role scale label", "scale label", "dataset description"}
"""Positions no page shows: field descriptions are for whoever edits the data; a caption
given to every block replaces the dataset's and the ranking's titles (both are shown by
`test_the_titles_show_when_no_caption_is_given`); drawings and tables name fields, not their
scales; no renderer reads a dataset's description (the ranking's has its own)."""


def blocks(mark: Marks) -> Iterator[str]:
    """One block of every kind and layout, each with a marked caption."""
    for kind in BLOCK_KINDS:
        options = {"compare-matrix": ["x: f_scale", "y: f_scale"],
                   "compare-table": ["orientation: rows"]}.get(kind, [])
        yield from _fence(kind, options, mark(f"caption of {kind}"))
    yield from _fence("compare-table", ["orientation: columns"], mark("caption of columns"))


def _fence(kind: str, options: list[str], caption: str) -> Iterator[str]:
    yield f"```{kind}\ndataset: things\n" + "".join(f"{line}\n" for line in options)
    yield f"caption: {json.dumps(caption)}\n```\n\n"


def render(tmp_path: Path, mark: Marks, page: str) -> str:
    for name, data in datasets_yaml(mark).items():
        (tmp_path / f"{name}.yml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                             encoding="utf-8")
    datasets = load_datasets(tmp_path, tmp_path)
    return markdown.markdown(page, extensions=[
        "pymdownx.superfences", CompareExtension(datasets=datasets)])


def texts(root: ET.Element) -> Iterator[str]:
    """Every element text, tail and attribute value in `root`."""
    for element in root.iter():
        yield element.text or ""
        yield element.tail or ""
        yield from element.attrib.values()


def test_every_field_type_has_a_sample() -> None:
    assert set(TYPE_SAMPLES) == set(FIELD_TYPES)


def test_every_text_reaches_the_page_escaped(tmp_path: Path) -> None:
    mark = Marks()
    page = "".join(blocks(mark))
    html = render(tmp_path, mark, page)
    root = ET.fromstring(f"<div>{html}</div>")
    tags = {element.tag.rpartition("}")[2] for element in root.iter()}
    assert "x" not in tags
    assert "y" not in tags
    assert not [element for element in root.iter() if "onclick" in element.attrib]
    links = [element.get("href") for element in root.iter() if element.tag == "a"]
    assert links.count(TARGET) >= 3, "the link in a text value (both tables) and in a verdict"
    shown = list(texts(root))
    missing = sorted(where for marker, where in mark.where.items()
                     if where not in NOT_SHOWN and not any(marker in text for text in shown))
    assert missing == []


@pytest.mark.parametrize("kind", ["compare-table", "compare-ranking"])
def test_the_titles_show_when_no_caption_is_given(tmp_path: Path, kind: str) -> None:
    mark = Marks()
    html = render(tmp_path, mark, f"```{kind}\ndataset: things\n```\n")
    root = ET.fromstring(f"<div>{html}</div>")
    title = "dataset title" if kind == "compare-table" else "ranking title"
    marker = next(marker for marker, where in mark.where.items() if where == title)
    assert any(marker in text for text in texts(root))
