"""Stack data for the tests of the `stack` field type and the `compare-stack` block: a valid
file (two architectures, one of them no virtualization at all, to keep the kind generic), the
catalogue of bad edits with the line each error belongs to, and model objects built directly."""

from __future__ import annotations

from mkdocs_compare.data.model import Dataset, Field, Item, Level, Scale
from mkdocs_compare.data.stack import STACK, AttackPath, Layer, Mark, Stack, StackType

MARK = "#<"
"""Ends the line that an error is expected on, in the cases below."""

STACKS = """\
title: Architectures
item_label: Architecture
scales:
  role:
    label: Role
    levels:
      - {id: hardware, label: Hardware}
      - {id: kernel, label: Kernel}
      - {id: app, label: Application}
fields:
  stack:
    label: Layers
    type: stack
    roles: role
    required: false
  note:
    label: Note
    type: text
    required: false
items:
  - id: vms
    name: Two VMs
    stack:
      guest: VM
      guests: 2
      layers:
        - {id: metal, role: hardware, label: Metal, span: shared}
        - {id: hv, role: kernel, label: Hypervisor, span: shared}
        - {id: tools, role: app, label: Host tools, span: beside, source: notes}
        - {id: guest-os, role: kernel, label: Guest kernel, span: each}
        - {id: guest-apps, role: app, label: Guest apps, span: each}
      boundary: hv
      single_point: [hv]
      surface: [{layer: hv, source: notes}]
      paths:
        - {from: guest-os, to: hv, label: Escape}
  - id: unix
    name: One kernel
    stack:
      guest: process
      guests: 3
      layers:
        - {role: hardware, label: CPU and memory, span: shared}
        - {role: kernel, label: Kernel, span: shared}
        - {role: app, label: Process, span: each}
      boundary: kernel
      paths:
        - {from: app, to: kernel, label: System call exploit}
  - id: plain
    name: No stack
    note: Only a note.
"""

PLAIN = """\
title: Plain
fields:
  note:
    label: Note
    type: text
items:
  - id: one
    name: One
    note: A note.
"""

BAD_STACKS = {
    "unknown role": ("{role: kernel, label: Kernel, span: shared}",
                     f"{{role: kernal, label: Kernel, span: shared}} {MARK}",
                     "`role` of layer 2 of `layers` of `stack` of item `unix` is `kernal`, which "
                     "is not a level of scale `role`; write one of: hardware, kernel, app"),
    "mark on a missing layer": ("      boundary: kernel\n", f"      boundary: kernl {MARK}\n",
                                "`boundary` of `stack` of item `unix` is `kernl`, which is not a "
                                "layer of this stack; write one of its layers: hardware, kernel, "
                                "app"),
    "path between items": ("{from: app, to: kernel, label: System call exploit}",
                           f"{{from: app, to: hv, label: System call exploit}} {MARK}",
                           "`to` of path 1 of `paths` of `stack` of item `unix` is `hv`, a layer "
                           "of the `stack` of item `vms`, not of this one"),
    "empty stack": ("      layers:\n        - {role: hardware, label: CPU and memory, span: "
                    "shared}\n        - {role: kernel, label: Kernel, span: shared}\n"
                    "        - {role: app, label: Process, span: each}\n",
                    f"      layers: [] {MARK}\n",
                    "`layers` of `stack` of item `unix` must not be empty; give at least one "
                    "entry"),
    "misspelt stack key": ("      guests: 3\n", f"      gests: 3 {MARK}\n",
                           "unknown key `gests` in `stack` of item `unix`; did you mean "
                           "`guests`?"),
    "unknown span": ("{role: app, label: Process, span: each}",
                     f"{{role: app, label: Process, span: every}} {MARK}",
                     "`span` of layer 3 of `layers` of `stack` of item `unix` is `every`; write "
                     "`shared`"),
    "shared on a guest's layer": (
        "        - {role: app, label: Process, span: each}\n",
        "        - {role: app, label: Process, span: each}\n"
        f"        - {{id: top, role: kernel, label: Top, span: shared}} {MARK}\n",
        "layer 4 of `layers` of `stack` of item `unix` is shared, but stands on layer 3, which "
        "is repeated in each guest; list the shared layers first"),
    "surface on a guest's layer": ("      surface: [{layer: hv, source: notes}]\n",
                                   f"      surface: [guest-os] {MARK}\n",
                                   "entry 1 of `surface` of `stack` of item `vms` is `guest-os`, "
                                   "which is not shared by the guests; only a layer with `span: "
                                   "shared` can be attack surface"),
    "path to itself": ("{from: app, to: kernel, label: System call exploit}",
                       f"{{from: kernel, to: kernel, label: System call exploit}} {MARK}",
                       "path 1 of `paths` of `stack` of item `unix` runs from `kernel` to itself"),
    "unknown roles scale": ("    roles: role\n", f"    roles: roles {MARK}\n",
                            "field `stack` takes its roles from scale `roles`, which this file "
                            "does not define; the scales are: role"),
    "too many guests": ("      guests: 3\n", f"      guests: 9 {MARK}\n",
                        "`guests` of `stack` of item `unix` is 9; draw 1 to 4 guests"),
    "unknown source": ("span: beside, source: notes}", f"span: beside, source: blog}} {MARK}",
                       "`source` of layer 3 of `layers` of `stack` of item `vms` is `blog`; "
                       "write `notes` (added in these notes) or `lecture`"),
    "two layers with one id": ("        - {role: app, label: Process, span: each}\n",
                               "        - {role: app, label: Process, span: each}\n"
                               f"        - {{role: app, label: Shell, span: each}} {MARK}\n",
                               "layer id `app` is given twice in `layers` of `stack` of item "
                               "`unix` (first on line 45); give each layer its own `id`"),
    "beside next to nothing": (
        "        - {id: guest-os, role: kernel, label: Guest kernel, span: each}\n"
        "        - {id: guest-apps, role: app, label: Guest apps, span: each}\n"
        "      boundary: hv\n", "      boundary: hv\n",
        "stand next to nothing"),
    "boundary without guests' layers": ("{role: app, label: Process, span: each}",
                                        "{role: app, label: Process, span: shared}",
                                        "has no layer in each guest (`span: each`), so no "
                                        "boundary runs around a guest's own layers"),
}
"""Each case edits the valid STACKS file: (old text, new text, a phrase the message must hold).
The error is expected on the line that ends with MARK (a YAML comment); a case without MARK
names its line in `UNMARKED_LINES`."""

UNMARKED_LINES = {"beside next to nothing": 29, "boundary without guests' layers": 46}


def edited(old: str, new: str) -> str:
    assert STACKS.count(old) == 1, old
    return STACKS.replace(old, new)


def expected_line(case: str, text: str) -> int:
    if case in UNMARKED_LINES:
        return UNMARKED_LINES[case]
    marked = [number for number, line in enumerate(text.splitlines(), 1) if line.endswith(MARK)]
    assert len(marked) == 1, text
    return marked[0]


ROLES = Scale("role", "Role", (Level("hardware", "Hardware"), Level("hypervisor", "Hypervisor"),
                               Level("guest-os", "Guest OS"), Level("app", "Applications")))


def architectures(
    *, names: tuple[str, str] = ("Type 1 hypervisor", "Containers"),
    labels: tuple[str, str, str, str] = ("Physical hardware", "Hypervisor", "Guest OS",
                                         "Applications"),
    path_label: str = "VM escape", guest: str = "VM", role_label: str = "Hypervisor",
    guests: int = 2,
) -> Dataset:
    """Two architectures built directly: a hypervisor under two guests, and one with a layer
    beside its guests and nothing but marks from the notes."""
    hardware, hypervisor, guest_os, apps = labels
    roles = Scale("role", "Role", (Level("hardware", "Hardware"),
                                   Level("hypervisor", role_label),
                                   Level("guest-os", "Guest OS"), Level("app", "Applications")))
    vms = Stack("role", guest, guests, (
        Layer("hardware", hardware, "hardware", "shared"),
        Layer("hypervisor", hypervisor, "hypervisor", "shared"),
        Layer("guest-os", guest_os, "guest-os", "each"),
        Layer("app", apps, "app", "each"),
    ), boundary=Mark("hypervisor"), single_points=(Mark("hypervisor"),),
        surface=(Mark("hypervisor"),),
        paths=(AttackPath("guest-os", "hypervisor", path_label),))
    hosted = Stack("role", guest, 3, (
        Layer("hardware", hardware, "hardware", "shared"),
        Layer("host", guest_os, "guest-os", "shared"),
        Layer("others", apps, "app", "beside", notes=True),
        Layer("hypervisor", hypervisor, "hypervisor", "shared"),
        Layer("app", apps, "app", "each"),
    ), boundary=Mark("hypervisor", notes=True), single_points=(Mark("host", notes=True),),
        surface=(Mark("host"), Mark("hypervisor")),
        paths=(AttackPath("app", "host", path_label, notes=True),))
    field = Field("stack", "Layers", StackType(roles="role"))
    assert isinstance(STACK, StackType)
    return Dataset(
        id="architectures", path="docs/data/architectures.yml", title="Architectures",
        item_label="Architecture", fields={"stack": field},
        items=(Item("vms", names[0], {"stack": vms}, line=3),
               Item("hosted", names[1], {"stack": hosted}, line=9)),
        scales={"role": roles},
    )
