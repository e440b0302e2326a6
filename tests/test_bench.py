"""Smoke test of the benchmark harness (`bench/`) at tiny sizes, with real MkDocs builds.

It checks what the harness counts and builds, never how long anything took.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench import live, weight
from bench.capture import (
    Block,
    Course,
    capture,
    compare_fences,
    compare_sites,
    static_config,
    without_config,
)
from bench.inprocess import MARKER
from bench.report import Figure, text_table
from bench.sites import ROOT, build, html_pages
from bench.stats import Stats, loglog_slope, side_by_side
from bench.synthetic import BLOCKS_PER_PAGE, write_course
from mkdocs_compare.data.load import load_datasets
from mkdocs_compare.data.stack import MARKS
from mkdocs_compare.render.stack import render_stack

PAGES, ITEMS = 3, 4


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    folder = tmp_path_factory.mktemp("bench") / "course"
    return Course.of(write_course(folder, pages=PAGES, items=ITEMS))


def test_the_in_process_worker_counts_renders_pages_and_data_reads(
    course: Course, tmp_path: Path
) -> None:
    out = tmp_path / "result.json"
    subprocess.run(
        [sys.executable, "-m", "bench.inprocess", "--out", str(out), "--runs", "2",
         "--warmup", "0", "--site", "tiny", str(course.config), str(tmp_path / "site"),
         "--data-dir", str(course.data_dir)],
        cwd=ROOT, check=True,
    )
    runs: list[dict[str, Any]] = json.loads(out.read_text())["runs"]["tiny"]
    assert len(runs) == 2
    blocks = PAGES * sum(BLOCKS_PER_PAGE.values())
    for run in runs:
        assert run["pages"] == PAGES
        assert run["render_calls"] == blocks
        assert {language: timer["calls"] for language, timer in run["renders"].items()} == {
            language: PAGES * count for language, count in BLOCKS_PER_PAGE.items()}
        entry_points = run["plugins"]["compare"]["entry_points"]
        assert entry_points["on_config"]["calls"] == 1
        assert entry_points["block conversion"]["calls"] == blocks
        assert run["loads"]["calls"] == 1
        assert sorted(Path(path).name for path in run["data_reads"]) == ["alpha.yml", "beta.yml"]
        assert set(run["data_reads"].values()) == {1}


def test_the_static_baseline_builds_the_same_pages_without_the_plugin(
    course: Course, tmp_path: Path
) -> None:
    blocks = capture(course, tmp_path / "capture-site", tmp_path / "capture.json")
    assert len(blocks) == PAGES * sum(BLOCKS_PER_PAGE.values())
    assert all(block.html.startswith(("<div", "<figure")) for block in blocks)
    assert not any(MARKER in block.html for block in blocks)
    static = static_config(course, blocks, tmp_path / "static")
    static_docs = tmp_path / "static" / "docs"
    assert not (static_docs / "data").exists()
    for page in static_docs.rglob("*.md"):
        assert compare_fences(page.read_text().split("\n")) == []
    build(course.config, tmp_path / "plugin-site")
    build(static, tmp_path / "static-site")
    comparison = compare_sites(tmp_path / "plugin-site", tmp_path / "static-site")
    assert comparison.different == {}
    assert comparison.missing == []
    assert len(comparison.identical) == len(html_pages(tmp_path / "plugin-site"))

    build(without_config(course, blocks, tmp_path / "without"), tmp_path / "without-site")
    pages = weight.site_weights(tmp_path / "plugin-site", tmp_path / "without-site",
                                course.base_path)
    assert all(page["plugin"]["js"] == page["without"]["js"] for page in pages.values())
    assert all(page["plugin"]["html"] > page["without"]["html"] for name, page in pages.items()
               if name != "404.html")
    assert all(page["plugin"]["external"] == 0 for page in pages.values())
    diagrams = weight.diagram_weights(blocks)
    assert len(diagrams) == 2 * PAGES
    assert all(diagram["svg"] > 0 for diagram in diagrams)
    assert weight.scripts_in_blocks(blocks) == 0


def test_fences_shown_as_examples_inside_a_longer_fence_are_not_blocks() -> None:
    page = ["````markdown", "```compare-table", "dataset: a", "```", "````", "",
            "```compare-table", "dataset: a", "```", "", "~~~python", "x", "~~~",
            "```compare-ranking", "dataset: b", "```"]
    assert compare_fences(page) == [(6, 8, "compare-table"), (13, 15, "compare-ranking")]


def test_side_by_side_rotates_the_order_and_drops_the_warm_up() -> None:
    calls: list[str] = []

    def variant(name: str) -> Any:
        def run() -> float:
            calls.append(name)
            return float(len(calls))
        return run

    stats = side_by_side({"a": variant("a"), "b": variant("b")}, runs=3, warmup=1)
    assert calls == ["a", "b", "b", "a", "a", "b", "b", "a"]
    assert stats["a"].samples == (4.0, 5.0, 8.0)
    assert stats["a"] == Stats(5.0, 4.0, 8.0, (4.0, 5.0, 8.0))
    assert loglog_slope([10, 100, 1000], [2.0, 2.0, 2.0]) == 0
    assert loglog_slope([10, 100, 1000], [1.0, 10.0, 100.0]) == pytest.approx(1)


def test_the_table_shows_each_figure_with_its_ratio_to_the_baseline() -> None:
    figure = Figure("Section", "A build", Stats.of([2.0, 3.0, 4.0]), "s", baseline="static",
                    baseline_value=Stats.of([2.0, 2.0, 2.0]), target="ratio ≤ 1.03", met=False)
    assert figure.ratio == 1.5
    table = text_table([figure])
    assert "[Section]" in table
    assert "1.500" in table
    assert "NO" in table


def test_live_preview_sees_both_edits_rebuilt(course: Course, tmp_path: Path) -> None:
    blocks = capture(course, tmp_path / "capture-site", tmp_path / "capture.json")
    result = live.measure(course, blocks, tmp_path / "live", runs=1, warmup=0)
    assert result["data edit"].runs == result["markdown edit"].runs == 1
    assert result["data_file"] in ("alpha.yml", "beta.yml")


def test_each_image_of_a_stack_block_is_weighed_with_the_parts_it_shares() -> None:
    """A stack block draws one accessible image per architecture: the bench weighs each image
    against the 12 KB bound, charging it the block's pattern definitions and legend swatches."""
    items = ["type-1", "paravirtualization", "hardware-assisted", "containers", "emulation"]
    dataset = load_datasets(ROOT / "docs" / "data", ROOT)["architectures"]
    html = render_stack(dataset, field="stack", items=items, layout="side-by-side", marks=MARKS,
                        caption="Methods", diagram_id="compare-stack-1")
    block = Block(number=1, language="compare-stack", source=Path("methods.md"), body="",
                  output="methods/index.html", html=html)
    table = Block(number=2, language="compare-table", source=Path("methods.md"), body="",
                  output="methods/index.html", html="<table></table>")

    diagrams = weight.diagram_weights([block, table])

    images = re.findall(r'<svg\b[^>]*role="img".*?</svg>', html, re.DOTALL)
    shared = sum(len(svg.encode()) for svg in re.findall(r"<svg\b.*?</svg>", html, re.DOTALL)
                 if 'role="img"' not in svg.split(">", 1)[0])
    assert shared > 0
    assert [(d["image"], d["images"]) for d in diagrams] == [(n, 5) for n in range(1, 6)]
    assert [d["svg"] for d in diagrams] == [len(image.encode()) + shared for image in images]
    assert all(d["figure"] == len(html.encode()) for d in diagrams)
    assert all(d["svg"] <= 12_000 for d in diagrams)
