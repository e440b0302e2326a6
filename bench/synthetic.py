"""Synthetic courses for the scale benchmark: N pages, each with tables and diagrams, over
datasets of M items. The text is filler and says so; only the shape matters.

Pages are left out of the navigation (only the home page is in it), because Material renders
the whole navigation into every page: with 1,000 pages in it, each page would cost in
proportion to the course's size for reasons that have nothing to do with the plugin.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from bench.sites import COURSE_CONFIG, derived_config
from mkdocs_compare.data.ranking import MAX_RANK

BLOCKS_PER_PAGE = {"compare-table": 3, "compare-ranking": 1, "compare-matrix": 1}


def datasets(items: int) -> dict[str, dict[str, Any]]:
    """Two datasets of `items` items each; `alpha` refers to `beta` and has a ranking."""
    levels = {
        "cost": ["low", "medium", "high"],
        "strength": ["weak", "fair", "strong"],
    }
    scales = {
        scale: {"label": scale.capitalize(),
                "levels": [{"id": level, "label": level.capitalize()} for level in names]}
        for scale, names in levels.items()
    }
    alpha_items = [
        {"id": f"a-{n}", "name": f"Alpha {n}", "summary": f"Synthetic item {n}, *filler* text.",
         "traits": [f"Trait {n}.1", f"Trait {n}.2"], "cost": levels["cost"][n % 3],
         "strength": levels["strength"][(n // 3) % 3], "related": [f"b-{n}"]}
        for n in range(1, items + 1)
    ]
    alpha = {
        "title": "Alpha (synthetic)",
        "item_label": "Alpha",
        "scales": scales,
        "fields": {
            "summary": {"label": "Summary", "type": "text"},
            "traits": {"label": "Traits", "type": "list"},
            "cost": {"label": "Cost", "type": "scale", "scale": "cost"},
            "strength": {"label": "Strength", "type": "scale", "scale": "strength"},
            "related": {"label": "Related", "type": "refs", "dataset": "beta"},
        },
        "items": alpha_items,
        "ranking": {
            "title": "Alpha ranked (synthetic)",
            "first": "First",
            "last": "Last",
            # Ranks stop at MAX_RANK (what the diagram's badge holds); the rest of the items
            # are kept apart, so the diagram still grows with every item.
            "tiers": [{"rank": n, "item": f"a-{n}", "verdict": f"Verdict {n}."}
                      for n in range(1, min(items, MAX_RANK) + 1)],
            **({"apart": [{"item": f"a-{n}", "verdict": f"Verdict {n}."}
                          for n in range(MAX_RANK + 1, items + 1)]} if items > MAX_RANK else {}),
        },
    }
    beta = {
        "title": "Beta (synthetic)",
        "fields": {"summary": {"label": "Summary", "type": "text"}},
        "items": [{"id": f"b-{n}", "name": f"Beta {n}", "summary": f"Synthetic item {n}."}
                  for n in range(1, items + 1)],
    }
    return {"alpha": alpha, "beta": beta}


def page(number: int) -> str:
    blocks = [
        "```compare-table\ndataset: alpha\norientation: rows\n```",
        "```compare-table\ndataset: alpha\nitems: [a-1, a-2, a-3]\n"
        "fields: [summary, traits, cost]\n```",
        "```compare-table\ndataset: beta\norientation: rows\ncaption: Beta, all items\n```",
        "```compare-ranking\ndataset: alpha\n```",
        "```compare-matrix\ndataset: alpha\nx: cost\ny: strength\n```",
    ]
    paragraph = (f"Synthetic page {number} of a benchmark course: filler text that stands for "
                 "a lecture's prose between the comparisons.")
    return f"# Page {number}\n\n" + "".join(f"{paragraph}\n\n{block}\n\n" for block in blocks)


def write_course(folder: Path, *, pages: int, items: int) -> Path:
    """A course of `pages` pages over datasets of `items` items; returns its config file."""
    if folder.exists():
        shutil.rmtree(folder)
    docs = folder / "docs"
    (docs / "data").mkdir(parents=True)
    (docs / "pages").mkdir(exist_ok=True)
    # The course's snippets (abbreviations appended to every page) live in its docs.
    snippets = COURSE_CONFIG.parent / "docs" / "includes"
    if snippets.is_dir():
        shutil.copytree(snippets, docs / "includes")
    for dataset_id, content in datasets(items).items():
        (docs / "data" / f"{dataset_id}.yml").write_text(
            yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
    (docs / "index.md").write_text(page(0), encoding="utf-8")
    for number in range(1, pages):
        (docs / "pages" / f"{number:04}.md").write_text(page(number), encoding="utf-8")
    return derived_config(folder / "mkdocs.yml", COURSE_CONFIG, docs, {
        "nav": ["index.md"],
        "validation": {"nav": {"omitted_files": "info"}},
        "extra_css": [],
    })
