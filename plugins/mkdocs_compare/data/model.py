"""The validated shape of a dataset: what the loader produces and the renderers consume.

Every text value is *inline markup source*: plain text that may carry `*emphasis*`,
`**strong**`, `` `code` `` and `[links](url)`. Renderers turn it into escaped HTML with
`inline`; nothing here is trusted markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .fields import FieldType


class Source(StrEnum):
    """Where a fact comes from: the lecture (the default), or these notes' own reading."""

    LECTURE = "lecture"
    NOTES = "notes"


@dataclass(frozen=True)
class Level:
    """One step of an ordinal scale."""

    id: str
    label: str
    description: str | None = None


@dataclass(frozen=True)
class Scale:
    """An ordered set of levels, lowest first."""

    id: str
    label: str
    levels: tuple[Level, ...]

    def position(self, level_id: str) -> int:
        """Zero-based rank of a level on this scale (0 is the lowest)."""
        for position, level in enumerate(self.levels):
            if level.id == level_id:
                return position
        # A KeyError, not StopIteration: the latter would silently end a caller's generator.
        raise KeyError(f"scale `{self.id}` has no level `{level_id}`")

    def level(self, level_id: str) -> Level:
        return self.levels[self.position(level_id)]


@dataclass(frozen=True)
class Field:
    """A property that items of a dataset may have."""

    id: str
    label: str
    type: FieldType
    """How values are checked and shown; one of `fields.FIELD_TYPES`."""
    required: bool = True
    scale: str | None = None
    """Id of the scale, for `FieldType.SCALE`."""
    dataset: str | None = None
    """Id of the referenced dataset, for `FieldType.REFS`."""
    description: str | None = None
    source: Source | None = None
    """Where every value of the field comes from, unless an item or a value says otherwise."""


class Structured:
    """Base of a field value made of parts of its own (a stack's layers and marks), which only
    its field type reads and shows."""

    __slots__ = ()


Value = str | tuple[str, ...] | Structured
"""A field value: `str` for text and scale fields, a tuple for list and refs fields, a
`Structured` value for field types with parts (`stack`)."""


@dataclass(frozen=True)
class Item:
    """One thing being compared (a column or a row of a table, a point on a chart)."""

    id: str
    name: str
    values: dict[str, Value]
    """Field id to value; optional fields the item does not give are absent."""
    line: int
    """Line of the item in its data file, for messages."""
    source: Source | None = None
    """Where the item and its values come from, unless a value says otherwise."""
    qualifiers: dict[str, str] = field(default_factory=dict)
    """Field id to what a value holds only with (e.g. "without hardware assistance"), shown
    wherever the value is."""
    value_sources: dict[str, Source] = field(default_factory=dict)
    """Field id to where that one value comes from."""


@dataclass(frozen=True)
class Tier:
    """One step of a ranking: names either an item of the dataset or a thing of its own."""

    rank: int
    name: str
    """Display name: the item's name when `item` is set, else the tier's own `name`."""
    verdict: str
    item: str | None = None
    notes: tuple[str, ...] = ()
    source: Source | None = None
    """Where the tier's place in the order comes from, unless the ranking says."""


@dataclass(frozen=True)
class Apart:
    """Something the ranking deliberately leaves out of its order, with the reason."""

    name: str
    verdict: str
    item: str | None = None
    notes: tuple[str, ...] = ()
    source: Source | None = None
    """Where keeping it apart comes from, unless the ranking says."""


@dataclass(frozen=True)
class Ranking:
    """An order over (some of) a dataset's items, strongest first."""

    title: str
    first: str
    """What the top of the order means, e.g. "Strongest isolation"."""
    last: str
    """What the bottom of the order means, e.g. "Weakest isolation"."""
    tiers: tuple[Tier, ...]
    """Sorted by rank, best first."""
    apart: tuple[Apart, ...] = ()
    description: str | None = None
    source: Source | None = None
    """Where the whole order comes from, unless the dataset says."""

    def source_of(self, entry: Tier | Apart, dataset: Dataset) -> Source:
        return entry.source or self.source or dataset.source or Source.LECTURE


@dataclass(frozen=True)
class Dataset:
    """One data file, validated."""

    id: str
    """The file's stem: `methods.yml` is dataset `methods`."""
    path: str
    """The file's path as shown in messages (relative to the project when possible)."""
    title: str
    item_label: str
    """Header of the column (or row) that holds the items' names."""
    fields: dict[str, Field]
    """In the order the data file defines them."""
    items: tuple[Item, ...]
    scales: dict[str, Scale] = field(default_factory=dict)
    ranking: Ranking | None = None
    description: str | None = None
    source: Source | None = None
    """Where the whole dataset comes from (`notes` for a mapping the notes made up)."""

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(f"dataset `{self.id}` has no item `{item_id}`")

    def source_of(self, item: Item, field: Field | None = None) -> Source:
        """Where `item`'s value of `field` (or, without one, the item itself) comes from: the
        most particular of the value, the item, the field and the dataset that says."""
        value = item.value_sources.get(field.id) if field is not None else None
        return (value or item.source or (field.source if field is not None else None)
                or self.source or Source.LECTURE)
