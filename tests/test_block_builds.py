"""Real `mkdocs build --strict` runs of small sites: bad blocks stop the build cleanly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import Build, mkdocs_build
from fixture_site import CONFIG, write_site


def build(tmp_path: Path, page: str, config: str = CONFIG) -> Build:
    return mkdocs_build(write_site(tmp_path, page, config), tmp_path / "site")


def test_a_good_page_renders_every_kind_of_block(tmp_path: Path) -> None:
    result = build(tmp_path, """\
        # Fruit

        ```compare-table
        dataset: fruit
        ```

        ```compare-ranking
        dataset: fruit
        ```

        ```compare-matrix
        dataset: fruit
        x: grade
        y: grade
        ```
        """)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output
    html = (result.site_dir / "index.html").read_text()
    assert html.count('<div class="compare-table') == 1
    assert len(re.findall(r'<svg [^>]*role="img"', html)) == 2
    assert not (result.site_dir / "data").exists()
    assert (result.site_dir / "assets" / "stylesheets" / "compare.css").is_file()
    assert 'href="assets/stylesheets/compare.css"' in html


@pytest.mark.parametrize(
    ("block", "line", "message"),
    [
        ("dataset: vegetables", 4, "unknown dataset `vegetables`; the datasets are: fruit"),
        ("dataset: fruit\nitems: [pear]", 5, "dataset `fruit` has no item `pear`"),
        ("dataset: fruit\nfields: [colour]", 5, "dataset `fruit` has no field `colour`"),
        ("dataset: fruit\norientation: diagonal", 5, "`orientation` is `diagonal`"),
        ("dataset: fruit\nsort: name", 5, "unknown key `sort` in the `compare-table` block"),
    ],
)
def test_a_bad_block_stops_the_build_naming_page_and_line(
    tmp_path: Path, block: str, line: int, message: str
) -> None:
    result = build(tmp_path, f"# Fruit\n\n```compare-table\n{block}\n```\n")
    assert result.returncode != 0
    assert f"docs/index.md:{line}: {message}" in result.output
    assert "Traceback" not in result.output
    assert not (result.site_dir / "index.html").exists()


def test_a_bad_option_of_a_diagram_names_its_line(tmp_path: Path) -> None:
    page = "# Fruit\n\n```compare-matrix\ndataset: fruit\nx: taste\ny: grade\n```\n"
    result = build(tmp_path, page)
    assert result.returncode != 0
    assert "docs/index.md:5: `x` must name a scale field of dataset `fruit`" in result.output
    assert "Traceback" not in result.output


def test_disabled_plugin_leaves_blocks_as_code(tmp_path: Path) -> None:
    config = CONFIG.replace("  - compare\n", "  - compare:\n      enabled: false\n")
    result = build(tmp_path, "# Fruit\n\n```compare-table\ndataset: vegetables\n```\n", config)
    assert result.returncode == 0, result.output
    html = (result.site_dir / "index.html").read_text()
    assert '<div class="compare-table' not in html
    assert "dataset: vegetables" in html
