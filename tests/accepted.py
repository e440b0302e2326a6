"""The diagrams' accepted output, in tests/golden/: what a drawing must still look like.

A deliberate change to a drawing: check it by eye (the site, `mkdocs serve`), then run its
test once with `UPDATE_GOLDEN=1` to accept it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
CHANGED = "the drawing changed; if on purpose, check it by eye and run with UPDATE_GOLDEN=1"


def changed_drawings(drawings: Mapping[str, str]) -> list[str]:
    """The names of `drawings` (name → HTML) that differ from their accepted output; with
    `UPDATE_GOLDEN` set, each is accepted as it is instead."""
    changed = []
    for name, html in drawings.items():
        path = GOLDEN / f"{name}.html"
        if os.environ.get("UPDATE_GOLDEN"):
            GOLDEN.mkdir(exist_ok=True)
            path.write_text(html + "\n", encoding="utf-8")
        elif path.read_text(encoding="utf-8") != html + "\n":
            changed.append(name)
    return changed
