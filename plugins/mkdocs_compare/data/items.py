"""The `items:` part of a data file: the things compared, each with its field values."""

from __future__ import annotations

from collections.abc import Hashable

from yaml.nodes import Node

from .fields import FileSchema
from .model import Field, Item, Value


def read_items(schema: FileSchema, fields: dict[str, Field], node: Node) -> tuple[Item, ...]:
    """The items, each value read by its field's type."""
    reader = schema.reader
    items: list[Item] = []
    seen: dict[Hashable, int] = {}
    for number, item_node in enumerate(reader.sequence(node, "`items`"), start=1):
        entries = reader.mapping(item_node, f"item {number}")
        reader.check_keys(entries, item_node, f"item {number}", ("id", "name"), tuple(fields))
        id_node = entries["id"][1]
        item_id = reader.identifier(id_node, f"`id` of item {number}")
        reader.once(seen, item_id, id_node, f"item id `{item_id}`", "give each item its own id")
        what = f"item `{item_id}`"
        name = reader.text(entries["name"][1], f"`name` of {what}")
        values: dict[str, Value] = {}
        for field in fields.values():
            if field.id in entries:
                values[field.id] = field.type.read(schema, field, entries[field.id][1],
                                                   f"`{field.id}` of {what}")
            elif field.required:
                raise reader.fail(item_node, f"{what} gives no `{field.id}`, which every item "
                                             f"must have; add a line `{field.id}: ...` or set "
                                             f"`required: false` on field `{field.id}`")
        items.append(Item(item_id, name, values, reader.line(item_node)))
    return tuple(items)
