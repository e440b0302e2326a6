"""Block kinds: what an author may write in a page, each declared once.

A block is a fenced code block whose name is the kind and whose body is YAML naming what to
render:

```compare-table
dataset: methods
items: [full, containers]
orientation: rows
```

A `BlockKind` declares its name, its options with their validators, the parts of a dataset
it needs, its renderer, whether its output joins the Markdown tree, and its CSS hook. The
extension registers a fence for every kind in `BLOCK_KINDS`; `parse_block` checks a body
against its kind's declaration; the authoring guide's option tables are tested against it.
Adding a kind is a renderer and one `register` call.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from yaml.nodes import Node

from ..data.model import Dataset
from ..data.namespaces import DatasetScope
from ..data.reader import Reader
from ..errors import CompareError
from .options import Option, Value

T = TypeVar("T")

DATASET_MEANING = "The data file's name without `.yml`."


@dataclass(frozen=True)
class BlockKind:
    """One kind of block and everything the rest of the plugin needs to know about it."""

    name: str
    """The fence name an author writes after the backticks, e.g. `compare-table`."""
    summary: str
    """What the block shows, in one sentence."""
    render: Callable[[Block], str]
    """Turns a checked block into HTML with one root element (the `css_class`)."""
    css_class: str
    """Class of the output's root element; the stylesheet styles the kind through it."""
    options: tuple[Option[Any], ...] = ()
    """Options besides `dataset`, which every kind requires, in the order the guide lists
    them."""
    needs: tuple[str, ...] = ()
    """Optional parts of a dataset (attributes of `Dataset`) the kind cannot render without."""
    in_tree: bool = False
    """Whether the output joins the Markdown tree, so that the rest of the conversion treats
    its text as the page's own: abbreviations get tooltips, MkDocs rewrites and checks links.
    An inline SVG in it stays out of the tree all the same: nothing may alter its text."""

    def option_names(self) -> tuple[str, ...]:
        return ("dataset", *(option.name for option in self.options))


@dataclass(frozen=True)
class Block:
    """One block of a page, its options checked against its kind."""

    kind: BlockKind
    reader: Reader
    """Locates errors: the page's path, lines counted from the block's body."""
    root: Node
    dataset: Dataset
    datasets: Mapping[str, Dataset]
    diagram_id: str
    """Unique on the page; prefixes every id the block's output carries."""
    values: Mapping[str, Any] = field(default_factory=dict)
    nodes: Mapping[str, Node] = field(default_factory=dict)
    """Where each option given stands, for errors that involve several options."""

    def __getitem__(self, option: Option[T]) -> T:
        return cast(T, self.values[option.name])

    def fail(self, message: str) -> CompareError:
        """An error located at the block's body; the caller raises it."""
        return self.reader.fail(self.root, message)


BLOCK_KINDS: dict[str, BlockKind] = {}
"""Every kind of block, by name, in the order they were registered."""


def register(kind: BlockKind) -> BlockKind:
    """Make `kind` known to every extension set up from now on."""
    if kind.name in BLOCK_KINDS:
        raise ValueError(f"a block kind `{kind.name}` is already registered")
    BLOCK_KINDS[kind.name] = kind
    return kind


def parse_block(
    kind: BlockKind, body: str, reader: Reader, datasets: Mapping[str, Dataset], diagram_id: str
) -> Block:
    """`body` checked against `kind`: every option known and valid, the dataset complete."""
    root = reader.parse(body)
    what = f"the `{kind.name}` block"
    required = ("dataset", *(option.name for option in kind.options if option.required))
    if root is None:
        raise reader.fail(None, f"`{kind.name}` block is empty; it needs at least "
                                f"{', '.join(f'`{key}:`' for key in required)}")
    entries = reader.mapping(root, what)
    optional = tuple(name for name in kind.option_names() if name not in required)
    reader.check_keys(entries, root, what, required, optional)
    dataset_node = entries["dataset"][1]
    dataset = _dataset(reader, dataset_node, datasets)
    for part in kind.needs:
        if getattr(dataset, part) is None:
            raise reader.fail(dataset_node, f"dataset `{dataset.id}` has no `{part}`; add one to "
                                            f"{dataset.path}")
    values: dict[str, Any] = {}
    for option in kind.options:
        if option.name in entries:
            node = entries[option.name][1]
            values[option.name] = option.validator(Value(reader, node, option.name, dataset))
        elif option.default is not None:
            values[option.name] = option.default(dataset)
    nodes = {name: value_node for name, (_, value_node) in entries.items()}
    return Block(kind, reader, root, dataset, datasets, diagram_id, values, nodes)


def _dataset(reader: Reader, node: Node, datasets: Mapping[str, Dataset]) -> Dataset:
    dataset_id = reader.text(node, "`dataset`")
    if dataset_id not in datasets:
        if isinstance(datasets, DatasetScope):
            raise reader.fail(node, datasets.unknown(dataset_id))
        known = ", ".join(sorted(datasets)) or "none: add a .yml file to the data folder"
        raise reader.fail(node, f"unknown dataset `{dataset_id}`; the datasets are: {known}")
    return datasets[dataset_id]
