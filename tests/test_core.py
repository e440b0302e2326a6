"""The rendering core on its own: plain Python-Markdown, the block-kind registry, the field
types, and the package's layering."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest

from conftest import ROOT
from fixture_site import DATA
from mkdocs_compare.blocks import BLOCK_KINDS, Block, BlockKind, register
from mkdocs_compare.blocks.kinds import DATASET_MEANING
from mkdocs_compare.blocks.locate import fenced_blocks, locate
from mkdocs_compare.blocks.options import Option, item_ids, text
from mkdocs_compare.data.fields import FIELD_TYPES, FieldType
from mkdocs_compare.data.inline import escape, to_html
from mkdocs_compare.data.reader import Reader
from mkdocs_compare.extension import BlockRenderError

PACKAGE = ROOT / "plugins" / "mkdocs_compare"
DATA_DIR = ROOT / "docs" / "data"


def convert(text: str, data_dir: Path) -> str:
    return markdown.markdown(
        text, extensions=["pymdownx.superfences", "mkdocs_compare"],
        extension_configs={"mkdocs_compare": {"data_dir": str(data_dir)}},
    )


def lecture_blocks() -> Iterator[tuple[Path, str, str]]:
    """Every block of the site's pages: the page, its kind and its body."""
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for block in fenced_blocks(page.read_text(encoding="utf-8")):
            if block.name in BLOCK_KINDS:
                yield page, block.name, "\n".join(block.body)


def _without_abbreviations(text: str) -> str:
    """The page's HTML as it was before `abbr` gave table text its tooltips."""
    return re.sub(r"</?abbr[^>]*>", "", text)


def test_every_lecture_block_renders_the_same_through_plain_python_markdown(site: Path) -> None:
    blocks = list(lecture_blocks())
    assert {kind for _, kind, _ in blocks} == set(BLOCK_KINDS)
    for page, kind, body in blocks:
        rendered = convert(f"```{kind}\n{body}\n```\n", DATA_DIR)
        # Ids count blocks per page; a block converted alone is number 1 of its page.
        pattern = re.escape(rendered).replace(re.escape(f"{kind}-1"), f"{re.escape(kind)}-\\d+")
        relative = page.relative_to(ROOT / "docs").with_suffix("")
        output = site / (relative.parent if relative.name == "index" else relative) / "index.html"
        built = _without_abbreviations(output.read_text(encoding="utf-8"))
        assert re.search(pattern, built), f"{page}: {kind} differs from the MkDocs build"


def test_every_kinds_output_carries_its_css_hook(site: Path) -> None:
    pages = "".join(page.read_text(encoding="utf-8") for page in site.rglob("*.html"))
    for kind in BLOCK_KINDS.values():
        roots = re.findall(rf'<(?:div|figure) class="([^"]*\b{kind.css_class}\b[^"]*)"', pages)
        assert roots, f"no {kind.name} output carries `{kind.css_class}`"


def test_the_standalone_core_reads_each_version_of_the_data_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mkdocs_compare.data.load as load

    reads: list[Path] = []
    original = load.read_data_file

    def counting(path: Path, reader: Reader) -> str:
        reads.append(path)
        return original(path, reader)

    monkeypatch.setattr(load, "read_data_file", counting)
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "fruit.yml").write_text(DATA)
    block = "```compare-table\ndataset: fruit\n```\n"
    for _ in range(3):
        assert "Apple" in convert(block, data_dir)
    assert len(reads) == 1
    (data_dir / "fruit.yml").write_text(DATA.replace("name: Apple", "name: Green apple"))
    assert "Green apple" in convert(block, data_dir)
    assert len(reads) == 2


def test_the_standalone_core_reaches_every_lectures_datasets_by_qualified_name(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixture_course" / "docs" / "data", data_dir)
    alpha = convert("```compare-table\ndataset: alpha/things\n```\n", data_dir)
    beta = convert("```compare-table\ndataset: beta/things\n```\n", data_dir)
    assert '<table class="compare-table__grid">' in alpha
    assert alpha != beta
    (data_dir / "beta" / "things.yml").write_text(
        (data_dir / "beta" / "things.yml").read_text().replace("title:", "title: Renamed", 1))
    assert "Renamed" in convert("```compare-table\ndataset: beta/things\n```\n", data_dir)


def test_the_standalone_core_raises_the_located_errors_of_a_build(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "fruit.yml").write_text(DATA.replace("taste: Sour", "taste: [Sour"))
    with pytest.raises(BlockRenderError, match=r"fruit\.yml:\d+: malformed YAML"):
        convert("```compare-table\ndataset: fruit\n```\n", data_dir)
    (data_dir / "fruit.yml").write_text(DATA)
    with pytest.raises(BlockRenderError, match=r"<markdown>:3: dataset `fruit` has no item "
                                               "`pear`"):
        convert("```compare-table\ndataset: fruit\nitems: [pear]\n```\n", data_dir)


def test_the_standalone_core_without_data_says_which_option_to_set() -> None:
    with pytest.raises(BlockRenderError, match="set its `data_dir` option"):
        markdown.markdown("```compare-table\ndataset: fruit\n```\n",
                          extensions=["pymdownx.superfences", "mkdocs_compare"])


def test_the_extension_module_loads_by_its_dotted_name(tmp_path: Path) -> None:
    (tmp_path / "fruit.yml").write_text(DATA)
    html_text = markdown.markdown(
        "```compare-table\ndataset: fruit\n```\n",
        extensions=["pymdownx.superfences", "mkdocs_compare.extension"],
        extension_configs={"mkdocs_compare.extension": {"data_dir": str(tmp_path)}},
    )
    assert '<table class="compare-table__grid">' in html_text


# A new kind, declared once: a one-line summary of the chosen items.

SUMMARY_ITEMS = Option("items", item_ids, "Item ids to list. Default: all.",
                       default=lambda dataset: tuple(item.id for item in dataset.items))
SUMMARY_LEAD = Option("lead", text, "Words before the list.")


def _summary(block: Block) -> str:
    names = ", ".join(to_html(block.dataset.item(item_id).name) for item_id in block[SUMMARY_ITEMS])
    return f'<p class="compare-summary">{escape(block[SUMMARY_LEAD])}: {names}</p>'


SUMMARY = BlockKind(name="compare-summary", summary="The items' names on one line.",
                    render=_summary, css_class="compare-summary",
                    options=(SUMMARY_ITEMS, SUMMARY_LEAD))


@pytest.fixture
def summary_kind() -> Iterator[BlockKind]:
    register(SUMMARY)
    yield SUMMARY
    del BLOCK_KINDS[SUMMARY.name]


@pytest.mark.usefixtures("summary_kind")
def test_a_kind_is_a_renderer_and_one_registry_entry(tmp_path: Path) -> None:
    (tmp_path / "fruit.yml").write_text(DATA)
    rendered = convert("```compare-summary\ndataset: fruit\nlead: Fruit <b>\n```\n", tmp_path)
    assert rendered == '<p class="compare-summary">Fruit &lt;b&gt;: Apple, Lemon</p>'
    with pytest.raises(BlockRenderError, match=r"<markdown>:3: unknown key `colour` in the "
                                               r"`compare-summary` block; expected one of: "
                                               "dataset, lead, items"):
        convert("```compare-summary\ndataset: fruit\ncolour: red\nlead: x\n```\n", tmp_path)
    with pytest.raises(BlockRenderError, match="the `compare-summary` block is missing `lead`"):
        convert("```compare-summary\ndataset: fruit\n```\n", tmp_path)


@pytest.mark.usefixtures("summary_kind")
def test_a_kind_missing_from_the_authoring_guide_is_reported() -> None:
    assert guide_mismatches() == [
        "compare-summary: no option table in the authoring guide; expected:\n"
        + option_table(SUMMARY)
    ]


def option_table(kind: BlockKind) -> str:
    """The authoring guide's option table for `kind`, as the registry declares it."""
    meaning = DATASET_MEANING + "".join(f" It must have a `{part}`." for part in kind.needs)
    rows = [f"| `dataset` | yes | {meaning} |"]
    for option in kind.options:
        rows.append(f"| `{option.name}` | {'yes' if option.required else 'no'} | "
                    f"{option.meaning} |")
    return "\n".join(["| Option | Required | Meaning |", "| --- | --- | --- |", *rows])


def guide_mismatches() -> list[str]:
    """Each kind whose option table in the authoring guide is missing or differs."""
    guide = (ROOT / "docs" / "authoring" / "index.md").read_text(encoding="utf-8")
    mismatches = []
    for kind in BLOCK_KINDS.values():
        section = re.search(rf"^### .*`{re.escape(kind.name)}`\n(.*?)(?=^##)", guide,
                            re.S | re.M)
        expected = option_table(kind)
        if section is None or "| Option | Required | Meaning |" not in section[1]:
            mismatches.append(f"{kind.name}: no option table in the authoring guide; "
                              f"expected:\n{expected}")
        elif expected not in section[1]:
            mismatches.append(f"{kind.name}: the authoring guide's option table differs from "
                              f"the registry; write:\n{expected}")
    return mismatches


def test_the_authoring_guide_lists_every_kinds_options_as_the_registry_declares_them() -> None:
    assert guide_mismatches() == []


def test_every_field_type_declares_its_whole_behaviour() -> None:
    for name, field_type in FIELD_TYPES.items():
        assert name == field_type.name
        assert field_type.summary
        # Abstract methods left out make the class impossible to instantiate; the registry
        # holds instances, so each type implements read, cell_html and plain.
        assert not getattr(type(field_type), "__abstractmethods__", None), name
        for method in ("configure", "read", "cell_html", "plain"):
            assert callable(getattr(field_type, method)), (name, method)
    assert {"read", "cell_html", "plain"} <= FieldType.__abstractmethods__


def test_the_schema_page_documents_every_field_type() -> None:
    schema = (ROOT / "docs" / "authoring" / "schema.md").read_text(encoding="utf-8")
    for name in FIELD_TYPES:
        assert f"`{name}`" in schema, name


STAGES = ["errors", "instrument", "data", "render", "blocks", "extension", "config", "plugin"]
"""The package's modules and folders, each importing only from those before it."""


def _stage(module: Path) -> str:
    relative = module.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def test_nothing_imports_upward() -> None:
    for module in PACKAGE.rglob("*.py"):
        if module.name == "__init__.py" and module.parent == PACKAGE:
            continue
        stage = _stage(module)
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or node.level == 0:
                continue
            parts = module.relative_to(PACKAGE).parts[:-1][: max(0, len(
                module.relative_to(PACKAGE).parts) - node.level)]
            target = (*parts, *(node.module or "").split(".")) if node.module else parts
            imported = [target[0]] if target else [alias.name for alias in node.names]
            for name in imported:
                assert STAGES.index(name) <= STAGES.index(stage), (
                    f"{module.relative_to(PACKAGE)} imports {name}, a later stage")


def test_locate_skips_blocks_shown_inside_longer_fences() -> None:
    page = textwrap.dedent("""\
        ````markdown
        ```compare-table
        dataset: fruit
        ```
        ````

        ```compare-table
        dataset: fruit
        ```
        """)
    assert locate(page, "compare-table", ["dataset: fruit"]) == 7
    assert [block.name for block in fenced_blocks(page)] == ["markdown", "compare-table"]


def test_properdocs_builds_the_same_pages(site: Path, tmp_path: Path) -> None:
    """ProperDocs, the maintained fork of MkDocs 1.x, writes the same pages but for its name."""
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
         "-d", str(tmp_path / "site")],
        capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    pages = sorted(path.relative_to(site) for path in site.rglob("*.html"))
    assert pages == sorted(path.relative_to(tmp_path / "site")
                           for path in (tmp_path / "site").rglob("*.html"))
    generator = re.compile(r'<meta name="generator" content="[^"]*">')
    for page in pages:
        ours = generator.sub("", (site / page).read_text(encoding="utf-8"))
        theirs = generator.sub("", (tmp_path / "site" / page).read_text(encoding="utf-8"))
        assert ours == theirs, page
