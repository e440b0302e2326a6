"""Build sites inside this process, with timers around the plugins and MkDocs' page steps.

    python -m bench.inprocess --out RESULT.json --runs 5 --warmup 1 \\
        --site NAME CONFIG SITE_DIR [--site ...] [--capture] [--profile FILE.pstats]

Runs in the project's environment and in the peers' one (`bench/.work/peers/venv`), so it
imports the peers only when they are installed. The sites are built in turn, in an order
rotated every round (as `stats.side_by_side` does), each build as `mkdocs build --strict` does
it: `load_config`, `on_startup`, `build`, `on_shutdown`.

Timers wrap, for each plugin, every `on_*` hook it defines. For `compare`, what Python-Markdown
calls directly (the extension's set-up, each block's conversion and the table tree processor)
comes from the plugin's public seam, `mkdocs_compare.instrument`; those steps never nest with
the hooks, so their sum is the plugin's own time. Inside them, each kind's renderer and the
data loading are reported as details. MkDocs' two
per-page steps (`_populate_page`: Markdown to HTML; `_build_page`: template to file) give the
page time. Every `open` of a file under a site's data folder is counted.
"""

from __future__ import annotations

import argparse
import builtins
import cProfile
import functools
import importlib
import io
import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config

MARKER = "data-bench-fence"
"""Attribute that `--capture` adds to the root element of each rendered block."""

PLUGIN_CLASSES = {
    "compare": ("mkdocs_compare.plugin", "ComparePlugin"),
    "table-reader": ("mkdocs_table_reader_plugin.plugin", "TableReaderPlugin"),
    "macros": ("mkdocs_macros.plugin", "MacrosPlugin"),
}
"""Plugins whose own time is measured, by name: where their class lives."""

@dataclass
class Timer:
    seconds: float = 0.0
    calls: int = 0

    def to_json(self) -> dict[str, float | int]:
        return {"seconds": self.seconds, "calls": self.calls}


@dataclass
class Timers:
    """Everything counted during one build."""

    own: dict[str, dict[str, Timer]] = field(default_factory=dict)
    """Per plugin, per entry point: the plugin's own time (entry points never nest)."""
    renders: dict[str, Timer] = field(default_factory=dict)
    """Per block kind: time in the renderer."""
    loads: Timer = field(default_factory=Timer)
    populate: Timer = field(default_factory=Timer)
    write: Timer = field(default_factory=Timer)
    opens: dict[str, int] = field(default_factory=dict)

    def reset(self) -> None:
        for timers in (*self.own.values(), self.renders):
            for timer in timers.values():
                timer.seconds, timer.calls = 0.0, 0
        for timer in (self.loads, self.populate, self.write):
            timer.seconds, timer.calls = 0.0, 0
        self.opens.clear()


def _timed(original: Callable[..., Any], timer: Timer) -> Callable[..., Any]:
    @functools.wraps(original)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            timer.seconds += time.perf_counter() - start
            timer.calls += 1

    return timed


def _wrap(owner: Any, name: str, timer: Timer) -> None:
    setattr(owner, name, _timed(getattr(owner, name), timer))


def install_timers(
    timers: Timers, stack: ExitStack, *, capture: list[dict[str, Any]] | None
) -> None:
    """Wrap what is measured, until `stack` closes. `capture`, when given, receives every
    rendered block."""
    _wrap(mkdocs_build, "_populate_page", timers.populate)
    _wrap(mkdocs_build, "_build_page", timers.write)
    for plugin, (module_name, class_name) in PLUGIN_CLASSES.items():
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue  # a peer that is not installed in this environment
        plugin_class = getattr(module, class_name)
        own = timers.own.setdefault(plugin, {})
        for hook in [name for name in vars(plugin_class) if name.startswith("on_")]:
            own[hook] = Timer()
            _wrap(plugin_class, hook, own[hook])
    if "compare" in timers.own:
        from mkdocs_compare import instrument

        observer = _CompareObserver(timers, capture)
        for name in observer.STEPS.values():
            timers.own["compare"][name] = Timer()
        stack.enter_context(instrument.observing(observer))


class _CompareObserver:
    """Adds what `mkdocs_compare.instrument` reports to the timers; with `capture`, records
    every block and marks its root element with its number."""

    STEPS: ClassVar[dict[str, str]] = {"setup": "extension set-up", "block": "block conversion",
                                       "tree": "table tree processor"}

    def __init__(self, timers: Timers, capture: list[dict[str, Any]] | None) -> None:
        self.timers = timers
        self.capture = capture

    def timed(self, step: str, detail: str, seconds: float) -> None:
        if step == "render":
            timer = self.timers.renders.setdefault(detail, Timer())
        elif step == "load":
            timer = self.timers.loads
        else:
            timer = self.timers.own["compare"].setdefault(self.STEPS[step], Timer())
        timer.seconds += seconds
        timer.calls += 1

    def rendered(self, block: Any) -> str:
        if self.capture is None:
            return str(block.html)
        number = len(self.capture)
        self.capture.append({"number": number, "language": block.kind, "page": block.page,
                             "body": block.body})
        html = str(block.html)
        tag_end = html.index(">")
        tag_end -= html[tag_end - 1] == "/"
        return f'{html[:tag_end]} {MARKER}="{number}"{html[tag_end:]}'


@contextmanager
def counting_opens(timers: Timers, folders: list[Path]) -> Iterator[None]:
    """Count opens of files under `folders` by absolute path (pathlib opens through `io.open`)."""
    original = io.open
    # A plain prefix test, so that counting costs the builds next to nothing: the plugin opens
    # its data files by absolute path.
    prefixes = tuple(f"{folder.resolve()}{os.sep}" for folder in folders)

    def counted_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if prefixes and isinstance(file, str | os.PathLike):
            path = os.fsdecode(file)
            if path.startswith(prefixes):
                timers.opens[path] = timers.opens.get(path, 0) + 1
        return original(file, *args, **kwargs)

    io.open = builtins.open = counted_open
    try:
        yield
    finally:
        io.open = builtins.open = original


@dataclass(frozen=True)
class Site:
    name: str
    config: Path
    site_dir: Path


def build_once(site: Site, timers: Timers) -> dict[str, Any]:
    """One build as `mkdocs build --strict` runs it, with everything it counted."""
    timers.reset()
    start = time.perf_counter()
    config = load_config(str(site.config), site_dir=str(site.site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build.build(config)
    finally:
        config.plugins.on_shutdown()
    build_seconds = time.perf_counter() - start
    return {
        "build_seconds": build_seconds,
        "pages": timers.populate.calls,
        "page_seconds": timers.populate.seconds + timers.write.seconds,
        "plugins": {
            plugin: {"seconds": sum(timer.seconds for timer in own.values()),
                     "entry_points": {name: timer.to_json() for name, timer in own.items()}}
            for plugin, own in timers.own.items()
        },
        "renders": {language: timer.to_json() for language, timer in timers.renders.items()},
        "render_seconds": sum(timer.seconds for timer in timers.renders.values()),
        "render_calls": sum(timer.calls for timer in timers.renders.values()),
        "loads": timers.loads.to_json(),
        "data_reads": dict(timers.opens),
    }


def run(
    sites: list[Site], *, runs: int, warmup: int, timers: Timers,
    runs_of: dict[str, int] | None = None, data_dirs: list[Path] | None = None,
) -> dict[str, Any]:
    """Build every site `warmup` times unrecorded, then `runs` times (or `runs_of[name]`)
    recorded, round by round in a rotating order."""
    wanted = {site.name: (runs_of or {}).get(site.name, runs) for site in sites}
    results: dict[str, list[dict[str, Any]]] = {site.name: [] for site in sites}
    round_number = 0
    while any(len(results[name]) < count for name, count in wanted.items()):
        shift = round_number % len(sites)
        for site in sites[shift:] + sites[:shift]:
            if round_number >= warmup and len(results[site.name]) >= wanted[site.name]:
                continue
            with counting_opens(timers, data_dirs or []):
                outcome = build_once(site, timers)
            if round_number >= warmup:
                results[site.name].append(outcome)
        round_number += 1
    return {"runs": results}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.inprocess", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="where to write the JSON")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--site", nargs=3, action="append", required=True,
                        metavar=("NAME", "CONFIG", "SITE_DIR"))
    parser.add_argument("--site-runs", nargs=2, action="append", default=[],
                        metavar=("NAME", "RUNS"), help="fewer (or more) runs for one site")
    parser.add_argument("--data-dir", type=Path, action="append", default=[],
                        help="count the opens of files in this folder (repeatable)")
    parser.add_argument("--capture", action="store_true",
                        help="record every rendered block and mark it in the built HTML "
                             "(one site, one run, no warm-up)")
    parser.add_argument("--profile", type=Path,
                        help="after the timed runs, build the first site once under cProfile")
    args = parser.parse_args(argv)
    if args.capture and (len(args.site) != 1 or args.runs != 1 or args.warmup != 0):
        parser.error("--capture numbers the blocks of one build: give one --site, --runs 1, "
                     "--warmup 0")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    capture: list[dict[str, Any]] | None = [] if args.capture else None
    timers = Timers()
    sites = [Site(name, Path(config), Path(site_dir)) for name, config, site_dir in args.site]
    with ExitStack() as stack:
        install_timers(timers, stack, capture=capture)
        result = run(sites, runs=args.runs, warmup=args.warmup, timers=timers,
                     runs_of={name: int(count) for name, count in args.site_runs},
                     data_dirs=args.data_dir)
        if capture is not None:
            result["capture"] = capture
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(build_once, sites[0], timers)
            profiler.dump_stats(args.profile)
    args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
