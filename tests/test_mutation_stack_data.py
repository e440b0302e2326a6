"""Tests that can fail (issue 14): each kills mutants of the layer-stack data module
(mkdocs_compare/data/stack.py) and of the stack block (blocks/stack.py) that the rest of the fast
suite let through."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from stack_samples import MARK, STACKS, edited, expected_line
from test_stack import convert, load

from mkdocs_compare.data.fields import FileSchema
from mkdocs_compare.data.model import Dataset, Field
from mkdocs_compare.data.reader import Reader
from mkdocs_compare.data.stack import (
    AttackPath,
    Layer,
    Mark,
    Stack,
    StackType,
    as_stack,
    span_words,
)
from mkdocs_compare.errors import DataError
from mkdocs_compare.extension import BlockRenderError

AT = f" {MARK}"
"""Appended to the line an error must name (see `stack_samples.expected_line`)."""
UNIX_STACK = STACKS[STACKS.index("    stack:\n      guest: process"):STACKS.index("  - id: plain")]
"""The whole `stack:` entry of item `unix`, to replace in one edit."""


def stack_of(datasets: dict[str, Dataset], item: str) -> Stack:
    return as_stack(datasets["stacks"].item(item).values["stack"])


def read_error(tmp_path: Path, text: str) -> DataError:
    with pytest.raises(DataError) as caught:
        load(tmp_path, text)
    return caught.value


# --- what a stack reads into -----------------------------------------------------------------

VMS = Stack("role", "VM", 2, (
    Layer("metal", "Metal", "hardware", "shared"),
    Layer("hv", "Hypervisor", "kernel", "shared"),
    Layer("tools", "Host tools", "app", "beside", notes=True),
    Layer("guest-os", "Guest kernel", "kernel", "each"),
    Layer("guest-apps", "Guest apps", "app", "each"),
), boundary=Mark("hv"), single_points=(Mark("hv"),), surface=(Mark("hv", notes=True),),
    paths=(AttackPath("guest-os", "hv", "Escape"),))
"""Item `vms` of STACKS, built directly: every part the notes do not add says so (`False`)."""


def test_a_stack_reads_into_exactly_its_layers_and_marks_each_with_its_provenance(
    tmp_path: Path,
) -> None:
    """Protects what a mark and a path read into: a mark written as a bare layer id and a path
    without `source` are the lecture's (not the notes'), and a path with `source: notes` is
    the notes' own."""
    datasets = load(tmp_path)
    assert stack_of(datasets, "vms") == VMS
    noted = edited("label: System call exploit}", "label: System call exploit, source: notes}")
    (unix_path,) = stack_of(load(tmp_path, noted), "unix").paths
    assert unix_path == AttackPath("app", "kernel", "System call exploit", notes=True)


def test_a_stack_without_guest_or_guests_draws_two_guests_called_guest(tmp_path: Path) -> None:
    """Protects the defaults of `guest` and `guests`."""
    text = edited("      guest: process\n      guests: 3\n", "")
    unix = stack_of(load(tmp_path, text), "unix")
    assert (unix.guest, unix.guests) == ("guest", 2)


def test_four_guests_are_the_most_a_stack_may_draw(tmp_path: Path) -> None:
    """Protects the upper bound of `guests`, which is inclusive (five is refused below)."""
    unix = stack_of(load(tmp_path, edited("      guests: 3\n", "      guests: 4\n")), "unix")
    assert unix.guests == 4


def test_several_beside_layers_on_one_shared_layer_read_in_order(tmp_path: Path) -> None:
    """Protects the check that `beside` layers stand together: two on the same base are fine."""
    text = edited("        - {id: guest-os,",
                  "        - {id: more-tools, role: app, label: More tools, span: beside}\n"
                  "        - {id: guest-os,")
    vms = stack_of(load(tmp_path, text), "vms")
    assert [layer.id for layer in vms.spanning("beside")] == ["tools", "more-tools"]


# --- located errors, word for word -----------------------------------------------------------

def unix_layer(number_in_unix: int) -> str:
    """The text of layer `number_in_unix` (1 to 3) of item `unix`, to edit."""
    return ("{role: hardware, label: CPU and memory, span: shared}",
            "{role: kernel, label: Kernel, span: shared}",
            "{role: app, label: Process, span: each}")[number_in_unix - 1]


UNIX_PATH = "{from: app, to: kernel, label: System call exploit}"
OF_UNIX = "of `stack` of item `unix`"
OF_VMS = "of `stack` of item `vms`"
SOURCE_WORDS = "write `notes` (added in these notes) or `lecture` (from the lecture, the default)"
NOT_AN_ID = "is not a valid id; use lower-case letters, digits, `-` and `_`, starting with a letter"

BAD_EDITS: dict[str, tuple[str, str, str]] = {
    # The stack itself.
    "stack not a mapping": (UNIX_STACK, f"    stack: process{AT}\n",
                            "`stack` of item `unix` must be a mapping of `key: value` lines"),
    "guest a list": ("      guest: process\n", f"      guest: [process]{AT}\n",
                     f"`guest` {OF_UNIX} must be text, not a list; write it on one line"),
    "guests in words": ("      guests: 3\n", f"      guests: three{AT}\n",
                        f"`guests` {OF_UNIX} must be a whole number written in digits, such as "
                        "`1`"),
    "five guests": ("      guests: 3\n", f"      guests: 5{AT}\n",
                    f"`guests` {OF_UNIX} is 5; draw 1 to 4 guests side by side"),
    # Layers.
    "layer not a mapping": (f"        - {unix_layer(1)}\n", f"        - hardware{AT}\n",
                            f"layer 1 of `layers` {OF_UNIX} must be a mapping of `key: value` "
                            "lines"),
    "layer without span": (unix_layer(2), f"{{role: kernel, label: Kernel}}{AT}",
                           f"layer 2 of `layers` {OF_UNIX} is missing `span`; add a line "
                           "`span: ...`"),
    "layer with an unknown key": (unix_layer(2), f"{{role: kernel, label: Kernel, span: shared, "
                                            f"colour: red}}{AT}",
                                  f"unknown key `colour` in layer 2 of `layers` {OF_UNIX}; "
                                  "expected one of: label, role, span, id, source"),
    "empty role": (unix_layer(2), f"{{role: '', label: Kernel, span: shared}}{AT}",
                   f"`role` of layer 2 of `layers` {OF_UNIX} must not be empty; write a value"),
    "unknown role": (unix_layer(2), f"{{role: kernal, label: Kernel, span: shared}}{AT}",
                     f"`role` of layer 2 of `layers` {OF_UNIX} is `kernal`, which is not a level "
                     "of scale `role`; write one of: hardware, kernel, app (or add the role to "
                     "the scale)"),
    "id not an id": ("{id: metal, role: hardware, label: Metal, span: shared}",
                     f"{{id: Metal, role: hardware, label: Metal, span: shared}}{AT}",
                     f"`id` of layer 1 of `layers` {OF_VMS} `Metal` {NOT_AN_ID}"),
    "span a number": (unix_layer(2), f"{{role: kernel, label: Kernel, span: 3}}{AT}",
                      f"`span` of layer 2 of `layers` {OF_UNIX} must be text; put quotes around "
                      "it if it is: \"3\""),
    "unknown span": (unix_layer(2), f"{{role: kernel, label: Kernel, span: all}}{AT}",
                     f"`span` of layer 2 of `layers` {OF_UNIX} is `all`; write `shared` (one "
                     "layer under every guest) or `each` (repeated in each guest) or `beside` "
                     "(the host's own, beside the guests)"),
    "empty label": (unix_layer(2), f"{{role: kernel, label: , span: shared}}{AT}",
                    f"`label` of layer 2 of `layers` {OF_UNIX} must not be empty; write a value"),
    "beside with no shared layer under it": (
        unix_layer(1), f"{{role: hardware, label: CPU and memory, span: beside}}{AT}",
        f"layer 1 of `layers` {OF_UNIX} stands beside the guests on a shared layer, but none is "
        "listed before it; list it after the shared layer it stands on"),
    "beside layers on two bases": (
        "        - {id: guest-os,",
        "        - {id: more, role: app, label: More, span: shared}\n"
        f"        - {{id: other, role: app, label: Other, span: beside}}{AT}\n"
        "        - {id: guest-os,",
        f"layer 5 of `layers` {OF_VMS} stands on `more`, the other `beside` layers on `hv`; "
        "list the `beside` layers together"),
    # Marks.
    "boundary a list": ("      boundary: hv\n", f"      boundary: [hv]{AT}\n",
                        f"`boundary` {OF_VMS} must be text, not a list; write it on one line"),
    "boundary with a key twice": ("      boundary: hv\n",
                                  f"      boundary: {{layer: hv, layer: hv}}{AT}\n",
                                  f"`layer` is given twice in `boundary` {OF_VMS}; keep one of "
                                  "them"),
    "boundary without its layer": ("      boundary: hv\n",
                                   f"      boundary: {{source: notes}}{AT}\n",
                                   f"`boundary` {OF_VMS} is missing `layer`; add a line "
                                   "`layer: ...`"),
    "boundary with an unknown key": ("      boundary: hv\n",
                                     f"      boundary: {{layer: hv, colour: red}}{AT}\n",
                                     f"unknown key `colour` in `boundary` {OF_VMS}; expected one "
                                     "of: layer, source"),
    "unknown source of a listed mark": ("      surface: [{layer: hv, source: notes}]\n",
                                        f"      surface: [{{layer: hv, source: blog}}]{AT}\n",
                                        f"`source` of entry 1 of `surface` {OF_VMS} is `blog`; "
                                        f"{SOURCE_WORDS}"),
    "empty surface": ("      surface: [{layer: hv, source: notes}]\n", f"      surface: []{AT}\n",
                      f"`surface` {OF_VMS} must not be empty; give at least one entry"),
    "empty single_point": ("      single_point: [hv]\n", f"      single_point: []{AT}\n",
                           f"`single_point` {OF_VMS} must not be empty; give at least one entry"),
    "single point of failure in a guest": (
        "      single_point: [hv]\n", f"      single_point: [hv, guest-os]{AT}\n",
        f"entry 2 of `single_point` {OF_VMS} is `guest-os`, which is not shared by the guests; "
        "only a layer with `span: shared` can be a single point of failure"),
    "one surface mark, not a list, in a guest": (
        "      surface: [{layer: hv, source: notes}]\n", f"      surface: guest-os{AT}\n",
        f"`surface` {OF_VMS} is `guest-os`, which is not shared by the guests; only a layer "
        "with `span: shared` can be attack surface"),
    "surface on a missing layer": (
        "      surface: [{layer: hv, source: notes}]\n", f"      surface: [metal, nowhere]{AT}\n",
        f"entry 2 of `surface` {OF_VMS} is `nowhere`, which is not a layer of this stack; write "
        "one of its layers: metal, hv, tools, guest-os, guest-apps"),
    "surface on one layer twice": (
        "      surface: [{layer: hv, source: notes}]\n", f"      surface: [metal, hv, metal]{AT}\n",
        f"layer `metal` is given twice in `surface` {OF_VMS} (first on line 34); list it once"),
    # Attack paths.
    "empty paths": (f"      paths:\n        - {UNIX_PATH}\n", f"      paths: []{AT}\n",
                    f"`paths` {OF_UNIX} must not be empty; give at least one entry"),
    "path not a mapping": (f"        - {UNIX_PATH}\n", f"        - app{AT}\n",
                           f"path 1 of `paths` {OF_UNIX} must be a mapping of `key: value` "
                           "lines"),
    "path without label": (UNIX_PATH, f"{{from: app, to: kernel}}{AT}",
                           f"path 1 of `paths` {OF_UNIX} is missing `label`; add a line "
                           "`label: ...`"),
    "path with an unknown key": (UNIX_PATH, f"{{from: app, to: kernel, label: X, via: hv}}{AT}",
                                 f"unknown key `via` in path 1 of `paths` {OF_UNIX}; expected "
                                 "one of: from, to, label, source"),
    "path from nowhere": (UNIX_PATH, f"{{from: '', to: kernel, label: X}}{AT}",
                          f"`from` of path 1 of `paths` {OF_UNIX} must not be empty; write a "
                          "value"),
    "path to itself": (UNIX_PATH, f"{{from: kernel, to: kernel, label: X}}{AT}",
                       f"path 1 of `paths` {OF_UNIX} runs from `kernel` to itself; an attack "
                       "path joins two layers"),
    "path without words": (UNIX_PATH, f"{{from: app, to: kernel, label: ''}}{AT}",
                           f"`label` of path 1 of `paths` {OF_UNIX} must not be empty; write a "
                           "value"),
    "unknown source of a path": (UNIX_PATH, f"{{from: app, to: kernel, label: X, source: blog}}"
                                            f"{AT}",
                                 f"`source` of path 1 of `paths` {OF_UNIX} is `blog`; "
                                 f"{SOURCE_WORDS}"),
    # The field's schema entry.
    "roles not an id": ("    roles: role\n", f"    roles: Role{AT}\n",
                        f"`roles` of field `stack` `Role` {NOT_AN_ID}"),
}
"""Each case edits the valid STACKS file: (old text, new text, the whole message). The error
is expected on the line that ends with MARK."""

TWO_SCALES = edited("fields:\n", "  size:\n    label: Size\n    levels: [{id: s, label: S}, "
                                 "{id: l, label: L}]\nfields:\n").replace(
    "    roles: role\n", f"    roles: roles{AT}\n")
NO_SCALES = STACKS.replace(STACKS[STACKS.index("scales:\n"):STACKS.index("fields:\n")], "").replace(
    "    roles: role\n", f"    roles: role{AT}\n")
WHOLE_TEXTS: dict[str, tuple[str, str]] = {
    "roles from a missing scale among two": (
        TWO_SCALES, "field `stack` takes its roles from scale `roles`, which this file does not "
                    "define; the scales are: role, size"),
    "roles from a file without scales": (
        NO_SCALES, "field `stack` takes its roles from scale `role`, which this file does not "
                   "define; the scales are: none yet: define one under `scales`"),
    "stack without layers": (
        edited("      guest: process\n      guests: 3\n      layers:\n"
               f"        - {unix_layer(1)}\n        - {unix_layer(2)}\n        - {unix_layer(3)}\n",
               f"      guest: process{AT}\n      guests: 3\n"),
        "`stack` of item `unix` is missing `layers`; add a line `layers: ...`"),
}
"""Cases that need more than one edit: (the whole file, the whole message)."""


def bad_text(case: str) -> str:
    if case in WHOLE_TEXTS:
        return WHOLE_TEXTS[case][0]
    old, new, _ = BAD_EDITS[case]
    return edited(old, new)


@pytest.mark.parametrize("case", [*BAD_EDITS, *WHOLE_TEXTS])
def test_each_bad_stack_is_refused_at_its_line_in_exactly_these_words(tmp_path: Path,
                                                                      case: str) -> None:
    """Protects every message of the stack reader whole, and where it points: the part that is
    wrong is named by its place in the stack (`layer 2 of ...`, `entry 1 of ...`), and the
    error is on that part's line, not at the top of the file."""
    text = bad_text(case)
    message = WHOLE_TEXTS[case][1] if case in WHOLE_TEXTS else BAD_EDITS[case][2]
    error = read_error(tmp_path, text)
    assert error.message == message
    assert error.line == expected_line(case, text)


# --- how a stack is shown in a table and in plain text ---------------------------------------

def shown(tmp_path: Path, text: str = STACKS) -> tuple[str, str]:
    """Item `vms`'s stack as a table cell and as plain text."""
    dataset = load(tmp_path, text)["stacks"]
    field = dataset.fields["stack"]
    value = dataset.item("vms").values["stack"]
    return (field.type.cell_html(field, value, {"stacks": dataset}, dataset),
            field.type.plain(field, value, {"stacks": dataset}, dataset))


NOTES_HTML = ('<sup class="compare-provenance"><span aria-hidden="true">\u2020</span>'
              '<span class="compare-visually-hidden"> (added in these notes)</span></sup>')


def test_a_stack_in_a_table_cell_lists_its_layers_with_where_they_stand(tmp_path: Path) -> None:
    """Protects the cell: one list entry per layer, bottom up, the notes' own layer marked."""
    cell, _ = shown(tmp_path)
    assert cell == (
        '<ol class="compare-list"><li>Metal (shared by every VM)</li>'
        "<li>Hypervisor (shared by every VM)</li>"
        f"<li>Host tools{NOTES_HTML} (beside the VMs)</li>"
        "<li>Guest kernel (in each VM)</li><li>Guest apps (in each VM)</li></ol>")


def test_a_stack_in_plain_text_reads_bottom_up_with_where_each_layer_stands(
    tmp_path: Path,
) -> None:
    """Protects the plain text (text alternatives, exports): the words of each span for two
    guests, the notes' own layer marked with a dagger and no other."""
    _, words = shown(tmp_path)
    assert words == ("From the bottom up: Metal (shared by every VM); Hypervisor (shared by "
                     "every VM); Host tools\u2020 (beside the VMs); Guest kernel (in each VM); "
                     "Guest apps (in each VM)")


def test_with_one_guest_no_layer_is_said_to_be_shared_by_every_guest(tmp_path: Path) -> None:
    """Protects the words for a single guest: `shared`, `in the VM`, `beside the VM`."""
    _, words = shown(tmp_path, edited("      guests: 2\n", "      guests: 1\n"))
    assert words == ("From the bottom up: Metal (shared); Hypervisor (shared); Host tools\u2020 "
                     "(beside the VM); Guest kernel (in the VM); Guest apps (in the VM)")


# --- mistakes of code that uses the stack type ----------------------------------------------

def test_misuse_of_the_stack_type_by_other_code_is_an_error_naming_what_is_wrong() -> None:
    """Protects the messages a plugin author gets: a value that is not a stack, a layer a
    stack lacks, and a stack field read before `configure` gave it its roles scale."""
    with pytest.raises(TypeError, match=r"^expected a stack, got 'Linux'$"):
        as_stack("Linux")
    with pytest.raises(KeyError, match=r"the stack has no layer `kernel`"):
        VMS.layer("kernel")
    unconfigured = Field("stack", "Layers", StackType())
    node = yaml.compose("layers: [{role: app, label: App, span: each}]")
    assert node is not None
    with pytest.raises(ValueError, match=r"^field `stack` was not configured$"):
        unconfigured.type.read(FileSchema(Reader("stacks.yml"), {}), unconfigured, node,
                               "`stack` of item `one`")


# --- the `compare-stack` block ---------------------------------------------------------------

TWO_STACK_FIELDS = edited("  note:\n    label: Note\n",
                          "  other:\n    label: Other layers\n    type: stack\n    roles: role\n"
                          "    required: false\n  note:\n    label: Note\n")
"""STACKS with a second stack field, `other`, which no item gives."""


def block(tmp_path: Path, body: str, data: str = STACKS) -> str:
    """The page of one `compare-stack` block over `data` (as file stacks.yml)."""
    load(tmp_path, data)
    return convert(f"```compare-stack\n{body}\n```\n", tmp_path)


def block_error(tmp_path: Path, body: str, data: str = STACKS) -> str:
    """The located message of a block that cannot be drawn."""
    with pytest.raises(BlockRenderError) as caught:
        block(tmp_path, body, data)
    return str(caught.value)


def test_a_block_draws_the_stack_field_it_names_among_several(tmp_path: Path) -> None:
    """Protects `field:`: a stack field named by its id is the one drawn, also when the dataset
    has more than one."""
    page = block(tmp_path, "dataset: stacks\nfield: stack\nitems: [vms, unix]",
                 TWO_STACK_FIELDS)
    assert page.count('role="img"') == 2
    assert "Hypervisor" in page
    assert "System call exploit" in page


def test_a_block_must_name_its_field_when_the_dataset_has_several_or_none(
    tmp_path: Path,
) -> None:
    """Protects the two endings of the message for a left-out `field:`: name one of several,
    or add a stack field to the data file (which is named)."""
    several = block_error(tmp_path, "dataset: stacks\nitems: [vms]", TWO_STACK_FIELDS)
    assert several.endswith(
        "<markdown>:2: dataset `stacks` must have exactly one stack field for `field:` to be "
        "left out; it has several: stack, other; add `field: ...`")
    none = block_error(tmp_path, "dataset: plain")
    assert none.endswith(
        "<markdown>:2: dataset `plain` must have exactly one stack field for `field:` to be "
        f"left out; it has none; add one to {(tmp_path / 'plain.yml').as_posix()} "
        "(`type: stack`)")


@pytest.mark.parametrize(("body", "data", "message"), [
    ("dataset: stacks\nfield: note", TWO_STACK_FIELDS,
     "<markdown>:3: `field` must name a stack field of dataset `stacks`; its stack fields are: "
     "stack, other"),
    ("dataset: plain\nfield: note", STACKS,
     "<markdown>:3: `field` must name a stack field of dataset `plain`; its stack fields are: "
     "none"),
    ("dataset: stacks\nfield: Stack", STACKS,
     f"<markdown>:3: `field` `Stack` {NOT_AN_ID}"),
    ("dataset: stacks\nitems: [vms]\nmarks: paths", STACKS,
     "<markdown>:4: `marks` must be a list (lines starting with `- `)"),
])
def test_a_block_naming_a_field_or_marks_wrongly_is_told_what_to_write(
    tmp_path: Path, body: str, data: str, message: str,
) -> None:
    """Protects the whole messages for `field:` and `marks:`, among them the stack fields there
    are (`none` when there are none), and that one mark not in a list is refused (only the word
    `none` may stand alone)."""
    assert block_error(tmp_path, body, data).endswith(message)


def test_drawing_every_item_when_one_has_no_stack_points_at_the_block(tmp_path: Path) -> None:
    """Protects where the error for a stack-less item points when `items:` is left out: at the
    block's first key, not at the line of its opening fence (here a comment lies between)."""
    error = block_error(tmp_path, "# every item\ndataset: stacks")
    assert error.endswith(
        "<markdown>:3: item `plain` gives no `stack`, so it has no stack to draw; give it one "
        f"in {(tmp_path / 'stacks.yml').as_posix()} or leave it out of `items`")


@pytest.mark.parametrize(("marks", "drawn_shapes"), [
    ("none", []),
    ("[paths]", ["cd-stack-path"]),
    ("[boundary, surface]", ["cd-stack-boundary", "cd-stack-surface"]),
])
def test_a_block_draws_only_the_marks_it_asks_for(tmp_path: Path, marks: str,
                                                  drawn_shapes: list[str]) -> None:
    """Protects `marks:`: the word `none` draws no mark, a list draws those marks alone."""
    page = block(tmp_path, f"dataset: stacks\nitems: [vms]\nmarks: {marks}")
    shapes = ("cd-stack-path", "cd-stack-boundary", "cd-stack-surface")
    assert [shape for shape in shapes if shape in page] == drawn_shapes


@pytest.mark.parametrize(("guest", "many"), [
    ("VM", "VMs"), ("container", "containers"), ("process", "processes"), ("box", "boxes"),
    ("sandbox", "sandboxes"), ("batch", "batches"), ("mesh", "meshes"),
])
def test_the_guests_are_named_in_the_plural_as_english_writes_it(guest: str, many: str) -> None:
    """`beside the processes`, not `beside the processs`: in the text alternative, the table
    and the plain text alike."""
    beside = Layer("tools", "Tools", "app", "beside")
    stack = Stack("role", guest, 2, (Layer("hardware", "Hardware", "hardware", "shared"),
                                     beside, Layer("app", "App", "app", "each")))
    assert stack.guests_noun == many
    assert span_words(stack, beside) == f"beside the {many}"
    assert span_words(dataclasses.replace(stack, guests=1), beside) == f"beside the {guest}"
