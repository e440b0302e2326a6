"""YAML text composed into nodes: within limits, and with errors that say what to write.

Data files and block bodies are both read here. libyaml composes them when PyYAML has it; a
text it refuses is read again with the pure-Python loader, whose complaints say more, and
turned into a located message with a hint. A composed document is then walked once to refuse
what would let it grow without bound (aliases) or mean more than plain data (tags).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import CompareError

_OPENINGS = ("while parsing a flow sequence", "while parsing a flow mapping",
             "while scanning a quoted")
"""Complaints about a bracket or quote, which is best fixed where it opens."""

_YAML_HINTS = (
    ("mapping values are not allowed", "put quotes around a text that holds `: `"),
    ("'\\t'", "indent with spaces, not tabs"),
    ("cannot start any token", "put quotes around a text that starts with a special character"),
    ("undefined alias", "`*` starts an alias: put quotes around a text that starts with `*`"),
    ("single document", "a file holds one document: remove the `---` line"),
    ("while parsing a flow node", "a bracket is left open; close it"),
    ("while parsing a flow", "close the bracket opened on this line, and put quotes around an "
                             "entry that holds `: `, `,` or a bracket"),
    ("quoted scalar", "close the quote opened on this line"),
    ("end of stream", "close the quote or bracket that is left open"),
    ("<block end>", "line up the entries of each list and mapping at the same indentation"),
)
"""Phrases of PyYAML's complaints and what the author most likely has to write instead."""

MAX_ALIASES = 100
"""The most aliases (`*name`) one data file or block may use. An alias repeats what its anchor
(`&name`) holds; a few share a long text, thousands are an attack on the build's memory."""
MAX_EXPANDED = 1_000_000
"""The most characters one data file or block may hold once every alias is written out
(each value counts its characters plus one, each list or mapping one). About a hundred times
the largest data file of these notes; a list of aliases, aliased again, passes it at once."""
_YAML_PREFIX = "tag:yaml.org,2002:"
_PLAIN_COLLECTIONS = (f"{_YAML_PREFIX}map", f"{_YAML_PREFIX}seq")


_FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader where PyYAML was built with it: the same nodes, an order of magnitude faster."""




def compose(text: str, path: str, first_line: int, error: type[CompareError]) -> Node | None:
    """`text` composed into nodes; `None` when it holds no document at all. Errors name `path`
    and count lines from `first_line`, and are raised as `error`."""
    return _Composer(path, first_line, error).parse(text)


@dataclass(frozen=True)
class _Composer:
    path: str
    first_line: int
    error: type[CompareError]

    def fail(self, node: Node | None, message: str) -> CompareError:
        line = self.first_line + (0 if node is None else node.start_mark.line)
        return self.error(self.path, line, message)

    def parse(self, text: str) -> Node | None:
        """Compose `text` into nodes; `None` when it holds no document at all.

        The document is refused when its aliases would expand it past `MAX_EXPANDED`
        characters or it uses more than `MAX_ALIASES` of them, when an alias stands inside
        what its anchor names, and when a list or mapping carries a tag: nothing read from it
        can then grow beyond the limits, or mean something the schema does not describe.
        """
        loader = _FAST_LOADER
        try:
            root = yaml.compose(text, Loader=loader)
        except yaml.YAMLError:
            loader = yaml.SafeLoader
            root = self._compose_explained(text)
        if root is not None:
            self._check_bounded(root, text, loader)
        return root

    def _compose_explained(self, text: str) -> Node | None:
        """Compose `text` with the pure-Python loader, whose errors say more, as a located error."""
        try:
            return yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as err:
            problem = " ".join(filter(None, [err.context, err.problem]))
            # An unclosed quote or bracket is found where the text ends or the next key
            # stands; its opening is the place to fix.
            opening = problem.startswith(_OPENINGS) or "end of stream" in problem
            mark = (err.context_mark if opening else None) or err.problem_mark or err.context_mark
            line = self.first_line + (mark.line if mark else 0)
            raise self.error(self.path, line, f"malformed YAML: {problem}; {_yaml_hint(problem)}"
                             ) from err
        except yaml.reader.ReaderError as err:
            line = self.first_line + yaml_line(text, err.position)
            raise self.error(self.path, line, f"malformed YAML: the character U+{err.character:04X}"
                             " is not allowed in YAML; delete it") from err
        except yaml.YAMLError as err:
            raise self.error(self.path, self.first_line, f"malformed YAML: {err}") from err
        except RecursionError as err:
            raise self.error(self.path, self.first_line, "malformed YAML: lists or mappings are"
                             " nested too deeply; flatten them") from err

    def _check_bounded(self, root: Node, text: str, loader: type[yaml.SafeLoader]) -> None:
        """Walk the node graph once, each node once however many aliases name it, and refuse
        what `parse` refuses; only then read the text again (with `loader`, which read it the
        first time: the two loaders disagree on some texts) to find the place to blame."""
        sizes: dict[int, int] = {}
        """Expanded size of each list and mapping walked, by identity."""
        seen: set[int] = {id(root)}
        open_nodes: set[int] = set()
        aliases = 0
        frames: list[tuple[Node, list[Node], list[int]]] = []

        def enter(node: Node) -> None:
            if node.tag not in _PLAIN_COLLECTIONS:
                raise self._tagged(node)
            children = ([part for pair in node.value for part in pair]
                        if isinstance(node, MappingNode) else list(node.value))
            open_nodes.add(id(node))
            frames.append((node, children, [0, 1]))

        if not isinstance(root, ScalarNode):
            enter(root)
        elif not root.tag.startswith(_YAML_PREFIX):
            raise self._tagged(root)
        while frames:
            node, children, state = frames[-1]
            if state[0] == len(children):
                frames.pop()
                open_nodes.discard(id(node))
                sizes[id(node)] = state[1]
                if frames:
                    frames[-1][2][1] += state[1]
                continue
            child = children[state[0]]
            state[0] += 1
            if id(child) in seen:
                aliases += 1
                if aliases > MAX_ALIASES or id(child) in open_nodes:
                    raise self._unbounded(text, loader)
            seen.add(id(child))
            if isinstance(child, ScalarNode):
                if not child.tag.startswith(_YAML_PREFIX):
                    raise self._tagged(child)
                state[1] += 1 + len(child.value)
            elif id(child) in sizes:
                state[1] += sizes[id(child)]
            else:
                enter(child)
        total = sizes.get(id(root), 1 + len(root.value) if isinstance(root, ScalarNode) else 0)
        if total > MAX_EXPANDED:
            raise self._unbounded(text, loader)

    def _tagged(self, node: Node) -> CompareError:
        tag = str(node.tag)
        shown = "!!" + tag.removeprefix(_YAML_PREFIX) if tag.startswith(_YAML_PREFIX) else tag
        kind = ("mapping" if isinstance(node, MappingNode)
                else "list" if isinstance(node, SequenceNode) else "value")
        return self.fail(node, f"the tag `{shown}` on this {kind} is not allowed: data is plain "
                               f"YAML; remove `{shown}`")

    def _unbounded(self, text: str, loader: type[yaml.SafeLoader]) -> CompareError:
        """The error for a document past the limits, at the alias (or value) that passes them.

        Found by reading the text's events again: the expanded size grows value by value, each
        alias adding all its anchor holds, so the first event past a limit is the one to blame.
        """
        anchors: dict[str, int] = {}
        open_collections: list[tuple[str | None, int]] = []
        expanded = aliases = 0
        for event in yaml.parse(text, Loader=loader):
            size = 0
            if isinstance(event, yaml.AliasEvent):
                aliases += 1
                if any(anchor == event.anchor for anchor, _ in open_collections):
                    return self._at(event, f"the alias `*{event.anchor}` stands inside the list or"
                                           f" mapping `&{event.anchor}` names, which would make it "
                                           "endless; write out what it should repeat")
                if aliases > MAX_ALIASES:
                    return self._at(event, f"more than {MAX_ALIASES} aliases (`*name`) in one "
                                           "file or block; write the values out instead of "
                                           "repeating them through aliases")
                size = anchors.get(str(event.anchor), 0)
            elif isinstance(event, yaml.ScalarEvent):
                size = 1 + len(event.value)
                if event.anchor is not None:
                    anchors[event.anchor] = size
            elif isinstance(event, yaml.CollectionStartEvent):
                open_collections.append((event.anchor, expanded))
                size = 1
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, start = open_collections.pop()
                if anchor is not None:
                    anchors[anchor] = expanded - start
            expanded += size
            if expanded > MAX_EXPANDED:
                what = (f"the alias `*{event.anchor}`" if isinstance(event, yaml.AliasEvent)
                        else "this value")
                return self._at(event, f"{what} makes the text longer than {MAX_EXPANDED:,} "
                                       "characters once every alias (`*name`) is written out; "
                                       "write shorter values and fewer aliases (each repeats "
                                       "all its anchor `&name` holds)")
        return self.fail(None, f"the text is longer than {MAX_EXPANDED:,} characters once every "
                               "alias is written out; write shorter values and fewer aliases")

    def _at(self, event: yaml.Event, message: str) -> CompareError:
        line = self.first_line + (event.start_mark.line if event.start_mark else 0)
        return self.error(self.path, line, message)


def yaml_line(text: str, position: int) -> int:
    """Zero-based line of character `position`, counted as PyYAML counts lines in its marks."""
    before = text[:position]
    return sum(before.count(mark) for mark in ("\n", "\x85", "\u2028", "\u2029")) + len(
        re.findall("\r(?!\n)", before)
    )


def _yaml_hint(problem: str) -> str:
    return next(
        (hint for phrase, hint in _YAML_HINTS if phrase in problem),
        "check the quotes and the indentation around this line",
    )
