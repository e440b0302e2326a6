"""The `ranking:` part of a data file: an order over items, and what it keeps apart."""

from __future__ import annotations

from collections.abc import Hashable

from yaml.nodes import Node

from .model import Apart, Item, Ranking, Tier
from .provenance import SOURCE_KEY, read_source
from .reader import Entries, Reader

_PLACED_OPTIONAL = ("item", "name", "notes", SOURCE_KEY)
"""Optional keys of a ranking's tiers and of its entries kept `apart`."""

MAX_RANK = 99
"""The largest rank: the diagram draws a rank in a round badge 28 pixels wide, which holds two
digits (three, `999`, are 31 pixels wide in its bold 15-pixel type and overflow it)."""


def read_ranking(reader: Reader, node: Node, items: tuple[Item, ...]) -> Ranking:
    entries = reader.mapping(node, "`ranking`")
    reader.check_keys(entries, node, "`ranking`", ("title", "first", "last", "tiers"),
                      ("description", "apart", SOURCE_KEY))
    title = reader.text(entries["title"][1], "`title` of `ranking`")
    description = reader.optional_text(entries, "description", "`description` of `ranking`")
    first = reader.text(entries["first"][1], "`first` of `ranking`")
    last = reader.text(entries["last"][1], "`last` of `ranking`")
    placing = _Placing(reader, {item.id: item.name for item in items})
    tiers: list[Tier] = []
    ranks: dict[Hashable, int] = {}
    for number, tier_node in enumerate(reader.sequence(entries["tiers"][1], "`tiers`"), start=1):
        what = f"entry {number} of `tiers`"
        tier_entries = reader.mapping(tier_node, what)
        reader.check_keys(tier_entries, tier_node, what, ("rank", "verdict"), _PLACED_OPTIONAL)
        rank_node = tier_entries["rank"][1]
        rank = reader.integer(rank_node, f"`rank` of {what}", MAX_RANK)
        if rank < 1:
            raise reader.fail(rank_node, f"`rank` of {what} is {rank}; ranks start at 1 (the "
                                         "first tier)")
        reader.once(ranks, rank, rank_node, f"rank {rank}", "give each tier its own rank")
        placement = placing.entry(tier_entries, tier_node, what)
        tiers.append(Tier(rank, placement.name, placement.verdict, placement.item,
                          placement.notes, placement.source))
    apart: list[Apart] = []
    if "apart" in entries:
        for number, apart_node in enumerate(reader.sequence(entries["apart"][1], "`apart`"),
                                            start=1):
            what = f"entry {number} of `apart`"
            apart_entries = reader.mapping(apart_node, what)
            reader.check_keys(apart_entries, apart_node, what, ("verdict",), _PLACED_OPTIONAL)
            apart.append(placing.entry(apart_entries, apart_node, what))
    return Ranking(
        title=title,
        first=first,
        last=last,
        tiers=tuple(sorted(tiers, key=lambda tier: tier.rank)),
        apart=tuple(apart),
        description=description,
        source=read_source(reader, entries, "`ranking`"),
    )


class _Placing:
    """The ranking's entries as they are read: each names an item at most once."""

    def __init__(self, reader: Reader, names: dict[str, str]) -> None:
        self.reader = reader
        self.names = names
        """Each item's name, by id."""
        self.placed: dict[str, int] = {}
        """Each item the ranking names, with the line where it first does."""

    def entry(self, entries: Entries, node: Node, what: str) -> Apart:
        """What a tier shares with an entry of `apart`: its name, verdict, item and notes."""
        reader = self.reader
        if ("item" in entries) == ("name" in entries):
            raise reader.fail(node, f"{what} needs either `item` (an item id of this dataset, "
                                    "whose name is shown) or `name` (a thing that is not an "
                                    "item), not " + ("both" if "item" in entries else "neither"))
        item_id: str | None = None
        if "item" in entries:
            item_node = entries["item"][1]
            item_id = reader.text(item_node, f"`item` of {what}")
            if item_id not in self.names:
                raise reader.fail(item_node, f"`item` of {what} is `{item_id}`, which is not an "
                                             f"item of this dataset; write one of: "
                                             f"{', '.join(self.names)}")
            if item_id in self.placed:
                raise reader.fail(item_node, f"item `{item_id}` is already placed in the ranking "
                                             f"(on line {self.placed[item_id]}); an item may "
                                             "appear once across `tiers` and `apart`")
            self.placed[item_id] = reader.line(item_node)
            name = self.names[item_id]
        else:
            name = reader.text(entries["name"][1], f"`name` of {what}")
        verdict = reader.text(entries["verdict"][1], f"`verdict` of {what}")
        notes = (reader.texts(entries["notes"][1], f"`notes` of {what}")
                 if "notes" in entries else ())
        return Apart(name, verdict, item_id, notes, read_source(reader, entries, what))
