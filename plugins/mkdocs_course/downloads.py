"""The handout files a build publishes: what `handouts.json` lists, as links and labels.

The `handout` plugin writes the files and the list; a later site build reads the list, copies
the files into the site's `downloads/` folder and labels each link with what the file is
("PDF, 23 pages, 1.4 MB").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "handouts.json"
"""The list of handout files, beside them in the handout plugin's `output_dir`."""

SITE_FOLDER = "downloads"
"""Where the files go in the built site."""

EXPANSIONS = {"pdf": "Portable Document Format"}
"""What each kind's name stands for (the site's abbreviations show the same on hover)."""

PUBLISHED = ("pdf",)
"""The kinds of handout file a site publishes. The HTML handout stays out: a page of the site
must carry the site's Content-Security-Policy, and that file is made to be mailed or
uploaded, not served beside the pages."""


@dataclass(frozen=True)
class Download:
    """One handout file."""

    path: Path
    """The file on disk."""
    kind: str
    """`pdf` (see `PUBLISHED`)."""
    size: int
    """In bytes."""
    pages: int | None = None
    """Sheets of a PDF."""

    @property
    def site_path(self) -> str:
        return f"{SITE_FOLDER}/{self.path.name}"

    @property
    def label(self) -> str:
        """`PDF, 23 pages, 1.4 megabytes`."""
        parts = [self.kind.upper()]
        if self.pages is not None:
            parts.append(f"{self.pages} page" + ("" if self.pages == 1 else "s"))
        parts.append(human_size(self.size))
        return ", ".join(parts)


def human_size(size: int) -> str:
    """Bytes as a reader says them, in words: `812 kilobytes`, `1.4 megabytes` (decimal units,
    as file managers count)."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{round(size / 1000)} kilobytes"
    return f"{size / 1_000_000:.1f} megabytes"


def read_manifest(folder: Path) -> dict[str | None, tuple[Download, ...]]:
    """The handouts in `folder` by the source path of the page that declared each (None: the
    whole site's book); empty when there is no list. A listed file that is missing, or has
    changed size since, is left out (the list is stale)."""
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return {}
    data = json.loads(manifest.read_text(encoding="utf-8"))
    books: dict[str | None, tuple[Download, ...]] = {}
    for book in data.get("books", []):
        files = []
        for kind in PUBLISHED:
            entry = book.get(kind)
            if not entry:
                continue
            path = folder / entry["name"]
            if not path.is_file() or path.stat().st_size != entry["bytes"]:
                continue
            files.append(Download(path, kind, entry["bytes"], entry.get("pages")))
        if files:
            books[book.get("source")] = tuple(files)
    return books
