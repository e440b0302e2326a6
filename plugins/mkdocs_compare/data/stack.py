"""The `stack` field type: an architecture as layers from the bottom up, and marks on them.

A stack value says which layers one item (an architecture) is made of, from the bottom up,
each with a label, a role (a level of a scale of the file, so that a role looks the same in
every diagram) and its span: `shared` by every guest, repeated in `each` guest, or `beside`
the guests (the host's own software next to them). Marks name layers: the one that keeps the
guests apart (`boundary`), shared single points of failure (`single_point`), the shared layers
a guest can reach (`surface`), and attack `paths` from one layer to another with a short label.

```yaml
stack:
  guest: VM
  guests: 2
  layers:
    - {role: hardware, label: Physical hardware, span: shared}
    - {role: hypervisor, label: Type 1 hypervisor, span: shared}
    - {role: guest-os, label: Guest OS, span: each}
  boundary: hypervisor
  surface: [hypervisor]
  paths:
    - {from: guest-os, to: hypervisor, label: VM escape}
```

Any layer, mark or path may say `source: notes`: the notes add it, the lecture does not say it.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal, cast

from yaml.nodes import MappingNode, Node, SequenceNode

from .fields import FieldType, FileSchema, register_field_type
from .inline import escape, to_html, to_plain
from .model import Dataset, Field, Scale, Source, Structured, Value
from .provenance import read_source
from .reader import Entries, Reader

Span = Literal["shared", "each", "beside"]
SPANS: dict[str, str] = {
    "shared": "one layer under every guest",
    "each": "repeated in each guest",
    "beside": "the host's own, beside the guests",
}
MARKS = ("boundary", "single_point", "surface", "paths")
"""The kinds of mark a stack may carry, in the order diagrams and texts give them."""
MAX_GUESTS = 4


@dataclass(frozen=True)
class Layer:
    """One layer of a stack."""

    id: str
    label: str
    role: str
    """A level id of the stack field's roles scale."""
    span: Span
    notes: bool = False
    """Added in these notes: the lecture does not say it."""


@dataclass(frozen=True)
class Mark:
    """A mark placed on one layer."""

    layer: str
    notes: bool = False


@dataclass(frozen=True)
class AttackPath:
    """An attack path from one layer of a stack to another."""

    start: str
    end: str
    label: str
    notes: bool = False


@dataclass(frozen=True)
class Stack(Structured):
    """An architecture: layers from the bottom up, and the marks on them."""

    roles: str
    """The id of the scale whose levels are the layers' roles."""
    guest: str
    """What one guest is called (`VM`, `container`), as written in the data."""
    guests: int
    """How many guests a diagram draws side by side."""
    layers: tuple[Layer, ...]
    """From the bottom up."""
    boundary: Mark | None = None
    single_points: tuple[Mark, ...] = ()
    surface: tuple[Mark, ...] = ()
    paths: tuple[AttackPath, ...] = ()

    def layer(self, layer_id: str) -> Layer:
        for layer in self.layers:
            if layer.id == layer_id:
                return layer
        raise KeyError(f"the stack has no layer `{layer_id}`")

    def spanning(self, span: Span) -> tuple[Layer, ...]:
        return tuple(layer for layer in self.layers if layer.span == span)

    @property
    def guests_noun(self) -> str:
        """What the guests are called, in the plural: `VMs`, `containers`, `processes`."""
        return self.guest + ("es" if self.guest.endswith(("s", "x", "z", "ch", "sh")) else "s")

    @property
    def notes(self) -> bool:
        """Whether any part of the stack is the notes' own."""
        parts: list[Layer | Mark | AttackPath] = [*self.layers, *self.single_points,
                                                  *self.surface, *self.paths]
        if self.boundary is not None:
            parts.append(self.boundary)
        return any(part.notes for part in parts)


@dataclass
class StackType(FieldType):
    """The `stack` field type; `roles` is set per field by `configure`."""

    name = "stack"
    summary = ("An architecture: its layers from the bottom up (label, role, span) and marks on "
               "them (isolation boundary, single points of failure, attack surface, attack "
               "paths), drawn by `compare-stack` and listed bottom-up in a table.")
    keys = ("roles",)

    roles: str | None = None
    read_so_far: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    """Each stack read from the file so far, as (what names it, its layer ids): a path to a
    layer of another item's stack is named as such."""

    def configure(self, schema: FileSchema, field: Field, entries: Entries) -> Field:
        reader = schema.reader
        node = entries["roles"][1]
        scale_id = reader.identifier(node, f"`roles` of field `{field.id}`")
        if scale_id not in schema.scales:
            known = ", ".join(schema.scales) or "none yet: define one under `scales`"
            raise reader.fail(node, f"field `{field.id}` takes its roles from scale `{scale_id}`"
                                    f", which this file does not define; the scales are: {known}")
        return replace(field, type=StackType(roles=scale_id))

    def read(self, schema: FileSchema, field: Field, node: Node, what: str) -> Value:
        if self.roles is None:
            raise ValueError(f"field `{field.id}` was not configured")
        stack = _StackReader(schema.reader, schema.scales[self.roles], what,
                             self.read_so_far).read(node)
        self.read_so_far.append((what, frozenset(layer.id for layer in stack.layers)))
        return stack

    def cell_html(self, field: Field, value: Value, datasets: Mapping[str, Dataset],
                  dataset: Dataset) -> str:
        """The layers as a list from the bottom up, each with its span."""
        stack = as_stack(value)
        entries = "".join(
            f"<li>{to_html(layer.label)}{NOTES_MARK_HTML if layer.notes else ''} "
            f"({escape(span_words(stack, layer))})</li>"
            for layer in stack.layers
        )
        return f'<ol class="compare-list">{entries}</ol>'

    def plain(self, field: Field, value: Value, datasets: Mapping[str, Dataset],
              dataset: Dataset) -> str:
        stack = as_stack(value)
        return "From the bottom up: " + "; ".join(
            f"{to_plain(layer.label)}{NOTES_MARK if layer.notes else ''} "
            f"({span_words(stack, layer)})" for layer in stack.layers
        )


NOTES_MARK = "\u2020"
NOTES_MARK_HTML = ('<sup class="compare-provenance"><span aria-hidden="true">\u2020</span>'
                   '<span class="compare-visually-hidden"> (added in these notes)</span></sup>')
"""The provenance marker of `render.notes`, which the data stage cannot import: a layer these
notes add, in a table cell."""


def span_words(stack: Stack, layer: Layer) -> str:
    """Where a layer stands, in words: `shared by every VM`, `in each VM`."""
    if layer.span == "shared":
        return f"shared by every {stack.guest}" if stack.guests > 1 else "shared"
    if layer.span == "each":
        return f"in each {stack.guest}" if stack.guests > 1 else f"in the {stack.guest}"
    return (f"beside the {stack.guests_noun}" if stack.guests > 1
            else f"beside the {stack.guest}")


def as_stack(value: Value) -> Stack:
    if not isinstance(value, Stack):
        raise TypeError(f"expected a stack, got {value!r}")
    return value


STACK = register_field_type(StackType())


class _StackReader:
    """Reads one stack value, every complaint located and naming what to write instead."""

    def __init__(self, reader: Reader, roles: Scale, what: str,
                 others: list[tuple[str, frozenset[str]]]) -> None:
        self.reader = reader
        self.roles = roles
        self.what = what
        self.others = others
        self.layers: dict[str, Layer] = {}

    def read(self, node: Node) -> Stack:
        reader, what = self.reader, self.what
        entries = reader.mapping(node, what)
        reader.check_keys(entries, node, what, ("layers",),
                          ("guest", "guests", *MARKS))
        guest = (reader.text(entries["guest"][1], f"`guest` of {what}")
                 if "guest" in entries else "guest")
        guests = 2
        if "guests" in entries:
            guests_node = entries["guests"][1]
            guests = reader.integer(guests_node, f"`guests` of {what}")
            if not 1 <= guests <= MAX_GUESTS:
                raise reader.fail(guests_node, f"`guests` of {what} is {guests}; draw 1 to "
                                               f"{MAX_GUESTS} guests side by side")
        layers = self._layers(entries["layers"][1])
        stack = Stack(self.roles.id, guest, guests, layers)
        if "boundary" in entries:
            boundary = self._mark(entries["boundary"][1], f"`boundary` of {what}")
            if not stack.spanning("each"):
                raise reader.fail(entries["boundary"][1], f"{what} has no layer in each guest "
                                  "(`span: each`), so no boundary runs around a guest's own "
                                  "layers; add such layers or remove `boundary`")
            stack = replace(stack, boundary=boundary)
        if "single_point" in entries:
            stack = replace(stack, single_points=self._shared_marks(entries["single_point"][1],
                                                                    "single_point"))
        if "surface" in entries:
            stack = replace(stack, surface=self._shared_marks(entries["surface"][1], "surface"))
        if "paths" in entries:
            stack = replace(stack, paths=self._paths(entries["paths"][1]))
        return stack

    def _layers(self, node: Node) -> tuple[Layer, ...]:
        reader = self.reader
        what = f"`layers` of {self.what}"
        layers: list[Layer] = []
        seen: dict[Hashable, int] = {}
        level_ids = [level.id for level in self.roles.levels]
        first_each: int | None = None
        beside_base: str | None = None
        """The shared layer the `beside` layers stand on, once one is read."""
        first_beside: Node | None = None
        for number, layer_node in enumerate(reader.sequence(node, what), start=1):
            layer_what = f"layer {number} of {what}"
            entries = reader.mapping(layer_node, layer_what)
            reader.check_keys(entries, layer_node, layer_what, ("label", "role", "span"),
                              ("id", "source"))
            role_node = entries["role"][1]
            role = reader.text(role_node, f"`role` of {layer_what}")
            if role not in level_ids:
                raise reader.fail(role_node, f"`role` of {layer_what} is `{role}`, which is not "
                                             f"a level of scale `{self.roles.id}`; write one of: "
                                             f"{', '.join(level_ids)} (or add the role to the "
                                             "scale)")
            id_node = entries["id"][1] if "id" in entries else role_node
            layer_id = (reader.identifier(id_node, f"`id` of {layer_what}") if "id" in entries
                        else role)
            reader.once(seen, layer_id, id_node, f"layer id `{layer_id}`",
                        "give each layer its own `id` (a layer without one takes its role)",
                        within=what)
            span_node = entries["span"][1]
            span = reader.text(span_node, f"`span` of {layer_what}")
            if span not in SPANS:
                options = " or ".join(f"`{key}` ({meaning})" for key, meaning in SPANS.items())
                raise reader.fail(span_node, f"`span` of {layer_what} is `{span}`; write "
                                             f"{options}")
            if span == "shared" and first_each is not None:
                raise reader.fail(span_node, f"{layer_what} is shared, but stands on layer "
                                             f"{first_each}, which is repeated in each guest; "
                                             "list the shared layers first, from the bottom up")
            if span == "each" and first_each is None:
                first_each = number
            if span == "beside":
                base = next((layer.id for layer in reversed(layers) if layer.span == "shared"),
                            None)
                if base is None:
                    raise reader.fail(span_node, f"{layer_what} stands beside the guests on a "
                                                 "shared layer, but none is listed before it; "
                                                 "list it after the shared layer it stands on")
                if beside_base is not None and base != beside_base:
                    raise reader.fail(span_node, f"{layer_what} stands on `{base}`, the other "
                                                 f"`beside` layers on `{beside_base}`; list the "
                                                 "`beside` layers together")
                beside_base = base
                first_beside = first_beside or layer_node
            layer = Layer(layer_id, reader.text(entries["label"][1], f"`label` of {layer_what}"),
                          role, cast(Span, span), self._notes(entries, layer_what))
            layers.append(layer)
            self.layers[layer_id] = layer
        above_base = layers[[layer.id for layer in layers].index(beside_base) + 1:] \
            if beside_base is not None else []
        if above_base and all(layer.span == "beside" for layer in above_base):
            raise reader.fail(first_beside, f"the `beside` layers of {self.what} stand next to "
                                            "nothing: list at least one layer of the guests "
                                            f"after `{beside_base}`, the layer they stand on")
        return tuple(layers)

    def _notes(self, entries: Entries, what: str) -> bool:
        """Whether the part says `source: notes` (added in these notes)."""
        return read_source(self.reader, entries, what) is Source.NOTES

    def _mark(self, node: Node, what: str) -> Mark:
        """A layer id, or a mapping with `layer` and `source`."""
        notes = False
        id_node = node
        if isinstance(node, MappingNode):
            entries = self.reader.mapping(node, what)
            self.reader.check_keys(entries, node, what, ("layer",), ("source",))
            id_node = entries["layer"][1]
            notes = self._notes(entries, what)
        return Mark(self._layer_id(id_node, what), notes)

    def _layer_id(self, node: Node, what: str) -> str:
        layer_id = self.reader.text(node, what)
        if layer_id in self.layers:
            return layer_id
        known = ", ".join(self.layers)
        other = next((name for name, ids in reversed(self.others) if layer_id in ids), None)
        if other is not None:
            raise self.reader.fail(node, f"{what} is `{layer_id}`, a layer of the {other}, not "
                                         "of this one; marks and attack paths stay within one "
                                         f"stack: write one of its layers: {known}")
        raise self.reader.fail(node, f"{what} is `{layer_id}`, which is not a layer of this "
                                     f"stack; write one of its layers: {known}")

    def _listed(self, node: Node, what: str) -> list[Node]:
        """One entry, or a list of them."""
        if isinstance(node, SequenceNode):
            return self.reader.sequence(node, what)
        return [node]

    def _shared_marks(self, node: Node, key: str) -> tuple[Mark, ...]:
        what = f"`{key}` of {self.what}"
        noun = {"single_point": "a single point of failure", "surface": "attack surface"}[key]
        marks: list[Mark] = []
        seen: dict[Hashable, int] = {}
        for number, entry in enumerate(self._listed(node, what), start=1):
            entry_what = f"entry {number} of {what}" if isinstance(node, SequenceNode) else what
            mark = self._mark(entry, entry_what)
            self.reader.once(seen, mark.layer, entry, f"layer `{mark.layer}`", "list it once",
                             within=what)
            if self.layers[mark.layer].span != "shared":
                raise self.reader.fail(entry, f"{entry_what} is `{mark.layer}`, which is not "
                                              "shared by the guests; only a layer with `span: "
                                              f"shared` can be {noun}")
            marks.append(mark)
        return tuple(marks)

    def _paths(self, node: Node) -> tuple[AttackPath, ...]:
        reader = self.reader
        what = f"`paths` of {self.what}"
        paths: list[AttackPath] = []
        for number, path_node in enumerate(reader.sequence(node, what), start=1):
            path_what = f"path {number} of {what}"
            entries = reader.mapping(path_node, path_what)
            reader.check_keys(entries, path_node, path_what, ("from", "to", "label"),
                              ("source",))
            start = self._layer_id(entries["from"][1], f"`from` of {path_what}")
            end = self._layer_id(entries["to"][1], f"`to` of {path_what}")
            if start == end:
                raise reader.fail(entries["to"][1], f"{path_what} runs from `{start}` to itself;"
                                                    " an attack path joins two layers")
            label = reader.text(entries["label"][1], f"`label` of {path_what}")
            paths.append(AttackPath(start, end, label, self._notes(entries, path_what)))
        return tuple(paths)


def is_stack_field(field: Field) -> bool:
    return isinstance(field.type, StackType)
