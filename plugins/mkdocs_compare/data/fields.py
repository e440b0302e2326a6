"""Field types: each one's whole behaviour in one class.

A field type says how its schema entry is checked (`configure`), how a value is read from the
data (`read`, with located errors), and how a value is shown in a table cell (`cell_html`) and
in plain text (`plain`, for diagrams' text alternatives and descriptions). Adding a type is a
class here and its entry in `FIELD_TYPES`; the schema page documents `summary`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import ClassVar, TypeVar

from yaml.nodes import Node

from .inline import to_html, to_plain
from .model import Dataset, Field, Scale, Value
from .provenance import read_source
from .reader import Entries, Reader

FILLED = "\u25cf"
"""A filled dot: one per level up to an item's own, so the rating reads without colour."""
EMPTY = "\u25cb"


@dataclass(frozen=True)
class Reference:
    """A `refs` field's values, each to be found among the items of another dataset once every
    file has loaded (`check_references`)."""

    reader: Reader
    field_id: str
    dataset_id: str
    dataset_node: Node
    """The field's `dataset:` value, blamed when that dataset does not exist."""
    values: list[tuple[Node, str]] = field(default_factory=list)
    """Every value of the field across the items, with its node, in file order."""


@dataclass
class FileSchema:
    """What the field types consult and record while one data file is read."""

    reader: Reader
    scales: Mapping[str, Scale]
    references: dict[str, Reference] = field(default_factory=dict)
    """Each `refs` field's reference, by field id."""


class FieldType(ABC):
    """How the values of one kind of field are written in the data and shown on the page."""

    name: ClassVar[str]
    """What `type:` says in a field's schema entry."""
    summary: ClassVar[str]
    """One line for the schema page: how a value is written and shown."""
    keys: ClassVar[tuple[str, ...]] = ()
    """Keys a field of this type needs in its schema entry besides `label` and `type`."""

    def configure(self, schema: FileSchema, field: Field, entries: Entries) -> Field:
        """`field` completed from the type's own keys in its schema entry (checked present)."""
        return field

    @abstractmethod
    def read(self, schema: FileSchema, field: Field, node: Node, what: str) -> Value:
        """The value at `node`, checked; `what` names it in messages."""

    @abstractmethod
    def cell_html(self, field: Field, value: Value, datasets: Mapping[str, Dataset],
                  dataset: Dataset) -> str:
        """The HTML inside a table cell showing `value`."""

    @abstractmethod
    def plain(self, field: Field, value: Value, datasets: Mapping[str, Dataset],
              dataset: Dataset) -> str:
        """`value` as plain text: what the cell says, without markup."""

    def __repr__(self) -> str:
        return f"<field type {self.name}>"


class TextType(FieldType):
    name = "text"
    summary = "One piece of inline text."

    def read(self, schema: FileSchema, field: Field, node: Node, what: str) -> Value:
        return schema.reader.text(node, what)

    def cell_html(self, field: Field, value: Value, datasets: Mapping[str, Dataset],
                  dataset: Dataset) -> str:
        return to_html(_one(value))

    def plain(self, field: Field, value: Value, datasets: Mapping[str, Dataset],
              dataset: Dataset) -> str:
        return to_plain(_one(value))


class ListType(FieldType):
    name = "list"
    summary = "A list of inline texts, shown as a bulleted list (pros, cons, examples)."

    def read(self, schema: FileSchema, field: Field, node: Node, what: str) -> Value:
        return schema.reader.texts(node, what)

    def cell_html(self, field: Field, value: Value, datasets: Mapping[str, Dataset],
                  dataset: Dataset) -> str:
        return _bullets(_many(value))

    def plain(self, field: Field, value: Value, datasets: Mapping[str, Dataset],
              dataset: Dataset) -> str:
        return "; ".join(to_plain(entry) for entry in _many(value))


class ScaleType(FieldType):
    name = "scale"
    summary = ("One level of a named ordinal scale, shown as a dot for each step up to it and "
               "its word.")
    keys = ("scale",)

    def configure(self, schema: FileSchema, field: Field, entries: Entries) -> Field:
        reader = schema.reader
        node = entries["scale"][1]
        scale_id = reader.identifier(node, f"`scale` of field `{field.id}`")
        if scale_id not in schema.scales:
            known = ", ".join(schema.scales) or "none yet: define them under `scales`"
            raise reader.fail(node, f"field `{field.id}` uses scale `{scale_id}`, which this "
                                    f"file does not define; the scales are: {known}")
        return replace(field, scale=scale_id)

    def read(self, schema: FileSchema, field: Field, node: Node, what: str) -> Value:
        scale = schema.scales[_scale_id(field)]
        level_id = schema.reader.text(node, what)
        if level_id not in {level.id for level in scale.levels}:
            raise schema.reader.fail(node, f"{what} is `{level_id}`, which is not a level of "
                                           f"scale `{scale.id}`; write one of: "
                                           f"{', '.join(level.id for level in scale.levels)}")
        return level_id

    def cell_html(self, field: Field, value: Value, datasets: Mapping[str, Dataset],
                  dataset: Dataset) -> str:
        """The level as dots for its position on the scale, then its label: never colour
        alone. What a level means is told in the table's legend, not in a `title` (a theme's
        script may read a title as HTML, and a tooltip shows to no keyboard or touch user)."""
        scale = dataset.scales[_scale_id(field)]
        level = scale.level(_one(value))
        return (
            '<span class="compare-rating">'
            f'<span class="compare-rating__symbol" aria-hidden="true">{dots(scale, level.id)}'
            f'</span> <span class="compare-rating__label">{to_html(level.label)}</span></span>'
        )

    def plain(self, field: Field, value: Value, datasets: Mapping[str, Dataset],
              dataset: Dataset) -> str:
        return to_plain(dataset.scales[_scale_id(field)].level(_one(value)).label)


class RefsType(FieldType):
    name = "refs"
    summary = ("A list of item ids of another dataset (`dataset:`), shown as those items' "
               "names.")
    keys = ("dataset",)

    def configure(self, schema: FileSchema, field: Field, entries: Entries) -> Field:
        node = entries["dataset"][1]
        dataset_id = schema.reader.identifier(node, f"`dataset` of field `{field.id}`")
        configured = replace(field, dataset=dataset_id)
        schema.references[field.id] = Reference(schema.reader, field.id, dataset_id, node)
        return configured

    def read(self, schema: FileSchema, field: Field, node: Node, what: str) -> Value:
        reader = schema.reader
        ids: list[str] = []
        for number, child in enumerate(reader.sequence(node, what), start=1):
            item_id = reader.text(child, f"entry {number} of {what}")
            if item_id in ids:
                raise reader.fail(child, f"`{item_id}` is listed twice in {what}; list it once")
            ids.append(item_id)
            schema.references[field.id].values.append((child, item_id))
        return tuple(ids)

    def cell_html(self, field: Field, value: Value, datasets: Mapping[str, Dataset],
                  dataset: Dataset) -> str:
        return _bullets(self._names(field, value, datasets))

    def plain(self, field: Field, value: Value, datasets: Mapping[str, Dataset],
              dataset: Dataset) -> str:
        return "; ".join(to_plain(name) for name in self._names(field, value, datasets))

    @staticmethod
    def _names(field: Field, value: Value, datasets: Mapping[str, Dataset]) -> tuple[str, ...]:
        referenced = datasets[field.dataset or ""]
        return tuple(referenced.item(item_id).name for item_id in _many(value))


def dots(scale: Scale, level_id: str) -> str:
    """A filled dot for each step of `scale` up to the level, an empty one for each above."""
    position = scale.position(level_id)
    return FILLED * (position + 1) + EMPTY * (len(scale.levels) - position - 1)


TEXT = TextType()
LIST = ListType()
SCALE = ScaleType()
REFS = RefsType()

FIELD_TYPES: dict[str, FieldType] = {kind.name: kind for kind in (TEXT, LIST, SCALE, REFS)}
"""Every field type, by the name a schema entry's `type:` gives."""

FT = TypeVar("FT", bound=FieldType)


def register_field_type(kind: FT) -> FT:
    """Make a field type declared in a module of its own (e.g. `stack`) known to the schema."""
    if kind.name in FIELD_TYPES:
        raise ValueError(f"a field type `{kind.name}` is already registered")
    FIELD_TYPES[kind.name] = kind
    return kind


RESERVED_FIELD_IDS = ("id", "name", "source")
"""Keys an item may have besides its fields, so no field may take them as its id."""


def read_fields(schema: FileSchema, node: Node) -> dict[str, Field]:
    """The `fields:` mapping of a data file, each entry checked against its type."""
    reader = schema.reader
    entries = reader.mapping(node, "`fields`")
    if not entries:
        raise reader.fail(node, "`fields` must not be empty; define at least one field")
    fields = {}
    for field_id, (key_node, value_node) in entries.items():
        reader.identifier(key_node, "field id")
        if field_id in RESERVED_FIELD_IDS:
            raise reader.fail(key_node, f"a field cannot be called `{field_id}`: every item has "
                                        "an `id`, a `name` and may have a `source` of its own; "
                                        "choose another field id")
        fields[field_id] = _read_field(schema, field_id, value_node)
    return fields


def _read_field(schema: FileSchema, field_id: str, node: Node) -> Field:
    reader = schema.reader
    what = f"field `{field_id}`"
    entries = reader.mapping(node, what)
    type_keys = tuple(key for kind in FIELD_TYPES.values() for key in kind.keys)
    reader.check_keys(entries, node, what, ("label", "type"),
                      (*type_keys, "required", "description", "source"))
    label = reader.text(entries["label"][1], f"`label` of {what}")
    type_node = entries["type"][1]
    type_name = reader.text(type_node, f"`type` of {what}")
    if type_name not in FIELD_TYPES:
        raise reader.fail(type_node, f"`type` of {what} is `{type_name}`; write one of: "
                                     f"{', '.join(FIELD_TYPES)}")
    field_type = FIELD_TYPES[type_name]
    for kind in FIELD_TYPES.values():
        for key in kind.keys:
            if kind is not field_type and key in entries:
                raise reader.fail(entries[key][0], f"`{key}` only applies to fields of type "
                                                   f"`{kind.name}`; remove it from {what} or "
                                                   f"set `type: {kind.name}`")
    for key in field_type.keys:
        if key not in entries:
            raise reader.fail(node, f"{what} has type `{field_type.name}` and so needs `{key}`; "
                                    f"add a line `{key}: ...`")
    field = field_type.configure(schema, Field(id=field_id, label=label, type=field_type),
                                 entries)
    if "required" in entries:
        field = replace(field, required=reader.boolean(entries["required"][1],
                                                       f"`required` of {what}"))
    return replace(field, description=reader.optional_text(entries, "description",
                                                           f"`description` of {what}"),
                   source=read_source(reader, entries, what))


def check_references(references: list[Reference], datasets: Mapping[str, Dataset]) -> None:
    """Every `refs` field names a dataset, and each of its values an item of that dataset."""
    for reference in references:
        reader, field_id = reference.reader, reference.field_id
        target = datasets.get(reference.dataset_id)
        if target is None:
            raise reader.fail(reference.dataset_node, f"field `{field_id}` refers to dataset "
                                                      f"`{reference.dataset_id}`, which does not "
                                                      "exist; "
                                                      f"the datasets are: {', '.join(datasets)}")
        known = [item.id for item in target.items]
        for node, item_id in reference.values:
            if item_id not in known:
                raise reader.fail(node, f"`{item_id}` in `{field_id}` is not an item of dataset "
                                        f"`{target.id}`; write one of: {', '.join(known)}")


def _scale_id(field: Field) -> str:
    if field.scale is None:
        raise ValueError(f"field `{field.id}` names no scale")
    return field.scale


def _one(value: Value) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected one text, got {value!r}")
    return value


def _many(value: Value) -> tuple[str, ...]:
    if not isinstance(value, tuple):
        raise TypeError(f"expected a list, got {value!r}")
    return value


def _bullets(entries: tuple[str, ...]) -> str:
    return '<ul class="compare-list">' + "".join(
        f"<li>{to_html(entry)}</li>" for entry in entries) + "</ul>"
