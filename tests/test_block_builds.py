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


def test_a_disabled_plugin_stops_at_a_block_instead_of_showing_it_as_code(
    tmp_path: Path,
) -> None:
    config = CONFIG.replace("  - compare\n", "  - compare:\n      enabled: false\n")
    page = "---\ntitle: Fruit\n---\n# Fruit\n\n```compare-table\ndataset: vegetables\n```\n"
    result = build(tmp_path, page, config)
    assert result.returncode != 0
    assert ("docs/index.md:6: the compare plugin is off (`enabled: false` in mkdocs.yml), so "
            "this `compare-table` block cannot be rendered") in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("page", "line", "message"),
    [
        ("```compare-tabel\ndataset: fruit\n```\n", 3,
         "unknown kind of block `compare-tabel`; did you mean `compare-table`?"),
        ("```Compare-Table\ndataset: fruit\n```\n", 3,
         "block kinds are written in lower case: write `compare-table`, not `Compare-Table`"),
        ("```compare-table dataset=fruit\ndataset: fruit\n```\n", 3,
         "nothing may follow `compare-table` on the opening line, but `dataset=fruit` does"),
        ("``` { .compare-table #fruit .wide }\ndataset: fruit\n```\n", 3,
         "nothing may follow `compare-table` on the opening line, but `#fruit .wide` does"),
        ("Text.\n\n```compare-table\ndataset: fruit\n\nMore text.\n", 5,
         "the `compare-table` block is never closed"),
    ],
)
def test_a_block_that_would_show_as_code_stops_the_build(
    tmp_path: Path, page: str, line: int, message: str
) -> None:
    result = build(tmp_path, "# Fruit\n\n" + page)
    assert result.returncode != 0
    assert f"docs/index.md:{line}: {message}" in result.output
    assert "Traceback" not in result.output


def test_a_block_shown_as_code_inside_a_longer_fence_is_not_a_block(tmp_path: Path) -> None:
    result = build(tmp_path, "# Fruit\n\n````markdown\n```compare-tabel\nx: 1\n```\n````\n")
    assert result.returncode == 0, result.output
    assert "compare-tabel" in (result.site_dir / "index.html").read_text()


@pytest.mark.parametrize(
    ("before", "line"),
    [
        ("A line with a form feed \x0c and a line separator \u2028 in it.\n\n", 7),
        ("Tabs:\n\n\tindented\ttext\n\n", 9),
    ],
)
def test_lines_are_counted_as_markdown_counts_them(tmp_path: Path, before: str, line: int) -> None:
    page = f"# Fruit\n\n{before}```compare-table\ndataset: fruit\nitems: [pear]\n```\n"
    result = build(tmp_path, page)
    assert f"docs/index.md:{line}: dataset `fruit` has no item `pear`" in result.output


def test_a_tab_in_a_blocks_body_still_names_the_pages_line(tmp_path: Path) -> None:
    page = "# Fruit\n\n```compare-table\ndataset: fruit\nitems:\t[pear]\n```\n"
    result = build(tmp_path, page)
    assert result.returncode != 0
    assert re.search(r"docs/index\.md:5: ", result.output), result.output


def test_a_block_from_a_snippet_names_the_snippets_file_and_line(tmp_path: Path) -> None:
    config = CONFIG + (f"  - pymdownx.snippets:\n      base_path: [{tmp_path}/docs/includes]\n"
                       "      auto_append: [appended.md]\n      check_paths: true\n")
    write_site(tmp_path, "# Fruit\n\nIntro.\n\n--8<-- \"shared.md\"\n", config)
    includes = tmp_path / "docs" / "includes"
    includes.mkdir()
    (includes / "shared.md").write_text("Shared.\n\n```compare-table\ndataset: fruit\n"
                                        "items: [pear]\n```\n")
    (includes / "appended.md").write_text("*[VM]: Virtual machine\n")
    (tmp_path / "mkdocs.yml").write_text((tmp_path / "mkdocs.yml").read_text()
                                         + "exclude_docs: includes/\n")
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert "docs/includes/shared.md:5: dataset `fruit` has no item `pear`" in result.output

    (includes / "shared.md").write_text("Shared.\n")
    (includes / "appended.md").write_text("*[VM]: Virtual machine\n\n```compare-tabel\n"
                                          "dataset: fruit\n```\n")
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert "docs/includes/appended.md:3: unknown kind of block `compare-tabel`" in result.output


def test_a_generated_page_is_named_by_its_own_path(tmp_path: Path) -> None:
    hooks = tmp_path / "hooks.py"
    hooks.write_text(
        "from mkdocs.structure.files import File\n\n"
        "def on_files(files, config):\n"
        "    files.append(File.generated(config, 'generated.md', content="
        "'# Made\\n\\n```compare-table\\ndataset: fruit\\nitems: [pear]\\n```\\n'))\n"
        "    return files\n"
    )
    result = build(tmp_path, "# Fruit\n\n```compare-table\ndataset: fruit\n```\n",
                   CONFIG + "hooks:\n  - hooks.py\n")
    assert result.returncode != 0
    assert "ERROR   -  generated.md: dataset `fruit` has no item `pear`" in result.output
    assert "(line 2 of the `compare-table` block)" in result.output
    assert "docs/index.md" not in result.output.split("Error reading page")[-1]


ENTITIES = "AT&amp;T &lt;b&gt; & R&D"


def test_data_text_shows_literally_in_tables_and_diagrams_alike(tmp_path: Path) -> None:
    result = build(tmp_path, f"""\
        # Fruit

        ```compare-table
        dataset: fruit
        caption: "{ENTITIES}"
        ```

        ```compare-ranking
        dataset: fruit
        caption: "{ENTITIES}"
        ```
        """)
    assert result.returncode == 0, result.output
    html = (result.site_dir / "index.html").read_text()
    shown = "AT&amp;amp;T &amp;lt;b&amp;gt; &amp; R&amp;D"
    assert f"<caption>{shown}</caption>" in html
    assert f"<figcaption>{shown}</figcaption>" in html
    assert f"<title id=\"compare-ranking-2-title\">{shown}</title>" in html


def test_links_in_diagrams_are_rewritten_and_checked(tmp_path: Path) -> None:
    config = write_site(tmp_path, "# Fruit\n\n```compare-ranking\ndataset: fruit\n```\n")
    data = tmp_path / "docs" / "data" / "fruit.yml"
    data.write_text(data.read_text().replace("verdict: Crisp.",
                                             "verdict: \"Crisp; see [the other page](other.md).\""))
    (tmp_path / "docs" / "other.md").write_text("# Other\n")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.output
    html = (result.site_dir / "index.html").read_text()
    assert '<a href="other/">the other page</a>' in html

    (tmp_path / "docs" / "other.md").unlink()
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "contains a link 'other.md'" in result.output


def test_abbreviations_reach_the_facts_but_not_their_repeats(tmp_path: Path) -> None:
    """Table cells and captions get tooltips; a diagram's text alternative and a table's
    legend, which say the same facts again, get none (each tooltip costs the theme's script)."""
    config = write_site(tmp_path, "# Fruit\n\n```compare-table\ndataset: fruit\n```\n\n"
                                  "```compare-ranking\ndataset: fruit\n```\n\n"
                                  "*[Sweet]: Full of sugar\n*[Crisp]: Firm and fresh\n")
    data = tmp_path / "docs" / "data" / "fruit.yml"
    data.write_text(data.read_text().replace(
        "      - id: high\n        label: High\n",
        "      - id: high\n        label: High\n        description: Sweet and Crisp.\n"))
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.output
    html = (result.site_dir / "index.html").read_text()
    body = re.search(r"<tbody>.*?</tbody>", html, re.S)
    legend = re.search(r"<tfoot>.*?</tfoot>", html, re.S)
    text = re.search(r'<details class="compare-diagram__text">.*?</details>', html, re.S)
    assert body is not None
    assert legend is not None
    assert text is not None
    assert '<abbr title="Full of sugar">Sweet</abbr>' in body[0]
    assert "Sweet and Crisp." in legend[0]
    assert "<abbr" not in legend[0]
    assert "Crisp." in text[0]
    assert "<abbr" not in text[0]
