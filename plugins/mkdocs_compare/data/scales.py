"""The `scales:` part of a data file: named ordinal scales, lowest level first."""

from __future__ import annotations

from collections.abc import Hashable

from yaml.nodes import Node

from .model import Level, Scale
from .reader import Reader


def read_scales(reader: Reader, node: Node) -> dict[str, Scale]:
    entries = reader.mapping(node, "`scales`")
    if not entries:
        raise reader.fail(node, "`scales` must not be empty; define at least one scale or remove "
                                "`scales`")
    scales = {}
    for scale_id, (key_node, value_node) in entries.items():
        reader.identifier(key_node, "scale id")
        scales[scale_id] = _read_scale(reader, scale_id, value_node)
    return scales


def _read_scale(reader: Reader, scale_id: str, node: Node) -> Scale:
    what = f"scale `{scale_id}`"
    entries = reader.mapping(node, what)
    reader.check_keys(entries, node, what, ("label", "levels"))
    label = reader.text(entries["label"][1], f"`label` of {what}")
    levels_node = entries["levels"][1]
    levels: list[Level] = []
    seen: dict[Hashable, int] = {}
    for number, level_node in enumerate(reader.sequence(levels_node, f"`levels` of {what}"),
                                        start=1):
        level_what = f"level {number} of {what}"
        level_entries = reader.mapping(level_node, level_what)
        reader.check_keys(level_entries, level_node, level_what, ("id", "label"),
                          ("description",))
        id_node = level_entries["id"][1]
        level_id = reader.identifier(id_node, f"`id` of {level_what}")
        reader.once(seen, level_id, id_node, f"level `{level_id}`", "give each level its own id",
                    within=what)
        level_label = reader.text(level_entries["label"][1], f"`label` of {level_what}")
        description = reader.optional_text(level_entries, "description",
                                           f"`description` of {level_what}")
        levels.append(Level(level_id, level_label, description))
    if len(levels) < 2:
        raise reader.fail(levels_node, f"{what} has only one level; a scale needs at least two "
                                       "levels, lowest first")
    return Scale(scale_id, label, tuple(levels))
