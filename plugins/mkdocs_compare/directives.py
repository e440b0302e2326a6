"""The author's directives: a fenced block whose body is YAML naming what to render.

```compare-table
dataset: methods
items: [full, containers]
fields: [isolation, overhead]
orientation: rows
caption: Two methods side by side
```

Each function here checks a directive body against the loaded datasets and returns the HTML
from the matching renderer, or raises a `DirectiveError` located at the offending line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from yaml.nodes import Node

from .model import Dataset, FieldType
from .render.matrix import render_matrix
from .render.ranking import render_ranking
from .render.table import Orientation, render_table
from .source import Reader


@dataclass(frozen=True)
class Directive:
    """One fenced block to render."""

    body: str
    reader: Reader
    """Locates errors in the page: its path and the line of the body's first line."""
    diagram_id: str
    """Unique on the page; prefixes every id a diagram emits."""


Renderer = Callable[[Directive, Mapping[str, Dataset]], str]


def render_table_directive(directive: Directive, datasets: Mapping[str, Dataset]) -> str:
    reader = directive.reader
    entries, _ = _options(directive, "compare-table", ("dataset",),
                          ("items", "fields", "orientation", "caption"))
    dataset = _dataset(reader, entries, datasets)
    items = _item_ids(reader, entries, dataset)
    fields = _chosen(reader, entries, "fields", "field", list(dataset.fields), dataset.id)
    orientation: Orientation = "columns"
    if "orientation" in entries:
        node = entries["orientation"][1]
        value = reader.text(node, "`orientation`")
        if value not in ("columns", "rows"):
            raise reader.fail(node, f"`orientation` is `{value}`; write `columns` (items as "
                                    "columns) or `rows` (items as rows)")
        orientation = "columns" if value == "columns" else "rows"
    return render_table(
        dataset, datasets, items=items, fields=fields, orientation=orientation,
        caption=_caption(reader, entries, dataset.title),
    )


def render_ranking_directive(directive: Directive, datasets: Mapping[str, Dataset]) -> str:
    reader = directive.reader
    entries, _ = _options(directive, "compare-ranking", ("dataset",), ("caption",))
    dataset = _dataset(reader, entries, datasets)
    if dataset.ranking is None:
        raise reader.fail(entries["dataset"][1], f"dataset `{dataset.id}` has no `ranking`; "
                                                 f"add one to {dataset.path}")
    return render_ranking(dataset, caption=_caption(reader, entries, dataset.ranking.title),
                          diagram_id=directive.diagram_id)


def render_matrix_directive(directive: Directive, datasets: Mapping[str, Dataset]) -> str:
    reader = directive.reader
    entries, root = _options(directive, "compare-matrix", ("dataset", "x", "y"),
                             ("items", "caption"))
    dataset = _dataset(reader, entries, datasets)
    axes = {}
    for axis in ("x", "y"):
        node = entries[axis][1]
        field_id = reader.identifier(node, f"`{axis}`")
        field = dataset.fields.get(field_id)
        if field is None or field.type is not FieldType.SCALE:
            scale_fields = [f.id for f in dataset.fields.values() if f.type is FieldType.SCALE]
            raise reader.fail(node, f"`{axis}` must name a scale field of dataset `{dataset.id}`;"
                                    f" its scale fields are: {', '.join(scale_fields) or 'none'}")
        axes[axis] = field
    items = _item_ids(reader, entries, dataset)
    for item_id in items:
        item = dataset.item(item_id)
        for field in axes.values():
            if field.id not in item.values:
                raise reader.fail(root, f"item `{item_id}` gives no `{field.id}`, so it cannot be "
                                        f"placed; give it one in {dataset.path} or leave it out "
                                        "of `items`")
    default = f"{axes['y'].label} against {axes['x'].label}"
    return render_matrix(dataset, x=axes["x"].id, y=axes["y"].id, items=items,
                         caption=_caption(reader, entries, default),
                         diagram_id=directive.diagram_id)


FENCES: dict[str, Renderer] = {
    "compare-table": render_table_directive,
    "compare-ranking": render_ranking_directive,
    "compare-matrix": render_matrix_directive,
}
"""Fence names and what renders them."""


def _options(
    directive: Directive, fence: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> tuple[dict[str, tuple[Node, Node]], Node]:
    """The block's options by key, checked against the keys it allows, and its root node."""
    reader = directive.reader
    root = reader.parse(directive.body)
    if root is None:
        raise reader.fail(None, f"`{fence}` block is empty; it needs at least "
                                f"{', '.join(f'`{key}:`' for key in required)}")
    entries = reader.mapping(root, f"the `{fence}` block")
    reader.check_keys(entries, root, f"the `{fence}` block", required, optional)
    return entries, root


def _dataset(
    reader: Reader, entries: dict[str, tuple[Node, Node]], datasets: Mapping[str, Dataset]
) -> Dataset:
    node = entries["dataset"][1]
    dataset_id = reader.text(node, "`dataset`")
    if dataset_id not in datasets:
        known = ", ".join(sorted(datasets)) or "none: add a .yml file to the data folder"
        raise reader.fail(node, f"unknown dataset `{dataset_id}`; the datasets are: {known}")
    return datasets[dataset_id]


def _item_ids(
    reader: Reader, entries: dict[str, tuple[Node, Node]], dataset: Dataset
) -> list[str]:
    return _chosen(reader, entries, "items", "item", [item.id for item in dataset.items],
                   dataset.id)


def _chosen(
    reader: Reader, entries: dict[str, tuple[Node, Node]], key: str, noun: str,
    known: list[str], dataset_id: str,
) -> list[str]:
    """The ids listed under `key`, each known and listed once; all of `known` without it."""
    if key not in entries:
        return known
    chosen: list[str] = []
    for node, chosen_id in reader.identifiers(entries[key][1], f"`{key}`"):
        if chosen_id not in known:
            raise reader.fail(node, f"dataset `{dataset_id}` has no {noun} `{chosen_id}`; "
                                    f"its {key} are: {', '.join(known)}")
        if chosen_id in chosen:
            raise reader.fail(node, f"{noun} `{chosen_id}` is listed twice in `{key}`")
        chosen.append(chosen_id)
    return chosen


def _caption(reader: Reader, entries: dict[str, tuple[Node, Node]], default: str) -> str:
    if "caption" not in entries:
        return default
    return reader.text(entries["caption"][1], "`caption`")
