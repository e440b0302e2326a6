"""Tests that can fail (issue 14): each kills mutants of the layer-stack renderer
(mkdocs_compare/render/stack.py) that the rest of the fast suite let through."""

from __future__ import annotations

import dataclasses
import itertools
import xml.etree.ElementTree as ET

from accepted import CHANGED, changed_drawings
from stack_samples import ROLES, architectures

from mkdocs_compare.data.model import Dataset, Field, Item, Source
from mkdocs_compare.data.stack import MARKS, AttackPath, Layer, Mark, Stack, StackType
from mkdocs_compare.render.stack import MARGIN, NAME, render_stack

SVG = "{http://www.w3.org/2000/svg}"

LONG_LABELS = ("Physical hardware of a rack server with two sockets",
               "Hypervisor that schedules every guest's virtual CPUs",
               "Guest operating system with its own kernel and drivers",
               "Applications")


def _crowded() -> Dataset:
    """Shapes the lecture's stacks do not have: two layers beside the guests, taller together
    than the rows they stand beside; two attack paths side by side in their lanes;
    a stack whose roles skip one of the scale's (no hypervisor) and that marks nothing."""
    crowded = Stack("role", "VM", 2, (
        Layer("hardware", "Physical hardware", "hardware", "shared"),
        Layer("host", "Host OS", "guest-os", "shared"),
        Layer("backup", "Backup agent that copies every disk image to another site each night",
              "app", "beside"),
        Layer("monitor", "Monitoring daemon shipping each log line to a remote collector",
              "app", "beside"),
        Layer("hypervisor", "Hypervisor", "hypervisor", "shared"),
        Layer("guest", "Guest OS", "guest-os", "each"),
    ), boundary=Mark("hypervisor"), single_points=(Mark("host"),),
        surface=(Mark("host"), Mark("hypervisor")),
        paths=(AttackPath("guest", "host", "Escape to the host"),
               AttackPath("guest", "hypervisor", "VM escape")))
    unmarked = Stack("role", "Container", 3, (
        Layer("hardware", "Physical hardware", "hardware", "shared"),
        Layer("kernel", "Kernel", "guest-os", "shared"),
        Layer("app", "Application", "app", "each"),
    ))
    field = Field("stack", "Layers", StackType(roles="role"))
    return Dataset(
        id="architectures", path="docs/data/architectures.yml", title="Architectures",
        item_label="Architecture", fields={"stack": field},
        items=(Item("unmarked", "Containers", {"stack": unmarked}, line=3),
               Item("crowded", "Crowded host", {"stack": crowded}, line=9)),
        scales={"role": ROLES},
    )


def _beside_paths() -> Dataset:
    """The crowded host with attack paths from and to the layers beside the guests: each goes
    out to the right and over the top of the stack, crossing no box."""
    dataset = _crowded()
    crowded = dataset.item("crowded")
    stack = crowded.values["stack"]
    assert isinstance(stack, Stack)
    paths = (AttackPath("monitor", "hypervisor", "Log injection"),
             AttackPath("guest", "backup", "Backup tampering"),
             AttackPath("backup", "host", "Agent to host"))
    item = dataclasses.replace(crowded, values={"stack": dataclasses.replace(stack,
                                                                             paths=paths)})
    return dataclasses.replace(dataset, items=(item,))


def _name_between(prefix: str, low: float, high: float) -> str:
    """`prefix` and a word of narrow letters, as wide as lies between `low` and `high` on one
    line of the name's style."""
    name = f"{prefix} i"
    while NAME.width(name) <= low:
        name += "i"
    assert NAME.width(name) <= high
    return name


def _shapes() -> Dataset:
    """A stack of shared layers only (no guests' columns); one whose layer beside the guests
    stands next to a single row, drawn as added in the notes; one guest whose own layer has a
    long label (its column widens to hold it in about three lines); a long attack path added in
    the notes; three guests whose columns are as wide as the header's word, or as a label in
    about three lines; one guest and a path from beside it, its detour counted in the least
    width. The two flat stacks' names are as wide as the room between the margins
    (280 units less two margins), just under and just over."""
    shared = (Layer("hardware", "Physical hardware", "hardware", "shared"),
              Layer("kernel", "Kernel", "guest-os", "shared"),
              Layer("app", "Application", "app", "shared"))
    room = 280 - 2 * MARGIN
    flat = Stack("role", "Process", 1, shared)
    beside_one_row = Stack("role", "VM", 2, (
        Layer("hardware", "Physical hardware", "hardware", "shared"),
        Layer("host", "Host OS", "guest-os", "shared"),
        Layer("tools", "Host tools", "app", "beside"),
        Layer("hypervisor", "Hypervisor", "hypervisor", "shared"),
    ))
    wide_column = Stack("role", "Partition-of-the-machine", 1, (
        Layer("hardware", "Physical hardware", "hardware", "shared"),
        Layer("hypervisor", "Separation kernel", "hypervisor", "shared"),
        Layer("guest", " ".join(["Guest operating system with its drivers"] * 3), "guest-os",
              "each"),
    ), boundary=Mark("hypervisor"), surface=(Mark("hypervisor"),),
        paths=(AttackPath("guest", "hypervisor", " ".join(["Escape through a device"] * 4),
                          notes=True),))
    guests_own = (Layer("hardware", "Physical hardware", "hardware", "shared"),
                  Layer("kernel", "Kernel", "hypervisor", "shared"))
    header_decides = Stack("role", "Compartment", 3, (
        *guests_own, Layer("app", "App", "app", "each"),
    ), paths=(AttackPath("app", "kernel", "Escape through the device model", notes=True),))
    label_decides = Stack("role", "VM", 3, (
        *guests_own, Layer("guest", "Guest operating system with its own drivers", "guest-os",
                           "each"),
    ))
    beside_one_guest = Stack("role", "VM", 1, (
        Layer("hardware", "Physical hardware", "hardware", "shared"),
        Layer("host", "Host OS", "guest-os", "shared"),
        Layer("tools", "Host tools", "app", "beside"),
        Layer("guest", "Guest OS", "guest-os", "each"),
    ), paths=(AttackPath("tools", "host", "Tampering"),))
    field = Field("stack", "Layers", StackType(roles="role"))
    items = (Item("flat-fits", _name_between("Flat", room - MARGIN, room), {"stack": flat},
                  line=1),
             Item("flat-wraps", _name_between("Flat", room, 280 - 2 / MARGIN),
                  {"stack": flat}, line=2),
             Item("beside", "Beside one row", {"stack": beside_one_row}, line=3,
                  value_sources={"stack": Source.NOTES}),
             Item("wide", "Wide column", {"stack": wide_column}, line=4),
             Item("header", "The header decides", {"stack": header_decides}, line=5),
             Item("label", "A label decides", {"stack": label_decides}, line=6),
             Item("detour", "A detour widens a narrow stack", {"stack": beside_one_guest},
                  line=7))
    return Dataset(id="shapes", path="docs/data/shapes.yml", title="Shapes",
                   item_label="Shape", fields={"stack": field},
                   items=items, scales={"role": ROLES})


def _golden_stacks() -> dict[str, str]:
    """Each layout, each mark alone and together, long labels, one to four guests."""
    drawings = {
        "stack-side-by-side": render_stack(
            architectures(), field="stack", items=("vms", "hosted"), layout="side-by-side",
            marks=MARKS, caption="Both", diagram_id="compare-stack-1"),
        "stack-rows": render_stack(
            architectures(guests=4), field="stack", items=("hosted", "vms"), layout="rows",
            marks=MARKS, caption="Rows", diagram_id="compare-stack-2"),
        "stack-unmarked": render_stack(
            architectures(guests=1), field="stack", items=("vms", "hosted"),
            layout="side-by-side", marks=(), caption="No marks", diagram_id="compare-stack-3"),
        "stack-long": render_stack(
            architectures(names=("A hypervisor with a name long enough to wrap twice over",
                                 "Containers"), labels=LONG_LABELS,
                          path_label="Escape from the guest through a device model",
                          guest="Virtual machine", guests=3),
            field="stack", items=("vms", "hosted"), layout="side-by-side", marks=MARKS,
            caption="Long", diagram_id="compare-stack-4"),
    }
    drawings["stack-paths-beside"] = render_stack(
        _beside_paths(), field="stack", items=("crowded",), layout="rows", marks=MARKS,
        caption="Paths beside", diagram_id="compare-stack-10")
    for layout in ("side-by-side", "rows"):
        drawings[f"stack-crowded-{layout}"] = render_stack(
            _crowded(), field="stack", items=("unmarked", "crowded"), layout=layout,
            marks=MARKS, caption="Crowded", diagram_id="compare-stack-6")
    drawings["stack-marked-then-unmarked"] = render_stack(
        _crowded(), field="stack", items=("crowded", "unmarked"), layout="rows", marks=MARKS,
        caption="The legend holds the marks of every stack", diagram_id="compare-stack-8")
    drawings["stack-shapes"] = render_stack(
        _shapes(), field="stack",
        items=("flat-fits", "flat-wraps", "beside", "wide", "header", "label", "detour"),
        layout="rows", marks=MARKS, caption="Shapes", diagram_id="compare-stack-9")
    drawings["stack-unmarked-alone"] = render_stack(
        _crowded(), field="stack", items=("unmarked",), layout="rows", marks=MARKS,
        caption="Nothing marked", diagram_id="compare-stack-7")
    for mark in MARKS:
        drawings[f"stack-only-{mark.replace('_', '-')}"] = render_stack(
            architectures(), field="stack", items=("vms", "hosted"), layout="side-by-side",
            marks=(mark,), caption=mark, diagram_id="compare-stack-5")
    return drawings


def test_the_stacks_draw_what_was_accepted() -> None:
    """Pins the geometry the property tests of test_stack.py leave free: column widths, row
    tops, the paths' routes, the legend's order and the patterns."""
    assert changed_drawings(_golden_stacks()) == [], CHANGED


def _segments(points: str) -> list[tuple[float, float, float, float]]:
    """The straight pieces of an SVG path written as `M x y x y …` (axis-parallel here)."""
    numbers = [float(number) for number in points.removeprefix("M").split()]
    corners = list(zip(numbers[::2], numbers[1::2], strict=True))
    return [(*start, *end) for start, end in itertools.pairwise(corners)]


def _crosses(segment: tuple[float, float, float, float], box: ET.Element) -> bool:
    """Whether `segment` runs through the inside of the rectangle `box` (touching an edge, as
    an arrow's end does, is not crossing)."""
    x1, y1, x2, y2 = segment
    left, top = float(box.get("x", 0)), float(box.get("y", 0))
    right, bottom = left + float(box.get("width", 0)), top + float(box.get("height", 0))
    across = max(min(x1, x2), left) < min(max(x1, x2), right) - 0.5
    down = max(min(y1, y2), top) < min(max(y1, y2), bottom) - 0.5
    inside_x, inside_y = left < x1 < right, top < y1 < bottom
    return (y1 == y2 and inside_y and across) or (x1 == x2 and inside_x and down)


def test_no_attack_path_crosses_a_box() -> None:
    """An arrow runs in its lane and, to or from a layer beside the guests, over the top of the
    stack: never through a layer's box, where it would hide the label and read as a link
    between the wrong layers."""
    drawn = 0
    for name, html in _golden_stacks().items():
        figure = ET.fromstring(html)
        for image in figure.iter(f"{SVG}svg"):
            boxes = [rect for rect in image.iter(f"{SVG}rect") if rect.get("class") == "cd-box"]
            for path in image.iter(f"{SVG}path"):
                if path.get("class") != "cd-stack-path":
                    continue
                drawn += 1
                crossed = [segment for segment in _segments(path.get("d", ""))
                           for box in boxes if _crosses(segment, box)]
                assert crossed == [], f"{name}: {path.get('d')}"
    assert drawn >= 15
