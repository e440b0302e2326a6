"""`python -m bench`: every benchmark, side by side with its baseline, then the table, the JSON
(`bench/results/latest.json`) and the maintainers' page (`docs/maintainers/benchmarks.md`).

`--quick` and `--only` are for trying the harness: they run fewer repeats or fewer parts and
write `bench/results/quick.json` or `partial.json`, never the maintainers' page.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import pstats
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench import lighthouse, live, peers, weight
from bench.capture import Block, Course, capture, compare_sites, static_config, without_config
from bench.report import Figure, machine, markdown_table, number, text_table, write_json
from bench.sites import (
    BUILD_ENV,
    COURSE_CONFIG,
    OFFLINE_CONFIG,
    ROOT,
    WORK,
    build,
)
from bench.stats import Stats, loglog_slope, side_by_side
from bench.synthetic import BLOCKS_PER_PAGE, datasets, write_course

RESULTS = ROOT / "bench" / "results"
PAGE = ROOT / "docs" / "maintainers" / "benchmarks.md"
PARTS = ("course", "peers", "scale", "live", "weight", "lighthouse")
DIAGRAM_LIMIT = 12_000
"""Bytes of SVG a diagram may weigh (12 KB)."""


@dataclass(frozen=True)
class Settings:
    runs: int
    warmup: int
    pages: tuple[int, ...]
    items: tuple[int, ...]
    runs_at_most_pages: int
    """Runs of the largest synthetic course, which is slow to build."""
    lighthouse_runs: int


FULL = Settings(runs=5, warmup=1, pages=(10, 100, 1000), items=(5, 50, 500),
                runs_at_most_pages=3, lighthouse_runs=5)
QUICK = Settings(runs=2, warmup=1, pages=(10, 100), items=(5, 50), runs_at_most_pages=2,
                 lighthouse_runs=1)


@dataclass
class Section:
    """One part of the suite: its figures, its data for the JSON and its notes for the page."""

    name: str
    method: str
    figures: list[Figure] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    details: list[str] = field(default_factory=list)
    """Markdown paragraphs and tables for the page, after the figures."""

    def add(self, name: str, value: Stats | float, unit: str, **more: Any) -> Figure:
        figure = Figure(self.name, name, value, unit, **more)
        self.figures.append(figure)
        return figure


@dataclass(frozen=True)
class Context:
    settings: Settings
    course: Course
    blocks: list[Block]


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def inprocess(
    sites: list[tuple[str, Path, Path]], *, runs: int, warmup: int, python: str = sys.executable,
    data_dirs: tuple[Path, ...] = (), runs_of: dict[str, int] | None = None,
    profile: Path | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Builds timed inside one process by `bench.inprocess`; its runs, by site."""
    out = WORK / "inprocess.json"
    command = [python, "-m", "bench.inprocess", "--out", str(out), "--runs", str(runs),
               "--warmup", str(warmup)]
    for name, config, site_dir in sites:
        command += ["--site", name, str(config), str(site_dir)]
    for folder in data_dirs:
        command += ["--data-dir", str(folder)]
    for name, count in (runs_of or {}).items():
        command += ["--site-runs", name, str(count)]
    if profile:
        command += ["--profile", str(profile)]
    subprocess.run(command, cwd=ROOT, env=BUILD_ENV, check=True)
    runs_by_site: dict[str, list[dict[str, Any]]] = json.loads(out.read_text())["runs"]
    return runs_by_site


def of_runs(runs: list[dict[str, Any]], *keys: str, scale: float = 1.0,
            per: str | None = None) -> Stats:
    """One figure from each run: its count at `keys`, times `scale`, over its count `per`."""
    values = []
    for run in runs:
        value: Any = run
        for key in keys:
            value = value[key]
        values.append(scale * float(value) / (float(run[per]) if per else 1.0))
    return Stats.of(values)


# --- 1. Plugin cost on the course ------------------------------------------------------------


def course_section(context: Context) -> Section:
    section = Section("Plugin cost on the course", (
        "The course is built with the plugin, and side by side with a copy of the same pages in "
        "which every `compare-*` block is replaced by the HTML the plugin wrote for it, with the "
        "plugin switched off (`enabled: false`) and its stylesheet linked as a static file. "
        "Both builds run `mkdocs build --strict` in a new process, in alternating order. The "
        "plugin's own time is measured inside the build: timers wrap its hooks, its Markdown "
        "extension's entry points (fence formatter, table tree processor) and, as details, its "
        "renderers and data loading."))
    settings, course = context.settings, context.course
    folder = WORK / "course"
    static = static_config(course, context.blocks, folder / "static")
    sites = {"plugin": (course.config, folder / "plugin-site"),
             "static": (static, folder / "static-site")}
    log("course: mkdocs build, plugin and static baseline")
    cli = side_by_side({name: functools.partial(build, config, site)
                        for name, (config, site) in sites.items()},
                       runs=settings.runs, warmup=settings.warmup)
    comparison = compare_sites(sites["plugin"][1], sites["static"][1])
    section.data["pages_identical"] = comparison.identical
    section.data["pages_different"] = comparison.different
    section.data["pages_missing"] = comparison.missing
    total = len(comparison.identical) + len(comparison.different) + len(comparison.missing)
    section.add("Pages identical to the static baseline (apart from blank lines)",
                len(comparison.identical), "pages", baseline="pages built",
                baseline_value=total, target="all", met=len(comparison.identical) == total)
    section.add("`mkdocs build`, whole course", cli["plugin"], "s",
                baseline="static HTML", baseline_value=cli["static"], target="ratio ≤ 1.03",
                met=cli["plugin"].median <= 1.03 * cli["static"].median)

    log("course: in-process builds with the plugin's timers")
    profile = folder / "plugin.pstats"
    runs = inprocess([(name, config, site.with_name(f"{name}-inprocess"))
                      for name, (config, site) in sites.items()],
                     runs=settings.runs, warmup=settings.warmup, data_dirs=(course.data_dir,),
                     profile=profile)
    plugin_runs, static_runs = runs["plugin"], runs["static"]
    section.add("Build inside one process (as a `mkdocs serve` rebuild)",
                of_runs(plugin_runs, "build_seconds"), "s",
                baseline="static HTML",
                baseline_value=of_runs(static_runs, "build_seconds"))
    share = of_runs(plugin_runs, "plugins", "compare", "seconds", scale=100,
                    per="build_seconds")
    section.add("Plugin's own time, share of its build", share, "%", target="≤ 3 %",
                met=share.median <= 3)
    section.add("Plugin's own time", of_runs(plugin_runs, "plugins", "compare", "seconds",
                                             scale=1000), "ms")
    entry_points = plugin_runs[-1]["plugins"]["compare"]["entry_points"]
    for name in entry_points:
        section.add(f"… in `{name}`", of_runs(plugin_runs, "plugins", "compare",
                                              "entry_points", name, "seconds", scale=1000), "ms")
    for language in plugin_runs[-1]["renders"]:
        section.add(f"… of which rendering `{language}` "
                    f"({plugin_runs[-1]['renders'][language]['calls']} blocks)",
                    of_runs(plugin_runs, "renders", language, "seconds", scale=1000), "ms")
    section.add("… of which loading the data",
                of_runs(plugin_runs, "loads", "seconds", scale=1000), "ms")

    log("course: importing the plugin")
    imports = side_by_side({"import": functools.partial(import_seconds, PLUGIN_MODULES["compare"])},
                           runs=settings.runs, warmup=settings.warmup)
    section.add("Importing the plugin (paid by both builds: `enabled: false` still imports it)",
                imports["import"].scaled(1000), "ms", baseline="`mkdocs build`",
                baseline_value=cli["plugin"].scaled(1000))
    section.data["data_reads"] = plugin_runs[-1]["data_reads"]
    section.data["profile"] = profile_summary(profile)
    section.details.append(breakdown(plugin_runs, "compare", "the plugin's own time in a build"))
    section.details.append(
        "Where the plugin's time goes, from one build under cProfile (cumulative time of the "
        "plugin's functions, the slowest first; the profiler slows everything down, so compare "
        "the rows with each other only):\n\n" + profile_table(section.data["profile"]))
    return section


PLUGIN_MODULES = {"compare": "mkdocs_compare.plugin",
                  "table-reader": "mkdocs_table_reader_plugin.plugin",
                  "macros": "mkdocs_macros.plugin"}
MKDOCS_MODULES = ("mkdocs.commands.build", "mkdocs.config.defaults", "mkdocs.livereload",
                  "mkdocs.plugins", "mkdocs.structure.files", "mkdocs.structure.pages",
                  "markdown", "pymdownx.superfences", "yaml", "jinja2")
"""What `mkdocs build` has imported before it loads a plugin: not the plugin's to pay for."""


def breakdown(runs: list[dict[str, Any]], plugin: str, what: str) -> str:
    """Where a plugin's own time went, entry point by entry point (medians), as a sentence."""
    total = of_runs(runs, "plugins", plugin, "seconds", scale=1000).median
    parts = sorted(((of_runs(runs, "plugins", plugin, "entry_points", name, "seconds",
                             scale=1000).median, name)
                    for name in runs[-1]["plugins"][plugin]["entry_points"]), reverse=True)
    loads = of_runs(runs, "loads", "seconds", scale=1000).median
    return (f"Of {what}, {number(total)} ms (median): "
            + ", ".join(f"`{name}` {number(ms)} ms" for ms, name in parts if ms >= 0.05 * total)
            + f"; loading and checking the data files takes {number(loads)} ms of `on_config`.")


def import_seconds(module: str, python: str = sys.executable) -> float:
    """Seconds a new interpreter takes to import `module` after what MkDocs imports anyway."""
    code = (f"import {', '.join(MKDOCS_MODULES)}, time; start = time.perf_counter(); "
            f"import {module}; print(time.perf_counter() - start)")
    result = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True,
                            cwd=ROOT)
    return float(result.stdout)


def profile_summary(path: Path, limit: int = 12) -> list[dict[str, Any]]:
    """The plugin's functions by cumulative time in a cProfile dump."""
    package = str(ROOT / "plugins" / "mkdocs_compare")
    stats = pstats.Stats(str(path))
    rows = []
    for (filename, line, function), entry in stats.stats.items():  # type: ignore[attr-defined]
        if filename.startswith(package):
            calls, cumulative = entry[1], entry[3]
            rows.append({"function": f"{Path(filename).relative_to(package)}:{line} {function}",
                         "calls": calls, "cumulative_ms": 1000 * cumulative})
    return sorted(rows, key=lambda row: -row["cumulative_ms"])[:limit]


def profile_table(rows: list[dict[str, Any]]) -> str:
    lines = ["| Function | Calls | Cumulative (ms) |", "| --- | --- | --- |"]
    lines += [f"| `{row['function']}` | {row['calls']} | {number(row['cumulative_ms'])} |"
              for row in rows]
    return "\n".join(lines)


# --- 2. Peers ----------------------------------------------------------------------------------


def peers_section(context: Context) -> Section:
    section = Section("Against the peers", (
        "Three copies of the course differ only in what draws its comparison tables: the "
        "plugin, `mkdocs-table-reader-plugin` (one flat YAML file per table, read through "
        "pandas by its `read_yaml` tag) or `mkdocs-macros-plugin` (a Jinja macro over the "
        "same data files as the plugin's). The diagrams, which neither peer draws, are static "
        "HTML in all three. The peers are installed in their own environment "
        "(`bench/.work/peers/venv`, versions pinned in `bench/peers/requirements.txt`) with "
        "MkDocs, Material and pymdown-extensions at the project's versions, and all three sites "
        "are built there. Per table is each plugin's own time in the build (all its hooks) "
        "divided by the number of tables."))
    settings = context.settings
    log("peers: preparing their environment")
    python = peers.peer_python()
    folder = WORK / "peers"
    configs = peers.write_sites(context.course, context.blocks, folder)
    tables = sum(not block.is_diagram for block in context.blocks)
    log("peers: mkdocs build of the three sites")
    cli = side_by_side({name: functools.partial(build, config, folder / f"{name}-site", python)
                        for name, config in configs.items()},
                       runs=settings.runs, warmup=settings.warmup)
    table_counts = {name: sum(page.read_text(encoding="utf-8").count("<table")
                              for page in (folder / f"{name}-site").rglob("*.html"))
                    for name in configs}
    section.data["tables_in_each_site"] = table_counts
    log("peers: importing each plugin")
    imports = side_by_side({name: functools.partial(import_seconds, PLUGIN_MODULES[name], python)
                            for name in configs}, runs=settings.runs, warmup=settings.warmup)
    for name in ("table-reader", "macros"):
        section.add(f"`mkdocs build`, tables by {name}", cli[name], "s",
                    baseline="by the plugin", baseline_value=cli["compare"])
    log("peers: in-process builds with each plugin's timers")
    runs = inprocess([(name, config, folder / f"{name}-inprocess")
                      for name, config in configs.items()],
                     runs=settings.runs, warmup=settings.warmup, python=python)
    per_table = {name: of_runs(runs[name], "plugins", name, "seconds", scale=1000 / tables)
                 for name in configs}
    section.add(f"Per table, the plugin ({tables} tables)", per_table["compare"], "ms")
    for name in ("table-reader", "macros"):
        section.add(f"Per table, {name}", per_table[name], "ms", baseline="the plugin",
                    baseline_value=per_table["compare"],
                    **({"target": "ratio ≥ 5",
                        "met": per_table[name].median >= 5 * per_table["compare"].median}
                       if name == "table-reader" else {}))
    per_table_imported = {
        name: Stats.of([(import_ + hooks / 1000 * tables) * 1000 / tables for import_, hooks in
                        zip(imports[name].samples, per_table[name].samples, strict=True)])
        for name in configs}
    for name in configs:
        section.add(f"Importing {name}", imports[name].scaled(1000), "ms")
    section.add("Per table with the plugin's import, the plugin", per_table_imported["compare"],
                "ms")
    for name in ("table-reader", "macros"):
        section.add(f"Per table with the plugin's import, {name}", per_table_imported[name],
                    "ms", baseline="the plugin", baseline_value=per_table_imported["compare"])
    section.details.append(breakdown(runs["compare"], "compare",
                                     "the plugin's own time in a build of its peer site"))
    section.details.append(
        "Tables in each built site (the course's own Markdown tables included): "
        + ", ".join(f"{name} {count}" for name, count in table_counts.items()) + ".")
    return section


# --- 3. Scale ----------------------------------------------------------------------------------


def scale_section(context: Context) -> Section:
    settings = context.settings
    blocks = sum(BLOCKS_PER_PAGE.values())
    section = Section("Scale", (
        f"Synthetic courses of {', '.join(map(str, settings.pages))} pages, each page with "
        f"{blocks} blocks ({BLOCKS_PER_PAGE['compare-table']} tables, a ranking and a matrix), "
        f"over two datasets of {settings.items[0]} items; and courses of {settings.pages[0]} "
        f"pages over datasets of {', '.join(map(str, settings.items))} items. Only the home "
        "page is in the navigation, since Material writes the whole navigation into every page, "
        "which would make every page's cost grow with the course for reasons that are not the "
        "plugin's. Each series is built inside one process, the courses in turn, round by "
        f"round; the {settings.pages[-1]}-page course is built "
        f"{settings.runs_at_most_pages} times instead of {settings.runs}. Per page is MkDocs' "
        "time in its two per-page steps (Markdown to HTML, page to file) divided by the pages; "
        "per render is the renderers' time divided by the blocks. The slope is that of "
        "log(time per unit) against log(size): 0 is flat, 1 grows in proportion."))
    folder = WORK / "scale"
    courses: dict[tuple[int, int], Path] = {}
    for pages in settings.pages:
        courses[pages, settings.items[0]] = write_course(
            folder / f"{pages}p-{settings.items[0]}i", pages=pages, items=settings.items[0])
    for items in settings.items[1:]:
        courses[settings.pages[0], items] = write_course(
            folder / f"{settings.pages[0]}p-{items}i", pages=settings.pages[0], items=items)

    def name(size: tuple[int, int]) -> str:
        return f"{size[0]} pages, {size[1]} items"

    def series(sizes: list[tuple[int, int]], runs_of: dict[str, int]) -> dict[str, Any]:
        return inprocess([(name(size), courses[size], courses[size].parent / "site")
                          for size in sizes], runs=settings.runs, warmup=settings.warmup,
                         data_dirs=tuple(courses[size].parent / "docs" / "data"
                                         for size in sizes), runs_of=runs_of)

    log("scale: courses of growing page counts")
    by_pages = [(pages, settings.items[0]) for pages in settings.pages]
    page_runs = series(by_pages, {name(by_pages[-1]): settings.runs_at_most_pages})
    log("scale: datasets of growing item counts")
    by_items = [(settings.pages[0], items) for items in settings.items]
    item_runs = series(by_items, {})

    per_page = {size: of_runs(page_runs[name(size)], "page_seconds", scale=1000, per="pages")
                for size in by_pages}
    per_render = {size: of_runs(page_runs[name(size)], "render_seconds", scale=1000,
                                per="render_calls") for size in by_pages}
    smallest, largest = by_pages[0], by_pages[-1]
    for size in by_pages:
        met_more: dict[str, Any] = {}
        if size == largest and largest[0] == 1000:
            met_more = {"target": "ratio ≤ 1.2",
                        "met": per_page[size].median <= 1.2 * per_page[smallest].median}
        section.add(f"Per page, {name(size)}", per_page[size], "ms",
                    baseline=f"{smallest[0]} pages", baseline_value=per_page[smallest], **met_more)
    for size in by_pages:
        section.add(f"Plugin per page, {name(size)}", of_runs(
            page_runs[name(size)], "plugins", "compare", "seconds", scale=1000, per="pages"),
            "ms")
    for size in by_pages:
        section.add(f"Per render, {name(size)}", per_render[size], "ms",
                    baseline=f"{smallest[0]} pages", baseline_value=per_render[smallest])
    page_counts = [size[0] for size in by_pages]
    slopes = {
        "per page against pages": loglog_slope(
            page_counts, [per_page[size].median for size in by_pages]),
        "per render against pages": loglog_slope(
            page_counts, [per_render[size].median for size in by_pages]),
    }
    per_item_render = {size: of_runs(item_runs[name(size)], "render_seconds",
                                     scale=1e6 / size[1], per="render_calls")
                       for size in by_items}
    for size in by_items:
        section.add(f"Per render and item, {name(size)}", per_item_render[size], "µs",
                    baseline=f"{by_items[0][1]} items",
                    baseline_value=per_item_render[by_items[0]])
    load_per_item = {size: of_runs(item_runs[name(size)], "loads", "seconds", scale=1e6 / size[1])
                     for size in by_items}
    for size in by_items:
        section.add(f"Loading the data, per item, {name(size)}", load_per_item[size], "µs",
                    baseline=f"{by_items[0][1]} items", baseline_value=load_per_item[by_items[0]])
    item_counts = [size[1] for size in by_items]
    slopes["per render and item against items"] = loglog_slope(
        item_counts, [per_item_render[size].median for size in by_items])
    slopes["data loading per item against items"] = loglog_slope(
        item_counts, [load_per_item[size].median for size in by_items])
    for what, slope in slopes.items():
        section.add(f"Slope, {what}", slope, "log/log")

    all_runs = [run for runs in (page_runs, item_runs) for site in runs.values() for run in site]
    most_reads = max(max(run["data_reads"].values(), default=0) for run in all_runs)
    loads = max(run["loads"]["calls"] for run in all_runs)
    files_read = {len(run["data_reads"]) for run in all_runs}
    section.add("Reads of a data file per build, most in any build", most_reads, "reads",
                target="1", met=most_reads == 1 and files_read == {len(datasets(1))})
    section.add("Data loads per build, most in any build", loads, "loads", target="1",
                met=loads == 1)
    section.data = {"slopes": slopes, "pages_runs": page_runs, "items_runs": item_runs}
    return section


# --- 4. Live preview ------------------------------------------------------------------------


def live_section(context: Context) -> Section:
    section = Section("Live preview", live.__doc__ or "")
    settings = context.settings
    log("live: mkdocs serve, data and Markdown edits")
    result = live.measure(context.course, context.blocks, WORK / "live", runs=settings.runs,
                          warmup=settings.warmup)
    data, markdown = result["data edit"], result["markdown edit"]
    section.add(f"Save to rebuilt page, data edit (`{result['data_file']}`)", data, "s",
                baseline=f"Markdown edit (`{result['page']}`)", baseline_value=markdown,
                target="ratio ≤ 1.1", met=data.median <= 1.1 * markdown.median)
    section.data = {"page": result["page"], "data_file": result["data_file"]}
    return section


# --- 5. Page weight -------------------------------------------------------------------------


def weight_section(context: Context) -> Section:
    section = Section("Page weight", (
        "Bytes each page loads: its HTML, the stylesheets and scripts it links, and inline "
        "scripts, for the course with the plugin and for a copy with every `compare-*` block "
        "removed and the plugin switched off (so without its stylesheet either). Bytes are "
        "exact and the same on every run, so they are counted once. The offline export is "
        "built from `mkdocs.offline.yml` and packed as the README's command packs it."))
    course, blocks = context.course, context.blocks
    folder = WORK / "weight"
    log("weight: building the course with and without the plugin's output")
    plugin_site, without_site = folder / "plugin-site", folder / "without-site"
    build(course.config, plugin_site)
    build(without_config(course, blocks, folder / "without"), without_site)
    pages = weight.site_weights(plugin_site, without_site, course.base_path)
    with_blocks = sorted({block.output for block in blocks})
    section.data["pages"] = pages
    for kind, label in (("html", "HTML"), ("html_gzip", "HTML, gzipped"), ("css", "CSS"),
                        ("js", "JS")):
        plugin_total = sum(pages[page]["plugin"][kind] for page in with_blocks)
        without_total = sum(pages[page]["without"][kind] for page in with_blocks)
        more: dict[str, Any] = {}
        if kind == "js":
            more = {"target": "no more", "met": all(
                pages[page]["plugin"]["js"] == pages[page]["without"]["js"] for page in pages)}
        section.add(f"{label}, per page with blocks (mean of {len(with_blocks)})",
                    plugin_total / len(with_blocks), "bytes", baseline="without the plugin",
                    baseline_value=without_total / len(with_blocks), **more)
    scripts = weight.scripts_in_blocks(blocks)
    section.add("Scripts and event handlers in the plugin's output", scripts, "count",
                target="0", met=scripts == 0)
    external = sum(pages[page]["plugin"]["external"] for page in pages)
    section.add("References to another host, all pages", external, "count", target="0",
                met=external == 0)
    diagrams = weight.diagram_weights(blocks)
    section.data["diagrams"] = diagrams
    for diagram in diagrams:
        which = (f", image {diagram['image']} of {diagram['images']}"
                 if diagram["images"] > 1 else "")
        section.add(f"SVG of `{diagram['language']}` on {diagram['page']}{which}", diagram["svg"],
                    "bytes", baseline="12 KB", baseline_value=DIAGRAM_LIMIT,
                    target="≤ 12,000", met=diagram["svg"] <= DIAGRAM_LIMIT)
    section.details.append(page_weight_table(pages, with_blocks))
    if OFFLINE_CONFIG.exists():
        log("weight: offline export with and without the plugin's output")
        name = "offline"
        build(OFFLINE_CONFIG, folder / "offline-plugin" / name)
        build(without_config(course, blocks, folder / "offline-without-docs", OFFLINE_CONFIG),
              folder / "offline-without" / name)
        plugin_zip = weight.zip_size(folder / "offline-plugin" / name, folder / "plugin.zip")
        without_zip = weight.zip_size(folder / "offline-without" / name, folder / "without.zip")
        section.add("Offline export, zip", plugin_zip, "bytes", baseline="without the plugin",
                    baseline_value=without_zip)
    return section


def page_weight_table(pages: dict[str, dict[str, Any]], with_blocks: list[str]) -> str:
    lines = ["Pages with blocks, in bytes (with the plugin / without):", "",
             "| Page | HTML | HTML, gzipped | CSS | JS |", "| --- | --- | --- | --- | --- |"]
    for page in with_blocks:
        ours, theirs = pages[page]["plugin"], pages[page]["without"]
        lines.append(f"| {page} | " + " | ".join(
            f"{ours[kind]:,} / {theirs[kind]:,}" for kind in ("html", "html_gzip", "css", "js"))
            + " |")
    return "\n".join(lines)


# --- 6. Lighthouse --------------------------------------------------------------------------


def lighthouse_section(context: Context) -> Section:
    section = Section("Lighthouse", (
        f"Lighthouse {lighthouse_version()} (npm, pinned in `bench/lighthouse/package-lock.json`)"
        " in Debian's Chromium, headless, against the built site served on loopback (text "
        "gzip-compressed, as GitHub Pages serves it); its "
        "mobile (default, simulated throttling) and desktop presets, all runs in one Chromium, "
        "interleaved. The baseline is the same page built without the plugin's output; for the "
        "content page on mobile also the same page with the same tables as plain Markdown "
        "tables (the table-reader site of the peers' part). Pages: the content page with the "
        "most tables and the page with the most diagram bytes on both presets, and every other "
        "page with the plugin's blocks on mobile."))
    blocks = context.blocks
    diagram_bytes: dict[str, int] = {}
    table_counts: dict[str, int] = {}
    for block in blocks:
        if block.is_diagram:
            diagram_bytes[block.output] = diagram_bytes.get(block.output, 0) + len(block.html)
        else:
            table_counts[block.output] = table_counts.get(block.output, 0) + 1
    diagram_page = max(diagram_bytes, key=lambda page: diagram_bytes[page])
    content_page = max((page for page in table_counts if page != diagram_page),
                       key=lambda page: table_counts[page])
    folder = WORK / "weight"
    if not (folder / "plugin-site").exists():
        build(context.course.config, folder / "plugin-site")
        build(without_config(context.course, blocks, folder / "without"),
              folder / "without-site")
    sites = {"plugin": folder / "plugin-site", "without": folder / "without-site"}
    pages = {"content page": content_page, "diagram page": diagram_page}
    # Every other page that shows the plugin's output is held to the mobile target too; a page
    # without blocks is the same page in both sites.
    others = {f"page with blocks ({live.page_url(page)})": page
              for page in sorted({*diagram_bytes, *table_counts} - {content_page, diagram_page})}
    presets = {**dict.fromkeys(pages, ("mobile", "desktop")), **dict.fromkeys(others, ("mobile",))}
    pages |= others
    jobs = [(label, preset, site) for label in pages for preset in presets[label]
            for site in sites]
    plain = WORK / "peers" / "table-reader-site"
    if plain.exists():  # the peers' part built the same tables as plain Markdown tables
        sites["plain tables"] = plain
        jobs.append(("content page", "mobile", "plain tables"))
    log("lighthouse: mobile and desktop, with and without the plugin's output")
    with ExitStack() as stack:
        bases = {site: stack.enter_context(lighthouse.serve(path)) for site, path in sites.items()}
        results = lighthouse.run(
            [{"name": "|".join(job), "preset": job[1],
              "url": bases[job[2]] + live.page_url(pages[job[0]])} for job in jobs],
            runs=context.settings.lighthouse_runs, warmup=context.settings.warmup,
            folder=WORK / "lighthouse-runs")
    section.data = {"pages": pages, "runs": results}
    targets: dict[str, dict[str, int]] = {
        "performance": {"mobile": 95, "desktop": 100},
        **{category: {"mobile": 100, "desktop": 100}
           for category in ("accessibility", "best-practices", "seo")},
    }

    def scores(job: tuple[str, str, str], category: str) -> Stats:
        return Stats.of([run["scores"][category] for run in results["|".join(job)]])

    for label, page in pages.items():
        for preset in presets[label]:
            for category, target in targets.items():
                score = scores((label, preset, "plugin"), category)
                name = label if label in others else f"{label} ({live.page_url(page)})"
                section.add(f"{category}, {name}, {preset}", score,
                            "score", baseline="without the plugin",
                            baseline_value=scores((label, preset, "without"), category),
                            target=f"≥ {target[preset]}", met=score.median >= target[preset])
    if "plain tables" in sites:
        section.add(f"performance, content page ({live.page_url(content_page)}), mobile",
                    scores(("content page", "mobile", "plugin"), "performance"), "score",
                    baseline="the same tables as plain Markdown tables (table-reader's)",
                    baseline_value=scores(("content page", "mobile", "plain tables"),
                                          "performance"))
    section.details.append(main_thread_table(results))
    lost: dict[str, set[str]] = {}
    for name, runs in results.items():
        label, preset, site = name.split("|")
        for run in runs if site == "plugin" else []:
            for audit in run["lost"]:
                nodes = ", ".join(f"`{node}`" for node in audit["nodes"]) or "the page"
                lost.setdefault(f"{audit['category']}: {audit['title']}", set()).add(
                    f"{label}, {preset}: {nodes}")
    if lost:
        section.details.append("Audits that lost points with the plugin, and where:\n\n"
                               + "\n".join(f"- {audit.replace('|', '/')} "
                                           f"({'; '.join(sorted(places))})"
                                           for audit, places in sorted(lost.items())))
    return section


def main_thread_table(results: dict[str, list[dict[str, Any]]]) -> str:
    """Where each job's main-thread time went (medians), and its longest tasks by source."""
    lines = ["Main-thread time, median of the runs, in ms (on mobile, Lighthouse multiplies the "
             "machine's CPU time by its simulated slowdown, 4). Long tasks are summed by the "
             "file whose code ran them:", "",
             "| Page, preset, site | Total blocking time | Style & layout | Script evaluation | "
             "Long tasks by source |", "| --- | --- | --- | --- | --- |"]
    for name, runs in results.items():
        sources: dict[str, list[float]] = {}
        for run in runs:
            totals: dict[str, float] = {}
            for task in run["longTasks"]:
                source = urlsplit(task["url"]).path if "://" in task["url"] else task["url"]
                totals[source] = totals.get(source, 0.0) + task["duration"]
            for source, total in totals.items():
                sources.setdefault(source, []).append(total)
        tasks = ", ".join(f"`{source}` {number(sum(values) / len(runs))}" for source, values in
                          sorted(sources.items(), key=lambda item: -sum(item[1]))[:3])
        medians = [number(of_runs(runs, *keys).median) for keys in (
            ("metrics", "total-blocking-time"), ("mainThread", "Style & Layout"),
            ("mainThread", "Script Evaluation"))]
        lines.append(f"| {name.replace('|', ', ')} | {' | '.join(medians)} | {tasks or 'none'} |")
    return "\n".join(lines)


def lighthouse_version() -> str:
    lighthouse.install()
    return lighthouse.version()


# --- The command ----------------------------------------------------------------------------

SECTIONS: dict[str, Callable[[Context], Section]] = {
    "course": course_section, "peers": peers_section, "scale": scale_section,
    "live": live_section, "weight": weight_section, "lighthouse": lighthouse_section,
}


def maintainers_page(results: dict[str, Any], sections: list[Section]) -> str:
    host = results["machine"]
    figures = [figure for section in sections for figure in section.figures]
    targets = [figure for figure in figures if figure.met is not None]
    missed = [figure for figure in targets if not figure.met]
    lines = [
        "# Benchmarks",
        "",
        "<!-- Generated by `python -m bench` (bench/run.py); do not edit: run it again. -->",
        "",
        "What the `compare` plugin costs, how it scales and what a page weighs, each figure "
        "measured side by side with its baseline in the same run. Times are the median of "
        f"{results['settings']['runs']} runs after {results['settings']['warmup']} unrecorded "
        "warm-up round, with min and max; the ratio is the figure's median over its "
        "baseline's, since absolute times on a shared machine are noise. Run "
        "`python -m bench` to measure again (see README.md, *Benchmarks*).",
        "",
        f"**Targets met: {len(targets) - len(missed)} of {len(targets)}.**"
        + (" Missed: " + "; ".join(f"{figure.section}: {figure.name}" for figure in missed) + "."
           if missed else ""),
        "",
        "## The machine",
        "",
        "| What | Value |",
        "| --- | --- |",
        *(f"| {key} | {value_text(value)} |" for key, value in host.items()),
        f"| Load average at the end | {value_text(results['load_average_at_end'])} |",
        f"| Suite run time | {results['seconds'] / 60:.1f} min |",
        "",
    ]
    for section in sections:
        lines += [f"## {section.name}", "", section.method, "", markdown_table(section.figures),
                  ""]
        for detail in section.details:
            lines += [detail, ""]
    page = "\n".join(lines)
    # The page is part of the course, which the peers' sites copy: a Jinja or table-reader tag
    # written here would be executed by them.
    if "{{" in page or "{%" in page:
        raise ValueError("the maintainers' page must not contain `{{` or `{%`")
    return page


def value_text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(f"{item:.2f}" if isinstance(item, float) else str(item)
                         for item in value)
    return str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="fewer runs and sizes, to try the harness (figures not published)")
    parser.add_argument("--only", action="append", choices=PARTS,
                        help="run only this part (repeatable; figures not published)")
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    parts = args.only or list(PARTS)
    publish = not args.quick and not args.only
    started = time.perf_counter()
    results: dict[str, Any] = {"command": "python -m bench", "machine": machine(),
                               "settings": settings.__dict__, "parts": parts}
    WORK.mkdir(parents=True, exist_ok=True)
    course = Course.of(COURSE_CONFIG)
    log("capturing the plugin's output on the course")
    blocks = capture(course, WORK / "capture-site", WORK / "capture.json")
    results["blocks"] = [block.to_json() for block in blocks]
    context = Context(settings, course, blocks)
    sections = []
    for part in parts:
        section = SECTIONS[part](context)
        sections.append(section)
        results[part] = section.data
    results["load_average_at_end"] = os.getloadavg()
    results["seconds"] = time.perf_counter() - started
    figures = [figure for section in sections for figure in section.figures]
    print(text_table(figures))
    name = "latest.json" if publish else "quick.json" if args.quick else "partial.json"
    write_json(RESULTS / name, results, figures)
    log(f"results: {RESULTS / name} ({results['seconds'] / 60:.1f} min)")
    if publish:
        PAGE.write_text(maintainers_page(results, sections), encoding="utf-8")
        log(f"page: {PAGE}")
    # A missed target is a finding, reported in the table and on the page, not a failure.
    return 0
