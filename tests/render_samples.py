"""Model objects for the renderers' unit tests, built directly (no loading), and helpers to
read the renderers' output back."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from mkdocs_compare.data.fields import LIST, REFS, SCALE, TEXT
from mkdocs_compare.data.model import (
    Apart,
    Dataset,
    Field,
    Item,
    Level,
    Ranking,
    Scale,
    Tier,
)

SVG = "{http://www.w3.org/2000/svg}"
"""Namespace prefix of SVG elements as xml.etree names them."""


def methods(
    *,
    names: tuple[str, ...] = ("Full virtualization", "Paravirtualization", "Containers"),
    how: str = "The hypervisor **fully** simulates the hardware.",
    pros: tuple[str, ...] = ("Strong isolation.", "Runs unmodified guests."),
    level_label: str = "High",
    field_label: str = "How it works",
) -> Dataset:
    """Three methods on two scales, with every field type and one optional field left out."""
    isolation = Scale("isolation", "Isolation", (
        Level("weaker", "Weaker", "The kernel is shared."),
        Level("strong", "Strong"),
    ))
    overhead = Scale("overhead", "Performance overhead", (
        Level("minimal", "Minimal"),
        Level("low", "Low (near-native)"),
        Level("high", level_label, "Full simulation of the hardware."),
    ))
    fields = {
        "how": Field("how", field_label, TEXT),
        "isolation": Field("isolation", "Isolation", SCALE, scale="isolation"),
        "overhead": Field("overhead", "Performance overhead", SCALE, scale="overhead"),
        "pros": Field("pros", "Pros", LIST),
        "risks": Field("risks", "Risks", REFS, dataset="challenges"),
        "examples": Field("examples", "Examples", LIST, required=False),
    }
    levels = (("strong", "high"), ("strong", "low"), ("weaker", "minimal"))
    items = tuple(
        Item(
            f"m{index}", name,
            {"how": how, "isolation": isolation_level, "overhead": overhead_level, "pros": pros,
             "risks": ("escape",) if index else ("escape", "dos"),
             **({"examples": ("VMware ESXi", "KVM")} if index == 0 else {})},
            line=10 + index,
        )
        for index, (name, (isolation_level, overhead_level)) in enumerate(
            zip(names, levels, strict=False)
        )
    )
    return Dataset(
        id="methods", path="docs/data/methods.yml", title="Methods", item_label="Method",
        fields=fields, items=items, scales={"isolation": isolation, "overhead": overhead},
    )


def challenges() -> Dataset:
    """The dataset `methods` refers to through its `risks` field."""
    return Dataset(
        id="challenges", path="docs/data/challenges.yml", title="Challenges",
        item_label="Challenge",
        fields={"what": Field("what", "What", TEXT)},
        items=(
            Item("escape", "VM/container escape", {"what": "Breaking out of a guest."}, line=5),
            Item("dos", "Resource exhaustion (DoS)", {"what": "One guest starves others."}, line=8),
        ),
    )


def ranked(
    *,
    tiers: tuple[Tier, ...] | None = None,
    apart: tuple[Apart, ...] | None = None,
    first: str = "Strongest isolation",
    last: str = "Weakest isolation",
    description: str | None = None,
) -> Dataset:
    """A dataset with the lecture's ranking of isolation, as written on its slide."""
    default_tiers = (
        Tier(1, "Physical hardware", "Ultimate isolation, but inefficient."),
        Tier(2, "Full virtualization (Type 1)",
             "**Highest isolation** among common virtualization methods.", item="type-1",
             notes=("Best for multi-tenancy, cloud providers.",
                    "Minimal hypervisor attack surface.")),
        Tier(3, "Full virtualization (Type 2)",
             "Less secure due to reliance on underlying host OS.", item="type-2",
             notes=("Larger attack surface.",)),
        Tier(4, "OS-level virtualization (containers)",
             "**Least isolation** among common virtualization methods.", item="containers",
             notes=("Shared kernel is a critical security trade-off for efficiency.",
                    "Requires strong host OS security, image hygiene, and orchestration "
                    "controls.")),
    )
    default_apart = (
        Apart("Emulation", "Niche use, not typically for general infrastructure security.",
              item="emulation"),
    )
    ranking = Ranking(
        title='Which is "more secure"?', first=first, last=last,
        tiers=default_tiers if tiers is None else tiers,
        apart=default_apart if apart is None else apart,
        description=description,
    )
    return Dataset(
        id="security", path="docs/data/security.yml", title="Security by method",
        item_label="Method", fields={"architecture": Field("architecture", "Architecture",
                                                           TEXT)},
        items=(Item("type-1", "Full virtualization (Type 1)", {"architecture": "Bare metal."},
                    line=3),),
        ranking=ranking,
    )


def only(element: ET.Element, path: str) -> ET.Element:
    """The element at `path` under `element`; fails the test if there is none."""
    found = element.find(path)
    assert found is not None, f"no {path} in {element.tag}"
    return found


def parse(markup: str) -> ET.Element:
    """The renderer's output as XML: fails the test if it is not well-formed."""
    return ET.fromstring(markup)


def plain(element: ET.Element) -> str:
    """All text inside `element`, as a reader (or a screen reader) gets it."""
    return "".join(element.itertext())


def xml_legal(text: str) -> str:
    """`text` with the characters XML 1.0 cannot carry replaced, as the renderers must."""
    return "".join(
        char if char in "\t\n\r" or 0x20 <= ord(char) <= 0xD7FF or 0xE000 <= ord(char) <= 0xFFFD
        or ord(char) >= 0x10000 else "\ufffd"
        for char in text
    )


def squeezed(text: str) -> str:
    """`text` without any whitespace: wrapping may only move where lines break."""
    return "".join(text.split())
