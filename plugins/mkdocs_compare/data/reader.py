"""YAML read as located nodes, so that every complaint can name its line.

Data files and block bodies are both YAML. Rather than plain dicts, which forget where
a value stood, the checks walk PyYAML's composed nodes and report through `Reader`, which
knows the file's name and the line offset of the text within it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable, Iterator
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import CompareError, DataError
from .compose import compose

Entries = dict[str, tuple[Node, Node]]
"""A mapping's entries by key, as (key node, value node)."""

_STRING_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_DECIMAL = re.compile(r"[-+]?[0-9]+")

MAX_INTEGER = 999_999_999
"""The largest whole number read at all: larger ones are refused before they are converted,
so that no count of digits can fail inside Python (which refuses over 4,300)."""


@dataclass(frozen=True)
class Reader:
    """Reads nodes of one YAML text and raises errors located in its file.

    `first_line` is the file line of the text's first line: 1 for a data file, the line after
    the opening fence for a block.
    """

    path: str
    first_line: int = 1
    error: type[CompareError] = DataError

    def line(self, node: Node) -> int:
        return self.first_line + node.start_mark.line

    def fail(self, node: Node | None, message: str) -> CompareError:
        """An error at `node` (or at the text's start); the caller raises it."""
        return self.error(self.path, self.first_line if node is None else self.line(node), message)

    def parse(self, text: str) -> Node | None:
        """Compose `text` into nodes within the limits of `compose`; `None` when it holds no
        document at all."""
        return compose(text, self.path, self.first_line, self.error)

    def mapping(self, node: Node, what: str) -> Entries:
        """A mapping's entries by key, as (key node, value node); keys must be unique strings."""
        if not isinstance(node, MappingNode):
            raise self.fail(node, f"{what} must be a mapping of `key: value` lines")
        entries: Entries = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STRING_TAG:
                key = f"`{key_node.value}`" if isinstance(key_node, ScalarNode) else "a collection"
                raise self.fail(key_node, f"keys of {what} must be plain words, not {key}; put "
                                          "quotes around a key that is a word")
            if key_node.value in entries:
                raise self.fail(key_node, f"`{key_node.value}` is given twice in {what}; keep "
                                          "one of them")
            entries[key_node.value] = (key_node, value_node)
        return entries

    def check_keys(
        self,
        entries: Entries,
        node: Node,
        what: str,
        required: tuple[str, ...] = (),
        optional: tuple[str, ...] = (),
    ) -> None:
        """Every required key is present and no key is unknown (an unknown key is a typo)."""
        allowed = (*required, *optional)
        for key, (key_node, _) in entries.items():
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                guess = f"did you mean `{close[0]}`? " if close else ""
                expected = ", ".join(allowed)
                raise self.fail(
                    key_node, f"unknown key `{key}` in {what}; {guess}expected one of: {expected}"
                )
        for key in required:
            if key not in entries:
                raise self.fail(node, f"{what} is missing `{key}`; add a line `{key}: ...`")

    def sequence(self, node: Node, what: str) -> list[Node]:
        """A non-empty list's entries."""
        if not isinstance(node, SequenceNode):
            raise self.fail(node, f"{what} must be a list (lines starting with `- `)")
        if not node.value:
            raise self.fail(node, f"{what} must not be empty; give at least one entry")
        return list(node.value)

    def text(self, node: Node, what: str) -> str:
        """A non-empty string. Numbers and booleans are refused: quote them if they are text."""
        if isinstance(node, SequenceNode):
            raise self.fail(node, f"{what} must be text, not a list; write it on one line")
        if isinstance(node, MappingNode):
            raise self.fail(node, f"{what} must be text, not a mapping; put quotes around a"
                                  " text that holds `: `")
        if not isinstance(node, ScalarNode) or node.tag == _NULL_TAG or not node.value.strip():
            raise self.fail(node, f"{what} must not be empty; write a value")
        if node.tag != _STRING_TAG:
            raise self.fail(node, f"{what} must be text; put quotes around it if it is: "
                                  f"\"{node.value}\"")
        return str(node.value)

    def optional_text(self, entries: Entries, key: str, what: str) -> str | None:
        """The text under `key`, or `None` when the mapping has no such key."""
        return self.text(entries[key][1], what) if key in entries else None

    def texts(self, node: Node, what: str) -> tuple[str, ...]:
        return tuple(
            self.text(child, f"entry {i} of {what}")
            for i, child in enumerate(self.sequence(node, what), start=1)
        )

    def integer(self, node: Node, what: str, maximum: int = MAX_INTEGER) -> int:
        """A whole number written in decimal digits, at most `maximum`.

        The digits are counted before they are converted, so that no number is too long to read.
        """
        if (
            not isinstance(node, ScalarNode)
            or node.tag != _INT_TAG
            or not _DECIMAL.fullmatch(node.value)
        ):
            raise self.fail(node, f"{what} must be a whole number written in digits, such as `1`")
        digits = node.value.lstrip("+-").lstrip("0")
        if len(digits) > len(str(maximum)) or int(node.value) > maximum:
            shown = f"`{node.value}`" if len(node.value) <= 20 else f"{len(digits):,} digits long"
            too = "too long" if node.value.startswith("-") else f"larger than {maximum}"
            raise self.fail(node, f"{what} is {shown}, {too}; write a whole number no larger "
                                  f"than {maximum}")
        return int(node.value)

    def boolean(self, node: Node, what: str) -> bool:
        if not isinstance(node, ScalarNode) or node.tag != _BOOL_TAG:
            raise self.fail(node, f"{what} must be `true` or `false`")
        return node.value.lower() in {"true", "yes", "on"}

    def identifier(self, node: Node, what: str) -> str:
        value = self.text(node, what)
        if not is_identifier(value):
            raise self.fail(
                node,
                f"{what} `{value}` is not a valid id; use lower-case letters, digits, `-` and `_`,"
                " starting with a letter",
            )
        return value

    def once(
        self, seen: dict[Hashable, int], key: Hashable, node: Node, subject: str, instead: str,
        *, within: str = "",
    ) -> None:
        """Record that `key` stands at `node`; a second time is an error naming the first line.

        The one check behind every "given twice" message: `subject` names the thing, `within`
        (optional) where it is listed, and `instead` what to write.
        """
        if key in seen:
            where = f" in {within}" if within else ""
            raise self.fail(node, f"{subject} is given twice{where} (first on line {seen[key]}); "
                                  f"{instead}")
        seen[key] = self.line(node)

    def identifiers(self, node: Node, what: str) -> Iterator[tuple[Node, str]]:
        for i, child in enumerate(self.sequence(node, what), start=1):
            yield child, self.identifier(child, f"entry {i} of {what}")


def is_identifier(value: str) -> bool:
    return (
        bool(value)
        and value[0].isascii()
        and value[0].islower()
        and all(c.isascii() and (c.islower() or c.isdigit() or c in "-_") for c in value)
    )
