"""Datasets per lecture: a data folder's subfolders are namespaces.

`data/methods.yml` is dataset `methods`, shared by every page; `data/containers/methods.yml` is
dataset `containers/methods` (its qualified name). A page in `docs/containers/` reaches its own
folder's datasets by their short name (`methods`), before the shared ones; any page reaches any
dataset by its qualified name. A `refs` field in a namespace's file refers to datasets of the
same folder. Messages name datasets by their qualified name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path

from .load import load_datasets
from .model import Dataset
from .reader import is_identifier

SEPARATOR = "/"


def namespaces(data_dir: Path) -> list[Path]:
    """The subfolders of `data_dir` that hold datasets of their own, in name order (hidden
    folders and folders not named like a dataset id are not namespaces)."""
    return sorted(path for path in data_dir.iterdir()
                  if path.is_dir() and not path.name.startswith(".") and is_identifier(path.name))


Loader = Callable[[Path, Path], dict[str, Dataset]]


def load_all_datasets(
    data_dir: Path, display_root: Path, load: Loader = load_datasets,
) -> dict[str, Dataset]:
    """The shared datasets of `data_dir` by id, then every namespace's by qualified id; each
    folder read by `load` (`load_datasets`)."""
    datasets = load(data_dir, display_root)
    for folder in namespaces(data_dir):
        for dataset_id, dataset in load(folder, display_root).items():
            qualified = f"{folder.name}{SEPARATOR}{dataset_id}"
            datasets[qualified] = replace(dataset, id=qualified)
    return datasets


def namespace_of(page: str, datasets: Mapping[str, Dataset]) -> str | None:
    """The namespace of a page at source path `page` (relative to the docs folder): its first
    folder, when the data folder has a namespace of that name."""
    folder = page.partition(SEPARATOR)[0] if SEPARATOR in page else ""
    prefix = f"{folder}{SEPARATOR}"
    return folder if folder and any(key.startswith(prefix) for key in datasets) else None


class DatasetScope(Mapping[str, Dataset]):
    """The datasets as one page sees them: a short name is its own namespace's dataset, else a
    shared one; a qualified name is the dataset it names. Iterates over every qualified name."""

    def __init__(self, datasets: Mapping[str, Dataset], namespace: str | None) -> None:
        self.datasets = datasets
        self.namespace = namespace

    def _resolve(self, name: str) -> str | None:
        if self.namespace and SEPARATOR not in name:
            own = f"{self.namespace}{SEPARATOR}{name}"
            if own in self.datasets:
                return own
        return name if name in self.datasets else None

    def __getitem__(self, name: str) -> Dataset:
        key = self._resolve(name)
        if key is None:
            raise KeyError(name)
        return self.datasets[key]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._resolve(name) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.datasets)

    def __len__(self) -> int:
        return len(self.datasets)

    def unknown(self, name: str) -> str:
        """What to say about a name this page cannot reach, and what to write instead."""
        elsewhere = sorted(key for key in self.datasets
                           if key.rpartition(SEPARATOR)[2] == name and SEPARATOR in key)
        if len(elsewhere) > 1:
            return (f"dataset `{name}` is ambiguous here: "
                    f"{' and '.join(f'`{key}`' for key in elsewhere)} both go by that name; "
                    f"write the qualified name, e.g. `dataset: {elsewhere[0]}`")
        if elsewhere:
            return (f"unknown dataset `{name}` here; another lecture's dataset is reached by "
                    f"its qualified name: write `dataset: {elsewhere[0]}`")
        known = ", ".join(sorted(self.datasets)) or "none: add a .yml file to the data folder"
        return f"unknown dataset `{name}`; the datasets are: {known}"
