"""A lecture's metadata, read from the front matter of its overview page.

```yaml
---
title: Virtualization
lecture:
  date: 2025-11-25
  lecturer:
    name: Stephan Schiffel
    email: stephans@ru.is
  university: Reykjavik University
  labs:
    - labs/lab-2-virtual-machine.md
---
```

A page whose front matter has `lecture` is a lecture's overview. Errors name the file and the
line of the value that is wrong.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

LECTURE_KEY = "lecture"
"""The front matter key that makes a page a lecture's overview."""

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
"""MkDocs' front matter: a YAML document between `---` lines at the very start of a page."""


class LectureError(Exception):
    """Front matter that does not describe a lecture; the message names file and line."""


@dataclass(frozen=True)
class Lecturer:
    name: str
    email: str | None


@dataclass(frozen=True)
class Lecture:
    """One lecture of the course, as its overview page's front matter gives it."""

    source: str
    """Source path of the overview page, relative to `docs_dir` (`virtualization/index.md`)."""
    title: str
    date: datetime.date
    lecturer: Lecturer
    university: str
    labs: tuple[str, ...]
    """Source paths of the lecture's lab pages, in the order given."""

    @property
    def slug(self) -> str:
        """The lecture's short name: its overview's folder (`virtualization`), or the
        overview's file name without `.md` when it has no folder of its own."""
        folder = self.source.rpartition("/")[0]
        return folder.rpartition("/")[2] if folder else self.source.removesuffix(".md")


def front_matter(text: str) -> tuple[str, int] | None:
    """The front matter's YAML text and the file line it starts on, or None."""
    found = FRONT_MATTER.match(text.removeprefix("\ufeff"))
    if found is None:
        return None
    return found["yaml"] or "", 2


def is_overview(path: Path) -> bool:
    """Whether the page file at `path` is a lecture's overview (its front matter has
    `lecture`); a file that cannot be read or parsed is not."""
    try:
        found = front_matter(path.read_text(encoding="utf-8-sig"))
        data = yaml.safe_load(found[0]) if found else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    return isinstance(data, dict) and LECTURE_KEY in data


def read_lecture(path: Path, source: str, display: str) -> Lecture | None:
    """The lecture the page at `path` (source path `source`, named `display` in messages)
    describes, or None when its front matter has no `lecture`."""
    found = front_matter(path.read_text(encoding="utf-8-sig"))
    if found is None:
        return None
    text, first_line = found
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        raise LectureError(f"{display}:{line}: the front matter is not valid YAML: "
                           f"{getattr(err, 'problem', err)}") from err
    if not isinstance(data, dict) or LECTURE_KEY not in data:
        return None
    fields = _Fields(display, first_line, node)
    lecture = fields.mapping(data, (LECTURE_KEY,))
    lecturer = fields.mapping(lecture, (LECTURE_KEY, "lecturer"))
    labs = lecture.get("labs", [])
    if not isinstance(labs, list) or not all(isinstance(lab, str) and lab for lab in labs):
        raise fields.error((LECTURE_KEY, "labs"), "`lecture.labs` must be a list of the lab "
                           "pages' paths relative to the docs folder, e.g. "
                           "`- labs/lab-2-virtual-machine.md` (or `[]` for none)")
    date = lecture.get("date")
    if not isinstance(date, datetime.date) or isinstance(date, datetime.datetime):
        raise fields.error((LECTURE_KEY, "date"), "`lecture.date` must be a date written "
                           "YYYY-MM-DD without quotes, e.g. `date: 2025-11-25`")
    return Lecture(
        source=source,
        title=fields.text(data, ("title",)),
        date=date,
        lecturer=Lecturer(fields.text(lecturer, (LECTURE_KEY, "lecturer", "name")),
                          fields.text(lecturer, (LECTURE_KEY, "lecturer", "email"),
                                      required=False)),
        university=fields.text(lecture, (LECTURE_KEY, "university")),
        labs=tuple(labs),
    )


class _Fields:
    """Values of the front matter, with the file line of each for messages."""

    def __init__(self, display: str, first_line: int, root: yaml.Node | None) -> None:
        self.display = display
        self.first_line = first_line
        self.root = root

    def line(self, keys: tuple[str, ...]) -> int:
        """The file line of the value at `keys`, or of its nearest parent that exists."""
        node = self.root
        line = self.first_line
        for key in keys:
            if not isinstance(node, yaml.MappingNode):
                break
            # A key written twice holds its last value, as YAML reads it: look there.
            match = next((pair for pair in reversed(node.value) if pair[0].value == key), None)
            if match is None:
                break
            node = match[1]
            line = self.first_line + node.start_mark.line
        return line

    def error(self, keys: tuple[str, ...], message: str) -> LectureError:
        return LectureError(f"{self.display}:{self.line(keys)}: {message}")

    def mapping(self, parent: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
        value = parent.get(keys[-1])
        if not isinstance(value, dict):
            raise self.error(keys, f"`{'.'.join(keys)}` must be a mapping of keys (see the "
                                   "'Add a lecture' page for the front matter to write)")
        return value

    def text(self, parent: dict[str, Any], keys: tuple[str, ...], *,
             required: bool = True) -> Any:
        value = parent.get(keys[-1])
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.error(keys, f"`{'.'.join(keys)}` must be a line of text"
                                   + ("" if required else " (or left out)"))
        return value.strip()
