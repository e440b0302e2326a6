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
    reader, entries, _ = _options(directive, "compare-table", ("dataset",),
                                     ("items", "fields", "orientation", "caption"))
    dataset = _dataset(reader, entries, datasets)
    items = _item_ids(reader, entries, dataset)
    fields = list(dataset.fields)
    if "fields" in entries:
        fields = []
        for node, field_id in reader.identifiers(entries["fields"][1], "`fields`"):
            if field_id not in dataset.fields:
                raise reader.fail(node, f"dataset `{dataset.id}` has no field `{field_id}`; "
                                        f"its fields are: {', '.join(dataset.fields)}")
            if field_id in fields:
                raise reader.fail(node, f"field `{field_id}` is listed twice in `fields`")
            fields.append(field_id)
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
    reader, entries, _ = _options(directive, "compare-ranking", ("dataset",), ("caption",))
    dataset = _dataset(reader, entries, datasets)
    if dataset.ranking is None:
        raise reader.fail(entries["dataset"][1], f"dataset `{dataset.id}` has no `ranking`; "
                                                 f"add one to {dataset.path}")
    return render_ranking(dataset, caption=_caption(reader, entries, dataset.ranking.title),
                          diagram_id=directive.diagram_id)


def render_matrix_directive(directive: Directive, datasets: Mapping[str, Dataset]) -> str:
    reader, entries, root = _options(directive, "compare-matrix", ("dataset", "x", "y"),
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
) -> tuple[Reader, dict[str, tuple[Node, Node]], Node | None]:
    reader = directive.reader
    root = reader.parse(directive.body)
    if root is None:
        raise reader.fail(None, f"`{fence}` block is empty; it needs at least "
                                f"{', '.join(f'`{key}:`' for key in required)}")
    entries = reader.mapping(root, f"the `{fence}` block")
    reader.check_keys(entries, root, f"the `{fence}` block", required, optional)
    return reader, entries, root


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
    if "items" not in entries:
        return [item.id for item in dataset.items]
    known = [item.id for item in dataset.items]
    chosen = []
    for node, item_id in reader.identifiers(entries["items"][1], "`items`"):
        if item_id not in known:
            raise reader.fail(node, f"dataset `{dataset.id}` has no item `{item_id}`; "
                                    f"its items are: {', '.join(known)}")
        if item_id in chosen:
            raise reader.fail(node, f"item `{item_id}` is listed twice in `items`")
        chosen.append(item_id)
    return chosen


def _caption(reader: Reader, entries: dict[str, tuple[Node, Node]], default: str) -> str:
    if "caption" not in entries:
        return default
    return reader.text(entries["caption"][1], "`caption`")
