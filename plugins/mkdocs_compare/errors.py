"""Errors that point the author at the file and line to fix, and how they name files."""

from __future__ import annotations

from pathlib import Path


class CompareError(Exception):
    """Bad input: a data file or a block that cannot be rendered.

    The message always reads `path:line: what is wrong; what to write instead`, so an
    editor or terminal can jump to the place.
    """

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class DataError(CompareError):
    """A data file is malformed or breaks the dataset schema."""


class BlockError(CompareError):
    """A block in a Markdown page asks for something the data cannot give."""


def display_path(path: Path, root: Path) -> str:
    """`path` as messages show it: relative to `root` when inside it, else absolute."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
