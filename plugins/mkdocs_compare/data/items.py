"""The `items:` part of a data file: the things compared, each with its field values."""

from __future__ import annotations

from collections.abc import Hashable

from yaml.nodes import Node

from .fields import FileSchema
from .model import Field, Item, Source, Value
from .provenance import SOURCE_KEY, is_wrapped, read_source, unwrap


def read_items(schema: FileSchema, fields: dict[str, Field], node: Node) -> tuple[Item, ...]:
    """The items, each value read by its field's type."""
    reader = schema.reader
    items: list[Item] = []
    seen: dict[Hashable, int] = {}
    for number, item_node in enumerate(reader.sequence(node, "`items`"), start=1):
        entries = reader.mapping(item_node, f"item {number}")
        reader.check_keys(entries, item_node, f"item {number}", ("id", "name"),
                          (*fields, SOURCE_KEY))
        id_node = entries["id"][1]
        item_id = reader.identifier(id_node, f"`id` of item {number}")
        reader.once(seen, item_id, id_node, f"item id `{item_id}`", "give each item its own id")
        what = f"item `{item_id}`"
        name = reader.text(entries["name"][1], f"`name` of {what}")
        values: dict[str, Value] = {}
        qualifiers: dict[str, str] = {}
        value_sources: dict[str, Source] = {}
        for field in fields.values():
            if field.id in entries:
                value_what = f"`{field.id}` of {what}"
                node = entries[field.id][1]
                if is_wrapped(node):
                    node, qualifier, source = unwrap(reader, node, value_what)
                    if qualifier is not None:
                        qualifiers[field.id] = qualifier
                    if source is not None:
                        value_sources[field.id] = source
                values[field.id] = field.type.read(schema, field, node, value_what)
            elif field.required:
                raise reader.fail(item_node, f"{what} gives no `{field.id}`, which every item "
                                             f"must have; add a line `{field.id}: ...` or set "
                                             f"`required: false` on field `{field.id}`")
        items.append(Item(item_id, name, values, reader.line(item_node),
                          read_source(reader, entries, what), qualifiers, value_sources))
    return tuple(items)
