"""One data file's YAML nodes checked against the dataset schema and turned into a `Dataset`.

The schema is documented for authors in the docs (`authoring/schema.md`); every rule there is
checked, in the order a reader meets the file: top-level keys, then `scales` (`scales.py`),
`fields` (`fields.py`), `items` (`items.py`) and `ranking` (`ranking.py`); within each part,
its keys and texts before what it holds. References to other datasets cannot be checked from
one file: they are returned for `load` to check once every file has loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import Node

from .fields import FileSchema, Reference, read_fields
from .items import read_items
from .model import Dataset
from .provenance import read_source
from .ranking import read_ranking
from .reader import Reader
from .scales import read_scales

DEFAULT_ITEM_LABEL = "Item"


@dataclass(frozen=True)
class Validated:
    dataset: Dataset
    references: tuple[Reference, ...]


def validate_dataset(reader: Reader, dataset_id: str, root: Node | None) -> Validated:
    """The dataset that `root` (a whole data file, composed) describes, or a `DataError`."""
    if root is None:
        raise reader.fail(None, "the file holds no data; a dataset needs at least `title:`, "
                                "`fields:` and `items:`")
    entries = reader.mapping(root, "the dataset")
    reader.check_keys(entries, root, "the dataset", ("title", "fields", "items"),
                      ("description", "item_label", "scales", "ranking", "source"))
    title = reader.text(entries["title"][1], "`title`")
    description = reader.optional_text(entries, "description", "`description`")
    item_label = reader.optional_text(entries, "item_label", "`item_label`")
    scales = read_scales(reader, entries["scales"][1]) if "scales" in entries else {}
    schema = FileSchema(reader, scales)
    fields = read_fields(schema, entries["fields"][1])
    items = read_items(schema, fields, entries["items"][1])
    ranking = read_ranking(reader, entries["ranking"][1], items) if "ranking" in entries else None
    dataset = Dataset(
        id=dataset_id,
        path=reader.path,
        title=title,
        item_label=item_label or DEFAULT_ITEM_LABEL,
        fields=fields,
        items=items,
        scales=scales,
        ranking=ranking,
        description=description,
        source=read_source(reader, entries, "the dataset"),
    )
    return Validated(dataset, tuple(schema.references.values()))
