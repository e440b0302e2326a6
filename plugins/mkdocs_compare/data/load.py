"""Loading a data folder: every file validated into a `Dataset`, and references checked.

`load_datasets` reads a folder once; `DataStore` keeps what it read and reads again only when
a file has changed, so a long-lived process (a Markdown converter, `mkdocs serve`) reads each
version of the data once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import display_path
from .dataset import validate_dataset
from .fields import Reference, check_references
from .model import Dataset
from .reader import Reader, is_identifier

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
        root = reader.parse(read_data_file(path, reader))
        validated = validate_dataset(reader, dataset_id, root)
        datasets[dataset_id] = validated.dataset
        references.extend(validated.references)
    check_references(references, datasets)
    return datasets


def data_files(data_dir: Path) -> list[Path]:
    """The data files of `data_dir`, in name order.

    A link whose target is missing counts (reading it then fails with a located message): a
    data file that vanished without a word would drop its tables from the site.
    """
    return sorted(
        path for path in data_dir.iterdir()
        if path.suffix in DATA_SUFFIXES and not path.name.startswith(".")
        and (path.is_file() or (path.is_symlink() and not path.exists()))
    )


Signature = tuple[tuple[str, int, int], ...]
"""Each data file's name, size and modification time: what changes when a file is edited."""


@dataclass
class DataStore:
    """The datasets of one folder (and its subfolders), read again only when a file was added,
    removed or changed."""

    data_dir: Path
    display_root: Path
    """Paths in messages are shown relative to this folder."""
    load: Callable[[Path, Path], dict[str, Dataset]] = load_datasets
    """What reads the folder: `load_datasets`, or `namespaces.load_all_datasets` to read its
    subfolders' datasets too."""
    _signature: Signature | None = field(default=None, init=False, repr=False)
    _datasets: dict[str, Dataset] = field(default_factory=dict, init=False, repr=False)

    def datasets(self) -> dict[str, Dataset]:
        """The validated datasets; a `DataError` while a file is wrong."""
        signature = self._current_signature()
        if signature != self._signature:
            self._datasets = self.load(self.data_dir, self.display_root)
            self._signature = signature
        return self._datasets

    def _current_signature(self) -> Signature:
        signature = []
        folders = [self.data_dir, *sorted(path for path in self.data_dir.iterdir()
                                          if path.is_dir())]
        for path in (path for folder in folders for path in data_files(folder)):
            try:
                stat = path.stat()
            except OSError:  # a link to nothing: loading it says so
                signature.append((str(path), -1, -1))
                continue
            signature.append((str(path), stat.st_size, stat.st_mtime_ns))
        return tuple(signature)


def read_data_file(path: Path, reader: Reader) -> str:
    """The text of one data file; a located error when it is no UTF-8 text or unreadable."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        line = reader.first_line + err.object[: err.start].count(b"\n")
        raise reader.error(reader.path, line, "the file is not UTF-8 text; save it with the "
                                              "UTF-8 encoding") from err
    except OSError as err:
        if path.is_symlink() and not path.exists():
            target = path.readlink().as_posix()
            raise reader.fail(None, f"`{path.name}` is a link to `{target}`, which does not "
                                    "exist; point the link at a data file or delete it") from err
        raise reader.fail(None, f"cannot read the file: {err.strerror}; check that it is a "
                                "readable file") from err
