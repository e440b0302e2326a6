"""Errors that point the author at the file and line to fix."""

from __future__ import annotations


class CompareError(Exception):
    """Bad input: a data file or a directive that cannot be rendered.

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


class DirectiveError(CompareError):
    """A directive in a Markdown page asks for something the data cannot give."""
