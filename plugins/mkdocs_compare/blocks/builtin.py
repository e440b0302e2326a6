"""The plugin's own block kinds: a table, a ranking diagram and a matrix diagram."""

from __future__ import annotations

from ..render.matrix import render_matrix
from ..render.ranking import render_ranking
from ..render.table import Orientation, render_table
from .kinds import Block, BlockKind, register
from .options import (
    Option,
    all_fields,
    all_items,
    choice,
    field_ids,
    item_ids,
    no_value,
    scale_field,
    text,
)

ITEMS = Option("items", item_ids, "Item ids to show, in this order. Default: all, in the "
               "file's order.", default=all_items)
FIELDS = Option("fields", field_ids, "Field ids to show, in this order. Default: all, in the "
                "file's order.", default=all_fields)
ORIENTATION = Option(
    "orientation",
    choice({"columns": "items as columns", "rows": "items as rows"}),
    "`columns` (default): one column per item. `rows`: one row per item; better for many items "
    "with short values.",
    default=lambda dataset: "columns",
)
TABLE_CAPTION = Option[str | None]("caption", text, "The table's caption. Default: the "
                                   "dataset's `title`.", default=no_value)
RANKING_CAPTION = Option[str | None]("caption", text, "The figure's caption. Default: the "
                                     "ranking's `title`.", default=no_value)
X = Option("x", scale_field, "The scale field laid out from left to right.")
Y = Option("y", scale_field, "The scale field laid out from bottom to top.")
MATRIX_CAPTION = Option[str | None]("caption", text, "The figure's caption. Default: "
                                    "\"*y* against *x*\", with the fields' labels.",
                                    default=no_value)


def _table(block: Block) -> str:
    orientation: Orientation = "rows" if block[ORIENTATION] == "rows" else "columns"
    return render_table(block.dataset, block.datasets, items=block[ITEMS], fields=block[FIELDS],
                        orientation=orientation,
                        caption=block[TABLE_CAPTION] or block.dataset.title)


def _ranking(block: Block) -> str:
    ranking = block.dataset.ranking
    title = ranking.title if ranking is not None else block.dataset.title
    return render_ranking(block.dataset, caption=block[RANKING_CAPTION] or title,
                          diagram_id=block.diagram_id)


def _matrix(block: Block) -> str:
    dataset = block.dataset
    x, y = dataset.fields[block[X]], dataset.fields[block[Y]]
    for item_id in block[ITEMS]:
        item = dataset.item(item_id)
        for field in (x, y):
            if field.id not in item.values:
                raise block.fail(f"item `{item_id}` gives no `{field.id}`, so it cannot be "
                                 f"placed; give it one in {dataset.path} or leave it out of "
                                 "`items`")
    return render_matrix(dataset, x=x.id, y=y.id, items=block[ITEMS],
                         caption=block[MATRIX_CAPTION] or f"{y.label} against {x.label}",
                         diagram_id=block.diagram_id)


TABLE = register(BlockKind(
    name="compare-table",
    summary="A table comparing items on fields.",
    render=_table,
    css_class="compare-table",
    options=(ITEMS, FIELDS, ORIENTATION, TABLE_CAPTION),
    in_tree=True,
))
RANKING = register(BlockKind(
    name="compare-ranking",
    summary="The dataset's ranking as a diagram, best first, with what it keeps apart.",
    render=_ranking,
    css_class="compare-ranking",
    options=(RANKING_CAPTION,),
    needs=("ranking",),
    in_tree=True,
))
MATRIX = register(BlockKind(
    name="compare-matrix",
    summary="Items placed in a grid by two of their scale fields.",
    render=_matrix,
    css_class="compare-matrix",
    options=(X, Y, ITEMS, MATRIX_CAPTION),
    in_tree=True,
))
