"""Real `mkdocs build --strict` runs of small sites: bad data files stop the build cleanly.

The data is `test_load`'s: its valid `fruit.yml` and `shops.yml`, and its catalogue of bad
edits, each with the line its error belongs to. Here every kind of mistake goes through the
whole MkDocs pipeline once, to show the author sees one located message and no traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_load import BAD_FRUIT, FRUIT, SHOPS, edited, marked_line

from conftest import Build, mkdocs_build

CONFIG = """\
site_name: Data errors
plugins: [compare]
markdown_extensions: [pymdownx.superfences]
"""

PAGE = """\
# Fruit

```compare-table
dataset: fruit
fields: [taste, sold_by]
```
"""


def build(root: Path, data: dict[str, str | bytes], page: str = "# Fruit\n") -> Build:
    """Build a site whose `docs/data/` holds `data` (file name to content)."""
    folder = root / "docs" / "data"
    folder.mkdir(parents=True)
    for name, content in data.items():
        if isinstance(content, bytes):
            (folder / name).write_bytes(content)
        else:
            (folder / name).write_text(content, encoding="utf-8")
    (root / "docs" / "index.md").write_text(page, encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return mkdocs_build(root / "mkdocs.yml", root / "site")


def test_valid_data_builds_and_is_not_copied_into_the_site(tmp_path: Path) -> None:
    result = build(tmp_path, {"fruit.yml": FRUIT, "shops.yaml": SHOPS}, PAGE)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output
    html = (result.site_dir / "index.html").read_text(encoding="utf-8")
    assert "Lemon" in html
    assert "Grocer" in html  # a `refs` value, shown as the name of the item of `shops`
    published = [path.name for path in result.site_dir.rglob("*") if path.is_file()]
    assert "index.html" in published
    assert not [name for name in published if name.endswith((".yml", ".yaml"))]
    assert not (result.site_dir / "data").exists()


# One build per kind of mistake (the unit tests in `test_load` cover every case).
KINDS = [
    "malformed YAML",
    "no document",
    "not a mapping",
    "missing title",
    "number as text",
    "text as list",
    "unknown top-level key",
    "no items",
    "bad item id",
    "duplicate item id",
    "duplicate level id",
    "duplicate field id",
    "duplicate rank",
    "zero rank",
    "unknown scale",
    "value off its scale",
    "one-level scale",
    "scale key on a text field",
    "required field missing",
    "unknown refs dataset",
    "unknown refs item",
    "tier with item and name",
    "unknown tier item",
    "item in tiers and apart",
]


def assert_stopped_at(result: Build, where: str, phrase: str) -> None:
    """The build failed with one message naming `where` (path:line) and `phrase`."""
    assert result.returncode != 0
    assert "Traceback" not in result.output
    messages = [line for line in result.output.splitlines() if f"{where}: " in line]
    assert len(messages) == 1, result.output
    assert phrase in messages[0], result.output


@pytest.mark.parametrize("kind", KINDS)
def test_bad_data_stops_the_build_with_one_located_message(tmp_path: Path, kind: str) -> None:
    old, new, phrase = BAD_FRUIT[kind]
    text = edited(old, new)
    result = build(tmp_path, {"fruit.yml": text, "shops.yml": SHOPS}, PAGE)
    assert_stopped_at(result, f"docs/data/fruit.yml:{marked_line(text)}", phrase)


@pytest.mark.parametrize(
    ("data", "where", "phrase"),
    [
        ({"Fruit.yml": SHOPS}, "docs/data/Fruit.yml:1", "does not name a dataset id"),
        ({"shops.yml": SHOPS.replace("Grocer", "Gr\xf6cer").encode("latin-1")},
         "docs/data/shops.yml:11", "the file is not UTF-8 text"),
        ({"shops.yml": SHOPS, "shops.yaml": SHOPS}, "docs/data/shops.yml:1",
         "dataset `shops` is also defined by docs/data/shops.yaml"),
    ],
)
def test_bad_data_files_stop_the_build(
    tmp_path: Path, data: dict[str, str | bytes], where: str, phrase: str
) -> None:
    assert_stopped_at(build(tmp_path, data), where, phrase)
