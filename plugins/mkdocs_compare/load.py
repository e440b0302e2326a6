"""Reading and validating data files: YAML in, `model.Dataset` out, or a located `DataError`."""

from __future__ import annotations

from pathlib import Path

from .model import Dataset


def load_datasets(data_dir: Path, display_root: Path) -> dict[str, Dataset]:
    """Every `*.yml` file of `data_dir`, validated, by dataset id (the file stem).

    Paths in messages are shown relative to `display_root` (the project folder).
    """
    raise NotImplementedError
