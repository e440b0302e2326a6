"""The peers: the course's tables drawn by `mkdocs-table-reader-plugin` and `mkdocs-macros-plugin`.

Three copies of the course differ only in who draws the tables; the diagrams, which the peers
cannot draw, are pasted into all three as the plugin's static HTML:

- `compare`: the tables are the plugin's own fences;
- `table-reader`: each table is a flat YAML file (one record per row, the cells already
  written out) read by `{{ read_yaml(...) }}`, through pandas;
- `macros`: each table is a Jinja macro call over the course's own data files
  (`bench/peers/compare.jinja`).

The peers are installed in their own environment, `bench/.work/peers/venv`, with MkDocs,
Material and pymdown-extensions held to the project's versions; the three sites are built
there, by the same interpreter.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml

from bench.capture import Block, Course, paste_html, static_overrides, write_docs
from bench.sites import ROOT, WORK, derived_config

PEERS = ROOT / "bench" / "peers"
VENV = WORK / "peers" / "venv"
HELD_TO_PROJECT = ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "PyYAML",
                   "Jinja2", "Pygments")
"""Packages the peers' environment must have at the project's version, so builds compare."""


def peer_python() -> str:
    """The peers' environment's interpreter, created or updated when its inputs changed."""
    python = VENV / "bin" / "python"
    constraints = "".join(f"{name}=={version(name)}\n" for name in HELD_TO_PROJECT)
    requirements = PEERS / "requirements.txt"
    stamp = VENV / "bench-inputs.sha256"
    inputs = hashlib.sha256((constraints + requirements.read_text()).encode()).hexdigest()
    if python.exists() and stamp.exists() and stamp.read_text() == inputs:
        return str(python)
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    constraints_file = VENV / "constraints.txt"
    constraints_file.write_text(constraints)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", str(requirements), "-c", str(constraints_file), "-e", str(ROOT)],
        check=True,
    )
    stamp.write_text(inputs)
    return str(python)


def raw_datasets(course: Course) -> dict[str, dict[str, Any]]:
    """The course's data files as plain YAML, by dataset id."""
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted(course.data_dir.glob("*.yml"))}


def table_cells(datasets: dict[str, dict[str, Any]], body: str) -> tuple[str, list[list[str]]]:
    """A `compare-table` block's caption and rows of cells (the first row is the header), with
    every value written out as Markdown: what a lecturer would store for table-reader."""
    options = yaml.safe_load(body)
    dataset = datasets[options["dataset"]]
    by_id = {item["id"]: item for item in dataset["items"]}
    items = [by_id[item_id] for item_id in options.get("items", by_id)]
    fields = options.get("fields", list(dataset["fields"]))
    label = dataset.get("item_label", "Item")
    caption = options.get("caption", dataset["title"])
    if options.get("orientation", "columns") == "columns":
        rows = [[label, *(item["name"] for item in items)]]
        rows += [[dataset["fields"][field]["label"],
                  *(_cell(datasets, dataset, field, item) for item in items)] for field in fields]
    else:
        rows = [[label, *(dataset["fields"][field]["label"] for field in fields)]]
        rows += [[item["name"], *(_cell(datasets, dataset, field, item) for field in fields)]
                 for item in items]
    return caption, rows


def _cell(
    datasets: dict[str, dict[str, Any]], dataset: dict[str, Any], field_id: str,
    item: dict[str, Any],
) -> str:
    field = dataset["fields"][field_id]
    value = item.get(field_id)
    if value is None:
        return ""
    if isinstance(value, dict) and "value" in value:  # a value with its qualifier or source
        qualifier = f" ({value['qualifier']})" if "qualifier" in value else ""
        return _cell(datasets, dataset, field_id, {field_id: value["value"]}) + qualifier
    if field["type"] == "list":
        return "<br>".join(value)
    if field["type"] == "scale":
        levels = dataset["scales"][field["scale"]]["levels"]
        return str(next(level["label"] for level in levels if level["id"] == value))
    if field["type"] == "refs":
        names = {other["id"]: other["name"] for other in datasets[field["dataset"]]["items"]}
        return "<br>".join(names[ref] for ref in value)
    return str(value)


def write_sites(course: Course, blocks: list[Block], folder: Path) -> dict[str, Path]:
    """The three sites' configs, by the name of who draws the tables."""
    datasets = raw_datasets(course)
    tables = [block for block in blocks if not block.is_diagram]
    configs = {}

    def diagrams_only(block: Block) -> list[str] | None:
        return paste_html(block) if block.is_diagram else None

    docs = write_docs(course, blocks, folder / "compare" / "docs", diagrams_only, keep_data=True)
    configs["compare"] = derived_config(folder / "compare" / "mkdocs.yml", course.config, docs)

    table_files = folder / "table-reader" / "tables"
    table_files.mkdir(parents=True, exist_ok=True)
    file_names = {}
    for block in tables:
        _, rows = table_cells(datasets, block.body)
        file_names[block.number] = name = f"table-{block.number}.yml"
        records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
        (table_files / name).write_text(
            yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def read_yaml(block: Block) -> list[str]:
        if block.is_diagram:
            return paste_html(block)
        caption, _ = table_cells(datasets, block.body)
        return [f"*{caption}*", "", f"{{{{ read_yaml('{file_names[block.number]}') }}}}"]

    docs = write_docs(course, blocks, folder / "table-reader" / "docs", read_yaml)
    overrides = static_overrides(course, docs)
    overrides["plugins"]["table-reader"] = {"data_path": str(table_files)}
    configs["table-reader"] = derived_config(folder / "table-reader" / "mkdocs.yml",
                                             course.config, docs, overrides)

    templates = folder / "macros" / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    (templates / "compare.jinja").write_text((PEERS / "compare.jinja").read_text())
    variables = {dataset_id: f"ds_{dataset_id.replace('-', '_')}" for dataset_id in datasets}
    (templates / "datasets.jinja").write_text(
        "{% set datasets = {" + ", ".join(f"'{i}': {v}" for i, v in variables.items()) + "} %}\n")

    def macro_call(block: Block) -> list[str]:
        if block.is_diagram:
            return paste_html(block)
        options = yaml.safe_load(block.body)
        arguments = ", ".join([repr(options.pop("dataset"))] +
                              [f"{key}={value!r}" for key, value in options.items()])
        return ["{% import 'compare.jinja' as compare with context %}"
                f"{{{{ compare.table({arguments}) }}}}"]

    docs = write_docs(course, blocks, folder / "macros" / "docs", macro_call)
    overrides = static_overrides(course, docs)
    overrides["plugins"]["macros"] = {
        "include_dir": str(templates),
        "include_yaml": [{variable: str(course.data_dir / f"{dataset_id}.yml")}
                         for dataset_id, variable in variables.items()],
        # The pages give headings ids as `{#id}`, which Jinja would take for a comment.
        "j2_comment_start_string": "{##",
        "j2_comment_end_string": "##}",
    }
    configs["macros"] = derived_config(folder / "macros" / "mkdocs.yml", course.config, docs,
                                       overrides)
    return configs
