"""A block's options: each declared once with the validator that reads its value.

Validators are small functions from a located YAML value to a typed one, in the manner of
pymdown-extensions' `type_*` checkers; each raises a located `BlockError` that says what to
write instead. A block's kind lists its options (`kinds.BlockKind`); parsing, messages and
the authoring guide's option tables all read that declaration.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from yaml.nodes import Node

from ..data.model import Dataset
from ..data.reader import Reader

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


@dataclass(frozen=True)
class Value:
    """One option's value as written in a block, with what a validator needs to check it."""

    reader: Reader
    node: Node
    name: str
    """The option's name, as messages quote it."""
    dataset: Dataset
    """The block's dataset, which most options choose from."""


Validator = Callable[[Value], T]


@dataclass(frozen=True)
class Option(Generic[T_co]):
    """One option a block kind accepts."""

    name: str
    validator: Callable[[Value], T_co]
    meaning: str
    """What the option does and, for an optional one, what happens without it (the authoring
    guide's option table shows this)."""
    default: Callable[[Dataset], T_co] | None = None
    """The value when the block leaves the option out; `None` makes the option required."""

    @property
    def required(self) -> bool:
        return self.default is None


def text(value: Value) -> str:
    """Any non-empty text."""
    return value.reader.text(value.node, f"`{value.name}`")


def choice(choices: Mapping[str, str]) -> Validator[str]:
    """One of the words of `choices` (word: what it means, for the message)."""

    def validate(value: Value) -> str:
        word = value.reader.text(value.node, f"`{value.name}`")
        if word not in choices:
            options = " or ".join(f"`{key}` ({meaning})" for key, meaning in choices.items())
            raise value.reader.fail(value.node, f"`{value.name}` is `{word}`; write {options}")
        return word

    return validate


def item_ids(value: Value) -> tuple[str, ...]:
    """Ids of items of the block's dataset, each once."""
    return _chosen(value, "item", list(all_items(value.dataset)))


def field_ids(value: Value) -> tuple[str, ...]:
    """Ids of fields of the block's dataset, each once."""
    return _chosen(value, "field", list(value.dataset.fields))


def scale_field(value: Value) -> str:
    """The id of a `scale` field of the block's dataset."""
    reader, dataset = value.reader, value.dataset
    field_id = reader.identifier(value.node, f"`{value.name}`")
    field = dataset.fields.get(field_id)
    if field is None or field.scale is None:
        scale_fields = [f.id for f in dataset.fields.values() if f.scale is not None]
        raise reader.fail(value.node, f"`{value.name}` must name a scale field of dataset "
                                      f"`{dataset.id}`; its scale fields are: "
                                      f"{', '.join(scale_fields) or 'none'}")
    return field_id


def all_items(dataset: Dataset) -> tuple[str, ...]:
    return tuple(item.id for item in dataset.items)


def all_fields(dataset: Dataset) -> tuple[str, ...]:
    return tuple(dataset.fields)


def no_value(dataset: Dataset) -> None:
    """The default of an option whose absence the renderer fills in (a caption, say)."""
    return


def _chosen(value: Value, noun: str, known: list[str]) -> tuple[str, ...]:
    """The ids listed, each known and listed once."""
    reader = value.reader
    chosen: list[str] = []
    for node, chosen_id in reader.identifiers(value.node, f"`{value.name}`"):
        if chosen_id not in known:
            raise reader.fail(node, f"dataset `{value.dataset.id}` has no {noun} `{chosen_id}`; "
                                    f"its {value.name} are: {', '.join(known)}")
        if chosen_id in chosen:
            raise reader.fail(node, f"{noun} `{chosen_id}` is listed twice in `{value.name}`")
        chosen.append(chosen_id)
    return tuple(chosen)
