"""Where a fact comes from: the `source:` key, and values written with their qualifier.

Anything the data holds is from the lecture unless it says `source: notes` (added in these
notes): a whole dataset, a field (every value of it), an item, a ranking, one of its entries,
or one value. One value is marked by writing it as a mapping, which can also carry a
`qualifier`, what the value holds only with:

    overhead:
      value: high
      qualifier: without hardware assistance
"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node

from .model import Source
from .reader import Entries, Reader

SOURCE_KEY = "source"
WRAPPER_KEYS = ("value", "qualifier", SOURCE_KEY)
"""The keys of a value written as a mapping; a mapping with other keys is the value itself."""


def read_source(reader: Reader, entries: Entries, what: str) -> Source | None:
    """The `source:` of a mapping, if it has one."""
    if SOURCE_KEY not in entries:
        return None
    node = entries[SOURCE_KEY][1]
    word = reader.text(node, f"`source` of {what}")
    sources = [source.value for source in Source]
    if word not in sources:
        raise reader.fail(node, f"`source` of {what} is `{word}`; write `notes` (added in these "
                                "notes) or `lecture` (from the lecture, the default)")
    return Source(word)


def is_wrapped(node: Node) -> bool:
    """Whether `node` is a value written as a mapping of `value:`, `qualifier:` and `source:`
    rather than the value itself (no field type's own mapping uses those keys)."""
    return isinstance(node, MappingNode) and any(
        getattr(key, "value", None) in WRAPPER_KEYS for key, _ in node.value)


def unwrap(reader: Reader, node: Node, what: str) -> tuple[Node, str | None, Source | None]:
    """The value's own node, its qualifier and its source."""
    entries = reader.mapping(node, what)
    reader.check_keys(entries, node, what, ("value",), WRAPPER_KEYS[1:])
    qualifier = reader.optional_text(entries, "qualifier", f"`qualifier` of {what}")
    return entries["value"][1], qualifier, read_source(reader, entries, what)
