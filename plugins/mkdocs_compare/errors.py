"""Errors that point the author at the file and line to fix, and how they name files."""

from __future__ import annotations

import unicodedata
from pathlib import Path

_UNSEEN = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))
"""Unicode categories shown by their code in messages: controls, formatting characters (the
bidirectional overrides and isolates, the byte order mark, zero-width ones), lone surrogates
and line or paragraph separators. Echoed raw, they vanish, reorder the line a terminal shows
or break it."""


class CompareError(Exception):
    """Bad input: a data file or a block that cannot be rendered.

    The message always reads `path:line: what is wrong; what to write instead`, so an
    editor or terminal can jump to the place. Characters that cannot be seen, or that
    reorder the text around them, are written as their code point (`<U+202E>`), in the
    path and the message alike: the author sees the character that is there.
    """

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = visible(path)
        self.line = line
        self.message = visible(message)
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class DataError(CompareError):
    """A data file is malformed or breaks the dataset schema."""


class BlockError(CompareError):
    """A block in a Markdown page asks for something the data cannot give."""


def visible(text: str) -> str:
    """`text` with each invisible or reordering character written as `<U+XXXX>`."""
    if text.isprintable():
        return text
    return "".join(f"<U+{ord(char):04X}>" if unicodedata.category(char) in _UNSEEN else char
                   for char in text)


def display_path(path: Path, root: Path) -> str:
    """`path` as messages show it: relative to `root` when inside it, else absolute."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
