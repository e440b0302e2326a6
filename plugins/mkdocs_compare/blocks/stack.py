"""The `compare-stack` block: architectures drawn as layer stacks, from a `stack` field."""

from __future__ import annotations

from yaml.nodes import ScalarNode

from ..data.model import Dataset
from ..data.stack import MARKS, is_stack_field
from ..render.stack import render_stack
from .kinds import Block, BlockKind, register
from .options import Option, Value, all_items, choice, item_ids, no_value, text

LAYOUTS = {"side-by-side": "next to each other, wrapping on a narrow screen",
           "rows": "one under the other"}


def stack_field(value: Value) -> str:
    """The id of a `stack` field of the block's dataset."""
    reader, dataset = value.reader, value.dataset
    field_id = reader.identifier(value.node, f"`{value.name}`")
    field = dataset.fields.get(field_id)
    if field is None or not is_stack_field(field):
        raise reader.fail(value.node, f"`{value.name}` must name a stack field of dataset "
                                      f"`{dataset.id}`; its stack fields are: "
                                      f"{', '.join(_stack_fields(dataset)) or 'none'}")
    return field_id


def mark_names(value: Value) -> tuple[str, ...]:
    """Kinds of mark, each once, or the word `none`."""
    reader, node = value.reader, value.node
    if isinstance(node, ScalarNode) and node.value == "none":
        return ()
    chosen: list[str] = []
    for child, name in reader.identifiers(node, f"`{value.name}`"):
        if name not in MARKS:
            raise reader.fail(child, f"`{name}` in `{value.name}` is not a kind of mark; write "
                                     f"`none` or a list of: {', '.join(MARKS)}")
        if name in chosen:
            raise reader.fail(child, f"mark `{name}` is listed twice in `{value.name}`")
        chosen.append(name)
    return tuple(chosen)


def _stack_fields(dataset: Dataset) -> list[str]:
    return [field.id for field in dataset.fields.values() if is_stack_field(field)]


FIELD = Option[str | None]("field", stack_field, "The `stack` field to draw. Default: the "
                           "dataset's only stack field.", default=no_value)
ITEMS = Option("items", item_ids, "Item ids to draw, in this order. Default: all, in the "
               "file's order.", default=all_items)
LAYOUT = Option(
    "layout", choice(LAYOUTS),
    "`side-by-side` (default): the stacks next to each other, wrapping on a narrow screen. "
    "`rows`: one stack under the other.",
    default=lambda dataset: "side-by-side",
)
MARKS_OPTION = Option(
    "marks", mark_names,
    "Which marks to draw: a list of `boundary`, `single_point`, `surface`, `paths`, or `none`. "
    "Default: all the data gives.",
    default=lambda dataset: MARKS,
)
CAPTION = Option[str | None]("caption", text, "The figure's caption. Default: the dataset's "
                             "`title`.", default=no_value)


def _stack(block: Block) -> str:
    dataset = block.dataset
    field_id = block[FIELD]
    if field_id is None:
        fields = _stack_fields(dataset)
        if len(fields) != 1:
            found = f"several: {', '.join(fields)}" if fields else "none"
            raise block.fail(f"dataset `{dataset.id}` must have exactly one stack field for "
                             f"`field:` to be left out; it has {found}"
                             + ("; add `field: ...`" if fields else f"; add one to "
                                f"{dataset.path} (`type: stack`)"))
        field_id = fields[0]
    for item_id in block[ITEMS]:
        if field_id not in dataset.item(item_id).values:
            raise block.reader.fail(block.nodes.get("items", block.root),
                                    f"item `{item_id}` gives no `{field_id}`, so it has no "
                                    f"stack to draw; give it one in {dataset.path} or leave it "
                                    "out of `items`")
    return render_stack(dataset, field=field_id, items=block[ITEMS], layout=block[LAYOUT],
                        marks=block[MARKS_OPTION], caption=block[CAPTION] or dataset.title,
                        diagram_id=block.diagram_id)


STACK = register(BlockKind(
    name="compare-stack",
    summary="Architectures as layer stacks: what the guests share, where the isolation "
            "boundary runs, the attack surface and attack paths.",
    render=_stack,
    css_class="compare-stack",
    options=(FIELD, ITEMS, LAYOUT, MARKS_OPTION, CAPTION),
    # In the tree, so that MkDocs rewrites and checks the links of its text alternative; that
    # text gets no abbreviation tooltips (see `extension._repeats`), which would cost the
    # theme's script 53 mounts on the security page.
    in_tree=True,
))
