"""One data file's YAML nodes checked against the dataset schema and turned into a `Dataset`.

The schema is documented for authors in the docs (`authoring/schema.md`); every rule there is
checked here, in the order a reader meets the file: top-level keys, scales, fields, items,
ranking; within each part, its keys and texts before what it holds. References to other
datasets cannot be checked from one file: they are returned as `Reference`s for `load` to
check once every file has loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import Node

from .model import Apart, Dataset, Field, FieldType, Item, Level, Ranking, Scale, Tier, Value
from .source import Reader

Entries = dict[str, tuple[Node, Node]]

_RESERVED_FIELD_IDS = ("id", "name")
"""Keys every item has, so no field may take them as its id."""

DEFAULT_ITEM_LABEL = "Item"

_PLACED_OPTIONAL = ("item", "name", "notes")
"""Optional keys of a ranking's tiers and of its entries kept `apart`."""


@dataclass(frozen=True)
class Reference:
    """A `refs` field's values, each to be found among the items of another dataset."""

    reader: Reader
    field: Field
    dataset_node: Node
    """The field's `dataset:` value, blamed when that dataset does not exist."""
    values: tuple[tuple[Node, str], ...]
    """Every value of the field across the items, with its node, in file order."""


@dataclass(frozen=True)
class Validated:
    dataset: Dataset
    references: tuple[Reference, ...]


def validate_dataset(reader: Reader, dataset_id: str, root: Node | None) -> Validated:
    """The dataset that `root` (a whole data file, composed) describes, or a `DataError`."""
    return _DatasetValidator(reader).dataset(dataset_id, root)


class _DatasetValidator:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.scales: dict[str, Scale] = {}
        self.fields: dict[str, Field] = {}
        self.field_scales: dict[str, Scale] = {}
        """Each scale field's scale, by field id."""
        self.dataset_nodes: dict[str, Node] = {}
        """Each refs field's `dataset:` value."""

    def dataset(self, dataset_id: str, root: Node | None) -> Validated:
        reader = self.reader
        if root is None:
            raise reader.fail(None, "the file holds no data; a dataset needs at least `title:`, "
                                    "`fields:` and `items:`")
        entries = reader.mapping(root, "the dataset")
        reader.check_keys(entries, root, "the dataset", ("title", "fields", "items"),
                          ("description", "item_label", "scales", "ranking"))
        title = reader.text(entries["title"][1], "`title`")
        description = self._optional_text(entries, "description", "`description`")
        item_label = self._optional_text(entries, "item_label", "`item_label`")
        if "scales" in entries:
            self.scales = self._scales(entries["scales"][1])
        self.fields = self._fields(entries["fields"][1])
        items, refs_values = self._items(entries["items"][1])
        ranking = self._ranking(entries["ranking"][1], items) if "ranking" in entries else None
        dataset = Dataset(
            id=dataset_id,
            path=reader.path,
            title=title,
            item_label=item_label or DEFAULT_ITEM_LABEL,
            fields=self.fields,
            items=items,
            scales=self.scales,
            ranking=ranking,
            description=description,
        )
        references = tuple(
            Reference(reader, field, self.dataset_nodes[field.id], tuple(refs_values[field.id]))
            for field in self.fields.values()
            if field.type is FieldType.REFS
        )
        return Validated(dataset, references)

    # Scales

    def _scales(self, node: Node) -> dict[str, Scale]:
        entries = self._non_empty_mapping(node, "`scales`", "define at least one scale or "
                                                            "remove `scales`")
        scales = {}
        for scale_id, (key_node, value_node) in entries.items():
            self.reader.identifier(key_node, "scale id")
            scales[scale_id] = self._scale(scale_id, value_node)
        return scales

    def _scale(self, scale_id: str, node: Node) -> Scale:
        reader = self.reader
        what = f"scale `{scale_id}`"
        entries = reader.mapping(node, what)
        reader.check_keys(entries, node, what, ("label", "levels"))
        label = reader.text(entries["label"][1], f"`label` of {what}")
        levels_node = entries["levels"][1]
        levels: list[Level] = []
        first_lines: dict[str, int] = {}
        for number, level_node in enumerate(reader.sequence(levels_node, f"`levels` of {what}"),
                                            start=1):
            level_what = f"level {number} of {what}"
            level_entries = reader.mapping(level_node, level_what)
            reader.check_keys(level_entries, level_node, level_what, ("id", "label"),
                              ("description",))
            id_node = level_entries["id"][1]
            level_id = reader.identifier(id_node, f"`id` of {level_what}")
            if level_id in first_lines:
                raise reader.fail(id_node, f"level `{level_id}` is given twice in {what} (first "
                                           f"on line {first_lines[level_id]}); give each level "
                                           "its own id")
            first_lines[level_id] = reader.line(id_node)
            levels.append(Level(
                level_id,
                reader.text(level_entries["label"][1], f"`label` of {level_what}"),
                self._optional_text(level_entries, "description", f"`description` of {level_what}"),
            ))
        if len(levels) < 2:
            raise reader.fail(levels_node, f"{what} has only one level; a scale needs at least "
                                           "two levels, lowest first")
        return Scale(scale_id, label, tuple(levels))

    # Fields

    def _fields(self, node: Node) -> dict[str, Field]:
        entries = self._non_empty_mapping(node, "`fields`", "define at least one field")
        fields = {}
        for field_id, (key_node, value_node) in entries.items():
            self.reader.identifier(key_node, "field id")
            if field_id in _RESERVED_FIELD_IDS:
                raise self.reader.fail(key_node, f"a field cannot be called `{field_id}`: every "
                                                 "item has an `id` and a `name` of its own; "
                                                 "choose another field id")
            fields[field_id] = self._field(field_id, value_node)
        return fields

    def _field(self, field_id: str, node: Node) -> Field:
        reader = self.reader
        what = f"field `{field_id}`"
        entries = reader.mapping(node, what)
        reader.check_keys(entries, node, what, ("label", "type"),
                          ("scale", "dataset", "required", "description"))
        label = reader.text(entries["label"][1], f"`label` of {what}")
        type_node = entries["type"][1]
        type_name = reader.text(type_node, f"`type` of {what}")
        types = [field_type.value for field_type in FieldType]
        if type_name not in types:
            raise reader.fail(type_node, f"`type` of {what} is `{type_name}`; write one of: "
                                         f"{', '.join(types)}")
        field_type = FieldType(type_name)
        scale_id = self._type_key(entries, node, what, field_type, "scale", FieldType.SCALE)
        if scale_id is not None:
            if scale_id not in self.scales:
                known = ", ".join(self.scales) or "none yet: define them under `scales`"
                raise reader.fail(entries["scale"][1], f"{what} uses scale `{scale_id}`, which "
                                                       "this file does not define; the scales "
                                                       f"are: {known}")
            self.field_scales[field_id] = self.scales[scale_id]
        dataset_id = self._type_key(entries, node, what, field_type, "dataset", FieldType.REFS)
        if dataset_id is not None:
            self.dataset_nodes[field_id] = entries["dataset"][1]
        required = (
            reader.boolean(entries["required"][1], f"`required` of {what}")
            if "required" in entries else True
        )
        return Field(
            id=field_id,
            label=label,
            type=field_type,
            required=required,
            scale=scale_id,
            dataset=dataset_id,
            description=self._optional_text(entries, "description", f"`description` of {what}"),
        )

    def _type_key(
        self, entries: Entries, node: Node, what: str, field_type: FieldType, key: str,
        owner: FieldType,
    ) -> str | None:
        """The id under `key`, which fields of type `owner` need and other fields must not have."""
        reader = self.reader
        if field_type is not owner:
            if key in entries:
                raise reader.fail(entries[key][0], f"`{key}` only applies to fields of type "
                                                   f"`{owner.value}`; remove it from {what} or "
                                                   f"set `type: {owner.value}`")
            return None
        if key not in entries:
            raise reader.fail(node, f"{what} has type `{owner.value}` and so needs `{key}`; add "
                                    f"a line `{key}: ...`")
        return reader.identifier(entries[key][1], f"`{key}` of {what}")

    # Items

    def _items(self, node: Node) -> tuple[tuple[Item, ...], dict[str, list[tuple[Node, str]]]]:
        """The items, and every refs field's values with their nodes."""
        reader = self.reader
        items: list[Item] = []
        first_lines: dict[str, int] = {}
        references: dict[str, list[tuple[Node, str]]] = {
            field.id: [] for field in self.fields.values() if field.type is FieldType.REFS
        }
        for number, item_node in enumerate(reader.sequence(node, "`items`"), start=1):
            entries = reader.mapping(item_node, f"item {number}")
            reader.check_keys(entries, item_node, f"item {number}", ("id", "name"),
                              tuple(self.fields))
            id_node = entries["id"][1]
            item_id = reader.identifier(id_node, f"`id` of item {number}")
            if item_id in first_lines:
                raise reader.fail(id_node, f"item id `{item_id}` is given twice (first on line "
                                           f"{first_lines[item_id]}); give each item its own id")
            first_lines[item_id] = reader.line(id_node)
            what = f"item `{item_id}`"
            name = reader.text(entries["name"][1], f"`name` of {what}")
            values: dict[str, Value] = {}
            for field in self.fields.values():
                if field.id in entries:
                    values[field.id] = self._value(field, entries[field.id][1], what, references)
                elif field.required:
                    raise reader.fail(item_node, f"{what} gives no `{field.id}`, which every item "
                                                 f"must have; add a line `{field.id}: ...` or set "
                                                 f"`required: false` on field `{field.id}`")
            items.append(Item(item_id, name, values, reader.line(item_node)))
        return tuple(items), references

    def _value(
        self, field: Field, node: Node, item: str,
        references: dict[str, list[tuple[Node, str]]],
    ) -> Value:
        reader = self.reader
        what = f"`{field.id}` of {item}"
        if field.type is FieldType.TEXT:
            return reader.text(node, what)
        if field.type is FieldType.LIST:
            return reader.texts(node, what)
        if field.type is FieldType.SCALE:
            scale = self.field_scales[field.id]
            level_id = reader.text(node, what)
            if level_id not in {level.id for level in scale.levels}:
                raise reader.fail(node, f"{what} is `{level_id}`, which is not a level of scale "
                                        f"`{scale.id}`; write one of: "
                                        f"{', '.join(level.id for level in scale.levels)}")
            return level_id
        ids: list[str] = []
        for number, child in enumerate(reader.sequence(node, what), start=1):
            item_id = reader.text(child, f"entry {number} of {what}")
            if item_id in ids:
                raise reader.fail(child, f"`{item_id}` is listed twice in {what}; list it once")
            ids.append(item_id)
            references[field.id].append((child, item_id))
        return tuple(ids)

    # Ranking

    def _ranking(self, node: Node, items: tuple[Item, ...]) -> Ranking:
        reader = self.reader
        entries = reader.mapping(node, "`ranking`")
        reader.check_keys(entries, node, "`ranking`", ("title", "first", "last", "tiers"),
                          ("description", "apart"))
        title = reader.text(entries["title"][1], "`title` of `ranking`")
        description = self._optional_text(entries, "description", "`description` of `ranking`")
        first = reader.text(entries["first"][1], "`first` of `ranking`")
        last = reader.text(entries["last"][1], "`last` of `ranking`")
        placed: dict[str, int] = {}  # item id: line where the ranking first names it
        names = {item.id: item.name for item in items}
        tiers: list[Tier] = []
        rank_lines: dict[int, int] = {}
        for number, tier_node in enumerate(reader.sequence(entries["tiers"][1], "`tiers`"),
                                           start=1):
            what = f"entry {number} of `tiers`"
            tier_entries = reader.mapping(tier_node, what)
            reader.check_keys(tier_entries, tier_node, what, ("rank", "verdict"), _PLACED_OPTIONAL)
            rank_node = tier_entries["rank"][1]
            rank = reader.integer(rank_node, f"`rank` of {what}")
            if rank < 1:
                raise reader.fail(rank_node, f"`rank` of {what} is {rank}; ranks start at 1 (the "
                                             "first tier)")
            if rank in rank_lines:
                raise reader.fail(rank_node, f"rank {rank} is given twice (first on line "
                                             f"{rank_lines[rank]}); give each tier its own rank")
            rank_lines[rank] = reader.line(rank_node)
            placement = self._placed(tier_entries, tier_node, what, names, placed)
            tiers.append(Tier(rank, placement.name, placement.verdict, placement.item,
                              placement.notes))
        apart: list[Apart] = []
        if "apart" in entries:
            for number, apart_node in enumerate(reader.sequence(entries["apart"][1], "`apart`"),
                                                start=1):
                what = f"entry {number} of `apart`"
                apart_entries = reader.mapping(apart_node, what)
                reader.check_keys(apart_entries, apart_node, what, ("verdict",), _PLACED_OPTIONAL)
                apart.append(self._placed(apart_entries, apart_node, what, names, placed))
        return Ranking(
            title=title,
            first=first,
            last=last,
            tiers=tuple(sorted(tiers, key=lambda tier: tier.rank)),
            apart=tuple(apart),
            description=description,
        )

    def _placed(
        self, entries: Entries, node: Node, what: str, names: dict[str, str],
        placed: dict[str, int],
    ) -> Apart:
        """What a tier shares with an entry of `apart`: its name, verdict, item and notes.

        `names` gives each item's name by id; `placed` records each item the ranking names.
        """
        reader = self.reader
        if ("item" in entries) == ("name" in entries):
            raise reader.fail(node, f"{what} needs either `item` (an item id of this dataset, "
                                    "whose name is shown) or `name` (a thing that is not an "
                                    "item), not " + ("both" if "item" in entries else "neither"))
        item_id: str | None = None
        if "item" in entries:
            item_node = entries["item"][1]
            item_id = reader.text(item_node, f"`item` of {what}")
            if item_id not in names:
                raise reader.fail(item_node, f"`item` of {what} is `{item_id}`, which is not an "
                                             f"item of this dataset; write one of: "
                                             f"{', '.join(names)}")
            if item_id in placed:
                raise reader.fail(item_node, f"item `{item_id}` is already placed in the ranking "
                                             f"(on line {placed[item_id]}); an item may appear "
                                             "once across `tiers` and `apart`")
            placed[item_id] = reader.line(item_node)
            name = names[item_id]
        else:
            name = reader.text(entries["name"][1], f"`name` of {what}")
        verdict = reader.text(entries["verdict"][1], f"`verdict` of {what}")
        if "notes" not in entries:
            return Apart(name, verdict, item_id)
        notes = reader.texts(entries["notes"][1], f"`notes` of {what}")
        return Apart(name, verdict, item_id, notes)

    # Shared

    def _optional_text(self, entries: Entries, key: str, what: str) -> str | None:
        return self.reader.text(entries[key][1], what) if key in entries else None

    def _non_empty_mapping(self, node: Node, what: str, instead: str) -> Entries:
        entries = self.reader.mapping(node, what)
        if not entries:
            raise self.reader.fail(node, f"{what} must not be empty; {instead}")
        return entries
