"""Reading and validating data files: YAML in, `model.Dataset` out, or a located `DataError`.

Each file is checked on its own (`validate`); references from one dataset to the items of
another (`refs` fields) are checked once every file has loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from .model import Dataset
from .source import Reader, display_path, is_identifier
from .validate import Reference, validate_dataset

DATA_SUFFIXES = (".yml", ".yaml")


def load_datasets(data_dir: Path, display_root: Path) -> dict[str, Dataset]:
    """Every `*.yml` (or `*.yaml`) file of `data_dir`, validated, by dataset id (the file stem).

    Files are read in name order, so the first error reported is the same from build to build.
    Hidden files (`.name.yml`, often an editor's) are skipped. Paths in messages are shown
    relative to `display_root` (the project folder).
    """
    datasets: dict[str, Dataset] = {}
    references: list[Reference] = []
    for path in data_files(data_dir):
        reader = Reader(display_path(path, display_root))
        dataset_id = path.stem
        if not is_identifier(dataset_id):
            raise reader.fail(None, f"`{path.name}` does not name a dataset id; rename the file "
                                    "with lower-case letters, digits, `-` and `_`, starting with "
                                    "a letter")
        if dataset_id in datasets:
            raise reader.fail(None, f"dataset `{dataset_id}` is also defined by "
                                    f"{datasets[dataset_id].path}; keep only one of the two files")
        validated = validate_dataset(reader, dataset_id, reader.parse(_read(path, reader)))
        datasets[dataset_id] = validated.dataset
        references.extend(validated.references)
    _check_references(references, datasets)
    return datasets


def data_files(data_dir: Path) -> list[Path]:
    """The data files of `data_dir`, in name order."""
    return sorted(
        path for path in data_dir.iterdir()
        if path.suffix in DATA_SUFFIXES and not path.name.startswith(".") and path.is_file()
    )


def _read(path: Path, reader: Reader) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        line = reader.first_line + err.object[: err.start].count(b"\n")
        raise reader.error(reader.path, line, "the file is not UTF-8 text; save it with the "
                                              "UTF-8 encoding") from err
    except OSError as err:
        raise reader.fail(None, f"cannot read the file: {err.strerror}; check that it is a "
                                "readable file") from err


def _check_references(references: Iterable[Reference], datasets: Mapping[str, Dataset]) -> None:
    """Every `refs` field names a dataset, and each of its values an item of that dataset."""
    for reference in references:
        reader, field = reference.reader, reference.field
        target = datasets.get(field.dataset or "")
        if target is None:
            raise reader.fail(reference.dataset_node, f"field `{field.id}` refers to dataset "
                                                      f"`{field.dataset}`, which does not exist; "
                                                      f"the datasets are: {', '.join(datasets)}")
        known = [item.id for item in target.items]
        for node, item_id in reference.values:
            if item_id not in known:
                raise reader.fail(node, f"`{item_id}` in `{field.id}` is not an item of dataset "
                                        f"`{target.id}`; write one of: {', '.join(known)}")
