"""`add-lecture`: add a lecture to the course in one step.

Writes the lecture's overview page (its front matter holds the lecture's metadata, under it
the standard skeleton of an overview), makes its data folder, and adds its section to the
`nav` of mkdocs.yml after the last lecture, as text, so the file's comments and layout stay.
The schedule, the handout and the glossary pick the lecture up from its front matter by
themselves. Refuses to overwrite anything; prints what it made.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .lectures import front_matter, is_overview

SKELETON = """\
---
# The lecture's metadata, in one place: the heading, course, lecturer, date, labs and
# downloads above this text, the course home's schedule and the handout's cover are all
# written from it. Add the lecture's labs as paths relative to the docs folder, e.g.
#   labs:
#     - labs/lab-3-containers.md
title: {title}
lecture:
  date: {date}
  lecturer:
    name: {name}
{email}  university: {university}
  labs: []
---

<!-- Replace the text below with the lecture's. Each part of the lecture gets a page of its
     own in this folder ({folder}/), listed in the lecture's section of the nav in mkdocs.yml.
     Its tables and diagrams read their data from {data}/. -->

Prerequisites
:   None stated yet.

What this lecture is about, in a paragraph: the question it answers, and what a student can do
after it.

## Outline {{#outline}}

1. The lecture's first part: what it covers.

??? question "Check yourself"

    A question on the lecture as a whole.

    ??? success answer "Answer"

        Its model answer.
"""


class RefusedError(Exception):
    """Something the command will not do; the message says why and what to do instead."""


@dataclass(frozen=True)
class Made:
    """What the command wrote."""

    overview: Path
    data_dir: Path
    config: Path
    nav_lines: str


def slugify(title: str) -> str:
    """A folder name for a title: `Cloud Security & Containers` → `cloud-security-containers`."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar on one line, quoted only when it has to be."""
    dumped = yaml.safe_dump(text, default_flow_style=True, allow_unicode=True, width=10_000)
    return dumped.removesuffix("\n").removesuffix("\n...")


def add_lecture(
    config_file: Path, title: str, date: datetime.date, *, lecturer: str | None = None,
    email: str | None = None, university: str | None = None, folder: str | None = None,
) -> Made:
    """Add the lecture; raises `RefusedError` before writing anything if it cannot."""
    if not title.strip():
        raise RefusedError("the title is empty")
    text = config_file.read_text(encoding="utf-8")
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        raise RefusedError(f"{config_file} is not an MkDocs config (a mapping of settings)")
    settings = {key.value: value for key, value in root.value}
    docs_dir = config_file.parent / _scalar(settings.get("docs_dir"), "docs")
    data_name = _data_dir(settings.get("plugins"))
    nav = settings.get("nav")
    if not isinstance(nav, yaml.SequenceNode):
        raise RefusedError(f"{config_file} has no `nav` list to add the lecture to")
    lectures = [item for item in nav.value if _is_lecture_section(item, docs_dir)]
    previous = _previous(lectures, docs_dir)
    slug = folder or slugify(title)
    if not slug or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        raise RefusedError(f"`{slug}` cannot name the lecture's folder; give --folder with "
                      "lower-case letters, digits and `-`")
    overview = docs_dir / slug / "index.md"
    data_dir = docs_dir / data_name / slug
    for path in (docs_dir / slug, data_dir):
        if path.exists():
            raise RefusedError(f"{path} already exists: a lecture `{slug}` is there already; "
                          "nothing was changed")
    if f"{slug}/" in text and re.search(rf"(?m)^\s*-\s.*\b{re.escape(slug)}/", text):
        raise RefusedError(f"the nav of {config_file} already lists pages in {slug}/; "
                      "nothing was changed")
    for item in lectures:
        section_title = item.value[0][0].value
        if section_title.strip().lower() == title.strip().lower():
            raise RefusedError(f"the nav of {config_file} already has a lecture `{section_title}`;"
                          " nothing was changed")
    name = lecturer or previous.get("name")
    if not name:
        raise RefusedError("give the lecturer: --lecturer 'Name' (there is no earlier lecture to "
                      "take the name from)")
    mail = email if email is not None else (previous.get("email") if not lecturer else None)
    where = university or previous.get("university")
    if not where:
        raise RefusedError("give the university: --university 'Name'")

    # Everything checked: write.
    lines = text.splitlines(keepends=True)
    after = (lectures[-1] if lectures else nav.value[0])
    insert_at = _end_line(after)
    column = _dash_column(after, lines)
    child = _child_column(lectures, column, lines)
    entry = (f"{' ' * column}- {yaml_scalar(title)}:\n"
             f"{' ' * child}- {slug}/index.md\n")
    if insert_at == len(lines) and not lines[-1].endswith("\n"):
        lines[insert_at - 1] += "\n"
    lines.insert(insert_at, entry)
    overview.parent.mkdir(parents=True)
    overview.write_text(SKELETON.format(
        title=yaml_scalar(title), date=date.isoformat(), name=yaml_scalar(name),
        email=f"    email: {yaml_scalar(mail)}\n" if mail else "",
        university=yaml_scalar(where), folder=f"{docs_dir.name}/{slug}",
        data=f"{docs_dir.name}/{data_name}/{slug}"), encoding="utf-8")
    data_dir.mkdir(parents=True)
    # Git keeps no empty folder; hidden files are neither datasets nor pages.
    (data_dir / ".gitkeep").write_text("", encoding="utf-8")
    config_file.write_text("".join(lines), encoding="utf-8")
    return Made(overview, data_dir, config_file, entry)


def _scalar(node: yaml.Node | None, default: str) -> str:
    return node.value if isinstance(node, yaml.ScalarNode) and node.value else default


def _data_dir(plugins: yaml.Node | None) -> str:
    """The compare plugin's `data_dir` (default `data`), under `plugins:` written as a mapping
    or, as MkDocs also allows, as a list (`- compare: {data_dir: …}`)."""
    entries: list[tuple[yaml.Node, yaml.Node]] = []
    if isinstance(plugins, yaml.MappingNode):
        entries = list(plugins.value)
    elif isinstance(plugins, yaml.SequenceNode):
        entries = [pair for item in plugins.value if isinstance(item, yaml.MappingNode)
                   for pair in item.value]
    for key, value in entries:
        if key.value == "compare" and isinstance(value, yaml.MappingNode):
            for option, setting in value.value:
                if option.value == "data_dir":
                    return _scalar(setting, "data")
    return "data"


def _pages(node: yaml.Node) -> list[str]:
    """The page paths a nav entry holds."""
    if isinstance(node, yaml.ScalarNode):
        return [node.value]
    if isinstance(node, yaml.SequenceNode):
        return [page for item in node.value for page in _pages(item)]
    if isinstance(node, yaml.MappingNode):
        return [page for _, value in node.value for page in _pages(value)]
    return []


def _is_lecture_section(item: yaml.Node, docs_dir: Path) -> bool:
    if not isinstance(item, yaml.MappingNode) or len(item.value) != 1:
        return False
    pages = _pages(item.value[0][1])
    return bool(pages) and pages[0].endswith(".md") and is_overview(docs_dir / pages[0])


def _previous(lectures: list[yaml.Node], docs_dir: Path) -> dict[str, str]:
    """Lecturer, e-mail and university of the last lecture, as defaults."""
    if not lectures:
        return {}
    found = front_matter((docs_dir / _pages(lectures[-1])[0]).read_text(encoding="utf-8-sig"))
    data = yaml.safe_load(found[0]) if found else {}
    lecture = _mapping(data, "lecture")
    lecturer = _mapping(lecture, "lecturer")
    values = {"name": lecturer.get("name"), "email": lecturer.get("email"),
              "university": lecture.get("university")}
    return {key: value for key, value in values.items() if isinstance(value, str)}


def _mapping(data: object, key: str) -> dict[str, object]:
    """`data[key]` when both are mappings, else an empty one: a default is only a help."""
    found = data.get(key) if isinstance(data, dict) else None
    return found if isinstance(found, dict) else {}


def _end_line(node: yaml.Node) -> int:
    """The index of the first line after `node` (a block collection ends where the next
    token starts, so its last scalar's end tells where it ends)."""
    if isinstance(node, yaml.ScalarNode):
        return int(node.end_mark.line) + 1
    children: list[yaml.Node] = (
        [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode)
        else list(node.value))
    return max((_end_line(child) for child in children),
               default=int(node.end_mark.line) + 1)


def _dash_column(node: yaml.Node, lines: list[str]) -> int:
    """The column of the `-` that starts the list item `node`: before it on its line, or alone
    on a line above it (`-`, then the item indented under it)."""
    line = node.start_mark.line
    before = lines[line][: node.start_mark.column].rstrip()
    while not before and line > 0:
        line -= 1
        before = lines[line].rstrip()
    return len(before) - 1 if before.endswith("-") else int(node.start_mark.column)


def _child_column(lectures: list[yaml.Node], column: int, lines: list[str]) -> int:
    if lectures:
        children = lectures[-1].value[0][1]
        if isinstance(children, yaml.SequenceNode) and children.value:
            return _dash_column(children.value[0], lines)
    return column + 4


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"`{text}` is not a date written YYYY-MM-DD") from err


def parser() -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(
        prog="add-lecture",
        description="Add a lecture to the course: its overview page (docs/<folder>/index.md) "
                    "with the lecture's metadata in its front matter and the standard "
                    "skeleton under it, its data folder (docs/data/<folder>/), and its section "
                    "in the nav of mkdocs.yml after the last lecture (comments and layout "
                    "kept). The schedule on the course home, the lecture's handout (built by "
                    "`mkdocs build --strict -f mkdocs.handout.yml`) and the glossary pick it "
                    "up from the front matter. Nothing is overwritten: if the lecture's "
                    "folder, data folder or nav entry exists, nothing is changed.",
        epilog="Example: add-lecture 'Containers' --date 2025-12-02 --lecturer 'Stephan "
               "Schiffel' --email stephans@ru.is",
    )
    command.add_argument("title", help="the lecture's title, as the site shows it")
    command.add_argument("--date", required=True, type=_date,
                         help="the day the lecture is given, YYYY-MM-DD")
    command.add_argument("--lecturer", help="who gives it (default: the last lecture's)")
    command.add_argument("--email", help="the lecturer's e-mail (default: the last lecture's, "
                                         "when the lecturer is too)")
    command.add_argument("--university", help="default: the last lecture's")
    command.add_argument("--folder", help="the lecture's folder under docs/ (default: made from "
                                          "the title, e.g. `cloud-security`)")
    command.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                         help="the site's MkDocs config (default: mkdocs.yml)")
    return command


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    config_file: Path = args.config_file
    if not config_file.is_file():
        print(f"add-lecture: no {config_file} here; run it in the project's folder or give "
              "-f path/to/mkdocs.yml", file=sys.stderr)
        return 2
    try:
        made = add_lecture(config_file, args.title, args.date, lecturer=args.lecturer,
                           email=args.email, university=args.university, folder=args.folder)
    except RefusedError as err:
        print(f"add-lecture: refused: {err}", file=sys.stderr)
        return 1
    except yaml.YAMLError as err:
        print(f"add-lecture: {config_file} is not valid YAML, nothing was changed: {err}",
              file=sys.stderr)
        return 1
    print(f"Added the lecture “{args.title}”:")
    print(f"  {made.overview}  its overview page: metadata in the front matter, skeleton below")
    print(f"  {made.data_dir}/  its data folder, for its tables and diagrams")
    print(f"  {made.config}  its section in the nav:")
    print("".join(f"      {line}\n" for line in made.nav_lines.splitlines()), end="")
    print("Next: write the lecture's pages into its folder and list them in its nav section; "
          "`mkdocs serve` shows it, `mkdocs build --strict -f mkdocs.handout.yml` makes its "
          "handout.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
