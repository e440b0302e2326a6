"""A small site for real builds: one dataset, one page, the compare plugin."""

from __future__ import annotations

import textwrap
from pathlib import Path

CONFIG = """\
site_name: Fixture
plugins:
  - compare
markdown_extensions:
  - abbr
  - pymdownx.superfences
"""

DATA = """\
title: Fruit compared
item_label: Fruit
scales:
  grade:
    label: Grade
    levels:
      - id: low
        label: Low
      - id: high
        label: High
fields:
  taste:
    label: Taste
    type: text
  grade:
    label: Grade
    type: scale
    scale: grade
items:
  - id: apple
    name: Apple
    taste: Sweet
    grade: high
  - id: lemon
    name: Lemon
    taste: Sour
    grade: low
ranking:
  title: Best fruit
  first: Best
  last: Worst
  tiers:
    - rank: 1
      item: apple
      verdict: Crisp.
    - rank: 2
      item: lemon
      verdict: Too sour.
"""


def write_site(root: Path, page: str, config: str = CONFIG) -> Path:
    """Write the site under `root` with `page` as its home page; return its `mkdocs.yml`."""
    (root / "docs" / "data").mkdir(parents=True)
    (root / "docs" / "data" / "fruit.yml").write_text(DATA)
    (root / "docs" / "index.md").write_text(textwrap.dedent(page))
    (root / "mkdocs.yml").write_text(config)
    return root / "mkdocs.yml"
