"""The `stack` field type and the `compare-stack` block: validation with located messages, and
the drawing read back as XML (layer order, shared layers spanning the guests, the marks, ids,
the text alternative, size and determinism)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from render_samples import SVG, parse, plain, squeezed
from stack_samples import (
    BAD_STACKS,
    PLAIN,
    STACKS,
    architectures,
    edited,
    expected_line,
)
from test_render_diagrams import assert_no_line_overflows

from conftest import ROOT
from mkdocs_compare.data.inline import to_plain
from mkdocs_compare.data.load import load_datasets
from mkdocs_compare.data.model import Dataset, Source
from mkdocs_compare.data.stack import MARKS, as_stack
from mkdocs_compare.errors import DataError
from mkdocs_compare.extension import BlockRenderError
from mkdocs_compare.render.stack import render_stack

MAX_DIAGRAM_BYTES = 12 * 1024


def load(tmp_path: Path, text: str = STACKS) -> dict[str, Dataset]:
    (tmp_path / "stacks.yml").write_text(text, encoding="utf-8")
    (tmp_path / "plain.yml").write_text(PLAIN, encoding="utf-8")
    return load_datasets(tmp_path, tmp_path)


def draw(dataset: Dataset | None = None, *, items: tuple[str, ...] = ("vms", "hosted"),
         marks: tuple[str, ...] = MARKS, diagram_id: str = "compare-stack-1",
         caption: str = "Stacks") -> ET.Element:
    return parse(render_stack(dataset or architectures(), field="stack", items=items,
                              layout="side-by-side", marks=marks, caption=caption,
                              diagram_id=diagram_id))


def images(figure: ET.Element) -> list[ET.Element]:
    return [svg for svg in figure.iter(f"{SVG}svg") if svg.get("role") == "img"]


def drawn(svg: ET.Element) -> list[tuple[str, ET.Element]]:
    """Each drawn text (lines joined by spaces) with its element."""
    return [(" ".join(plain(span) for span in text), text) for text in svg.iter(f"{SVG}text")]


def first_y(svg: ET.Element, label: str) -> float:
    """Where the first text reading `label` starts (its first line's baseline)."""
    text = next(text for words, text in drawn(svg) if words == label)
    return float(text[0].get("y", ""))


def box_of(svg: ET.Element, label: str) -> list[tuple[float, float]]:
    """Left and right edge of every layer box whose text reads `label`."""
    boxes = [rect for rect in svg.iter(f"{SVG}rect") if "cd-box" in rect.get("class", "")]
    found = []
    for words, text in drawn(svg):
        if words != label:
            continue
        x, y = float(text[0].get("x", "")), float(text[0].get("y", ""))
        for rect in boxes:
            left, top = float(rect.get("x", "")), float(rect.get("y", ""))
            right, bottom = left + float(rect.get("width", "")), top + float(rect.get("height", ""))
            if left <= x <= right and top <= y <= bottom:
                found.append((left, right))
    return found


# --- the data -------------------------------------------------------------------------------

def test_a_stack_reads_into_layers_bottom_up_with_its_marks(tmp_path: Path) -> None:
    stack = as_stack(load(tmp_path)["stacks"].item("vms").values["stack"])
    assert [layer.id for layer in stack.layers] == ["metal", "hv", "tools", "guest-os",
                                                    "guest-apps"]
    assert [layer.span for layer in stack.layers] == ["shared", "shared", "beside", "each",
                                                      "each"]
    assert stack.layer("tools").notes
    assert stack.boundary is not None
    assert stack.boundary.layer == "hv"
    assert [mark.layer for mark in stack.single_points] == ["hv"]
    assert [(mark.layer, mark.notes) for mark in stack.surface] == [("hv", True)]
    assert [(path.start, path.end, path.label) for path in stack.paths] == [
        ("guest-os", "hv", "Escape")]
    # A layer without an id takes its role as its id.
    unix = as_stack(load(tmp_path)["stacks"].item("unix").values["stack"])
    assert [layer.id for layer in unix.layers] == ["hardware", "kernel", "app"]


@pytest.mark.parametrize("case", BAD_STACKS)
def test_bad_stack_data_is_a_located_error_saying_what_to_write(tmp_path: Path,
                                                                case: str) -> None:
    old, new, phrase = BAD_STACKS[case]
    text = edited(old, new)
    with pytest.raises(DataError) as caught:
        load(tmp_path, text)
    assert caught.value.path == "stacks.yml"
    assert caught.value.line == expected_line(case, text)
    assert phrase in caught.value.message


def test_a_stack_field_shows_in_a_table_as_its_layers_bottom_up(tmp_path: Path) -> None:
    html = convert("```compare-table\ndataset: stacks\nitems: [unix]\nfields: [stack]\n```\n",
                   tmp_path)
    assert re.findall(r"<li>([^<]*)</li>", html) == [
        "CPU and memory (shared by every process)", "Kernel (shared by every process)",
        "Process (in each process)"]


# --- the drawing ----------------------------------------------------------------------------

def test_layers_are_drawn_bottom_up_and_shared_ones_span_the_guests() -> None:
    vms, hosted = images(draw())
    assert (first_y(vms, "Physical hardware") > first_y(vms, "Hypervisor")
            > first_y(vms, "Guest OS") > first_y(vms, "Applications"))
    guests = box_of(vms, "Guest OS")
    assert len(guests) == 2, "a layer in each guest is drawn once per guest"
    (hardware,) = box_of(vms, "Physical hardware")
    (hypervisor,) = box_of(vms, "Hypervisor")
    for shared in (hardware, hypervisor):
        assert shared[0] <= min(left for left, _ in guests)
        assert shared[1] >= max(right for _, right in guests)
    # Beside the three guests of the hosted stack: its other applications, on the host OS,
    # which spans them too; the hypervisor above it spans only the guests.
    apps = box_of(hosted, "Applications \u2020")
    guest_apps = box_of(hosted, "Applications")
    assert len(guest_apps) == 3
    assert len(apps) == 1
    assert apps[0][0] > max(right for _, right in guest_apps)
    (host,) = box_of(hosted, "Guest OS")
    (hypervisor,) = box_of(hosted, "Hypervisor")
    assert host[1] >= apps[0][1]
    assert hypervisor[1] < apps[0][0]


def test_marks_are_drawn_in_words_and_shapes() -> None:
    vms, _ = images(draw())
    classes = [element.get("class", "") for element in vms.iter()]
    assert classes.count("cd-stack-boundary") == 2, "a dashed boundary around each guest"
    assert classes.count("cd-stack-path") == 1
    assert classes.count("cd-stack-path-head") == 1
    assert classes.count("cd-box cd-stack-surface") == 1
    words = [text for text, _ in drawn(vms)]
    assert "VM escape" in words
    assert "Keeps each VM apart \u00b7 Single point of failure \u00b7 Attack surface" in words
    assert [word for word in words if re.fullmatch(r"VM \d", word)] == ["VM 1", "VM 2"]


def test_marks_can_be_left_out() -> None:
    figure = draw(marks=())
    for svg in images(figure):
        classes = " ".join(element.get("class", "") for element in svg.iter())
        for shape in ("cd-stack-boundary", "cd-stack-path", "cd-stack-surface"):
            assert shape not in classes
        assert not [text for text, _ in drawn(svg) if "Attack" in text or "apart" in text]
    alternative = plain(only_details(figure))
    assert "Attack path" not in alternative
    assert "Isolation boundary" not in alternative
    only_paths = draw(marks=("paths",))
    assert "Attack path, VM escape" in plain(only_details(only_paths))
    assert "Isolation boundary" not in plain(only_details(only_paths))


def only_details(figure: ET.Element) -> ET.Element:
    details = figure.find("details")
    assert details is not None
    return details


def test_each_image_is_accessible_and_the_text_alternative_has_the_same_facts() -> None:
    figure = draw()
    assert figure.tag == "figure"
    assert figure.get("class") == "compare-diagram compare-stack"
    for svg, name in zip(images(figure), ("Type 1 hypervisor", "Containers"), strict=True):
        title_id, desc_id = svg.get("aria-labelledby", "").split()
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None
        assert desc is not None
        assert list(svg).index(title) == 0
        assert (title.get("id"), desc.get("id")) == (title_id, desc_id)
        assert plain(title) == name
        assert plain(desc).startswith("From the bottom up: Physical hardware (shared by every VM)")
    details = only_details(figure)
    first, second = details.findall("ol")
    assert [plain(item).split(" (")[0] for item in first.findall("li")] == [
        "Physical hardware", "Hypervisor", "Guest OS", "Applications"]
    layers = [plain(item) for item in first.findall("li")]
    assert layers[1] == ("Hypervisor (Hypervisor, shared by every VM); Keeps each VM apart; "
                         "Single point of failure; Attack surface")
    assert layers[2] == "Guest OS (Guest OS, in each VM)"
    facts = plain(details)
    assert ("Isolation boundary: around each VM's own layers (Guest OS, Applications), kept by "
            "Hypervisor.") in facts
    assert "Attack path, VM escape: from Guest OS to Hypervisor." in facts
    added = "\u2020 (added in these notes)"
    assert f"Applications{added} (Applications, beside the VMs)" in plain(second)
    assert f"Single point of failure{added}" in plain(second)
    assert f"Attack path, VM escape: from Applications to Guest OS.{added}" in facts
    assert "Added in these notes; not from the lecture." in plain(details)
    legend = figure.find("ul")
    assert legend is not None
    assert [plain(item) for item in legend][:4] == ["Hardware", "Hypervisor", "Guest OS",
                                                    "Applications"]


def test_every_id_is_unique_and_every_reference_resolves_with_two_diagrams_on_a_page(
    tmp_path: Path,
) -> None:
    page = convert("```compare-stack\ndataset: stacks\nitems: [vms, unix]\n```\n\n"
                   "```compare-stack\ndataset: stacks\nitems: [unix]\nlayout: rows\n```\n",
                   tmp_path)
    root = ET.fromstring(f"<div>{page}</div>")
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    assert len(images(root)) == 3
    referenced = [ref for element in root.iter()
                  for ref in re.findall(r"url\(#([^)]+)\)", element.get("fill", ""))]
    referenced += [ref for element in root.iter()
                   for ref in element.get("aria-labelledby", "").split()]
    assert referenced
    assert set(referenced) <= set(ids)


def test_long_labels_wrap_inside_their_boxes() -> None:
    long = "A supercalifragilisticexpialidocious-hyphenated layer label " * 3
    figure = draw(architectures(labels=(long, long, long, long), path_label=long,
                                names=(long, long)))
    for svg in images(figure):
        assert_no_line_overflows_in(svg)
        assert max(len(text) for _, text in drawn(svg)) >= 3, "long labels take several lines"


def assert_no_line_overflows_in(svg: ET.Element) -> None:
    wrapper = ET.Element("figure")
    wrapper.append(svg)
    assert_no_line_overflows(wrapper)


any_text = st.text(max_size=40)


@settings(max_examples=60, deadline=None)
@given(names=st.tuples(any_text, any_text), labels=st.tuples(any_text, any_text, any_text,
                                                             any_text),
       path_label=any_text, guest=any_text, role_label=any_text, caption=any_text)
def test_any_text_in_any_label_renders_well_formed_and_is_drawn(
    names: tuple[str, str], labels: tuple[str, str, str, str], path_label: str, guest: str,
    role_label: str, caption: str,
) -> None:
    figure = draw(architectures(names=names, labels=labels, path_label=path_label, guest=guest,
                                role_label=role_label), caption=caption)
    vms, hosted = images(figure)
    described = squeezed(plain(only_details(figure)))
    for svg, name in ((vms, names[0]), (hosted, names[1])):
        text = squeezed(" ".join(words for words, _ in drawn(svg)))
        for value in (name, *labels, path_label):
            assert squeezed(to_plain(value)) in text
            assert squeezed(to_plain(value)) in described
        assert_no_line_overflows_in(svg)
    legend = figure.find("ul")
    assert legend is not None
    assert squeezed(to_plain(role_label)) in squeezed(plain(legend))


LECTURE_ITEMS = ("physical", "type-1", "type-2", "paravirtualization", "hardware-assisted",
                 "containers", "emulation")


def lecture_stacks() -> Dataset:
    return load_datasets(ROOT / "docs" / "data", ROOT)["architectures"]


@pytest.mark.parametrize("item", LECTURE_ITEMS)
def test_each_lecture_stack_stays_small(item: str) -> None:
    markup = render_stack(lecture_stacks(), field="stack", items=[item], layout="rows",
                          marks=MARKS, caption="One", diagram_id="compare-stack-1")
    (svg,) = images(parse(markup))
    assert len(ET.tostring(svg)) <= MAX_DIAGRAM_BYTES
    assert len(markup.encode()) <= MAX_DIAGRAM_BYTES


def test_stacks_drawn_together_cost_no_more_than_drawn_apart() -> None:
    """A figure of several stacks shares one legend and one set of patterns: it weighs less
    than one figure per stack (each of which keeps the 12 KB budget)."""
    items = ["physical", "type-1", "type-2", "containers"]

    def weight(chosen: list[str]) -> int:
        return len(render_stack(lecture_stacks(), field="stack", items=chosen,
                                layout="side-by-side", marks=MARKS, caption="Ranked",
                                diagram_id="compare-stack-1").encode())

    assert weight(items) < sum(weight([item]) for item in items)


RENDER = """
from mkdocs_compare.data.load import load_datasets
from mkdocs_compare.render.stack import render_stack
from mkdocs_compare.data.stack import MARKS
from pathlib import Path
data = load_datasets(Path("docs/data"), Path("."))["architectures"]
print(render_stack(data, field="stack", items=[item.id for item in data.items],
                   layout="side-by-side", marks=MARKS, caption="All", diagram_id="d-1"))
"""


def test_output_is_the_same_from_run_to_run() -> None:
    outputs = {
        subprocess.run([sys.executable, "-c", RENDER], cwd=ROOT, capture_output=True,
                       text=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


# --- the block ------------------------------------------------------------------------------

def convert(text: str, data_dir: Path) -> str:
    if not (data_dir / "stacks.yml").exists():
        load(data_dir)
    return markdown.markdown(
        text, extensions=["pymdownx.superfences", "mkdocs_compare"],
        extension_configs={"mkdocs_compare": {"data_dir": str(data_dir)}},
    )


BAD_BLOCKS = [
    ("dataset: stacks\ncolour: red", 3, "unknown key `colour` in the `compare-stack` block; "
                                        "expected one of: dataset, field, items, layout, marks, "
                                        "caption"),
    ("dataset: stacks\nfield: note", 3, "`field` must name a stack field of dataset `stacks`; "
                                        "its stack fields are: stack"),
    ("dataset: stacks\nitems: [vms, plain]", 3, "item `plain` gives no `stack`, so it has no "
                                                "stack to draw"),
    ("dataset: stacks\nitems: [vms, pear]", 3, "dataset `stacks` has no item `pear`"),
    ("dataset: stacks\nmarks: [boundary, glow]", 3, "`glow` in `marks` is not a kind of mark; "
                                                    "write `none` or a list of: boundary, "
                                                    "single_point, surface, paths"),
    ("dataset: stacks\nmarks: [paths, paths]", 3, "mark `paths` is listed twice in `marks`"),
    ("dataset: stacks\nlayout: diagonal", 3, "`layout` is `diagonal`; write `side-by-side`"),
    ("dataset: plain", 2, "dataset `plain` must have exactly one stack field for `field:` to be "
                          "left out; it has none"),
]


@pytest.mark.parametrize(("body", "line", "message"), BAD_BLOCKS)
def test_a_bad_block_is_a_located_error(tmp_path: Path, body: str, line: int,
                                        message: str) -> None:
    with pytest.raises(BlockRenderError) as caught:
        convert(f"```compare-stack\n{body}\n```\n", tmp_path)
    assert f"<markdown>:{line}: {message}" in str(caught.value)


def test_a_block_draws_the_chosen_items_in_order(tmp_path: Path) -> None:
    page = convert("```compare-stack\ndataset: stacks\nitems: [unix, vms]\n"
                   "caption: Two *stacks*\n```\n", tmp_path)
    figure = parse(page)
    assert [plain(only(svg, "title")) for svg in images(figure)] == ["One kernel", "Two VMs"]
    figcaption = figure.find("figcaption")
    assert figcaption is not None
    assert ET.tostring(figcaption, encoding="unicode").endswith(
        "<figcaption>Two <em>stacks</em></figcaption>")
    assert "compare-stack__stacks--side-by-side" in page


def only(svg: ET.Element, tag: str) -> ET.Element:
    found = svg.find(f"{SVG}{tag}")
    assert found is not None
    return found


def test_a_stack_the_notes_add_as_a_whole_is_marked_in_drawing_and_text() -> None:
    dataset = architectures()
    vms = replace(dataset.items[0], source=Source.NOTES)
    figure = draw(replace(dataset, items=(vms, dataset.items[1])), items=("vms",))
    (svg,) = images(figure)
    assert drawn(svg)[0][0] == "Type 1 hypervisor \u2020"
    assert "Type 1 hypervisor\u2020 (added in these notes), 2 VMs side by side" in plain(
        only_details(figure))
    legend = figure.find("ul")
    assert legend is not None
    assert "Added in these notes; not from the lecture." in plain(legend)
