"""Mutation testing of the plugins (README, "Mutation testing").

    python -m tools.mutation run [MODULE ...] [--jobs N] [--survivors | --resume]
    python -m tools.mutation report
    python -m tools.mutation check

`run` runs mutmut (configured in pyproject.toml, `[tool.mutmut]`) over each MODULE in turn,
a path under plugins/ such as `mkdocs_compare/data/inline.py` (default: every module of
`FAST`), against that module's fast tests (`[tool.mutation.tests]`). `report` writes
docs/maintainers/mutation.md from the results: the score per module, the equivalent mutants
(tools/mutation_equivalent.toml) with why, and the survivors still to kill. `check` fails when
a settled module was not tested or scores under `TARGET`.

mutmut names a module by its path from the folder it runs in and puts that folder's `mutants/`
copy first on `sys.path`; our packages sit in plugins/, which it would name `plugins.…`, a module
no test imports. So it runs in build/mutation/MODULE/, where links put the packages at the top,
beside the tests and the files they read, with a pyproject.toml of its own that mutates that
module only against its tests. Each run tests every mutant of the module again (the tests may
have changed, not only the code); `--survivors` tests only those that survived the last run,
`--resume` only those not tested yet (a run stopped half-way, or functions changed since).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import subprocess
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STAGE = ROOT / "build" / "mutation"
PAGE = ROOT / "docs" / "maintainers" / "mutation.md"
EQUIVALENT = ROOT / "tools" / "mutation_equivalent.toml"
# What build/mutation/ links to: the mutated packages, then what the tests read.
LINKS = {
    "mkdocs_compare": "plugins/mkdocs_compare",
    "mkdocs_handout": "plugins/mkdocs_handout",
    "mkdocs_csp": "plugins/mkdocs_csp",
    "mkdocs_course": "plugins/mkdocs_course",
    "tests": "tests",
    "docs": "docs",
    "overrides": "overrides",
    "mkdocs.yml": "mkdocs.yml",
    "mkdocs.handout.yml": "mkdocs.handout.yml",
}
# The settled modules: the CI subset and the default of `run`.
FAST = (
    "mkdocs_compare/data/inline.py",
    "mkdocs_compare/errors.py",
    "mkdocs_compare/blocks/options.py",
    "mkdocs_compare/blocks/locate.py",
    "mkdocs_compare/blocks/kinds.py",
    "mkdocs_compare/render/table.py",
    "mkdocs_compare/render/notes.py",
    "mkdocs_compare/render/svg.py",
    "mkdocs_compare/render/ranking.py",
    "mkdocs_compare/render/matrix.py",
    "mkdocs_compare/data/fields.py",
    "mkdocs_compare/data/provenance.py",
    "mkdocs_compare/data/scales.py",
    "mkdocs_compare/data/items.py",
    "mkdocs_compare/data/dataset.py",
    "mkdocs_compare/extension.py",
    "mkdocs_compare/instrument.py",
    "mkdocs_compare/data/reader.py",
    "mkdocs_compare/data/compose.py",
    "mkdocs_compare/data/model.py",
    "mkdocs_compare/data/ranking.py",
    "mkdocs_compare/data/load.py",
    "mkdocs_compare/data/namespaces.py",
    "mkdocs_compare/data/stack.py",
    "mkdocs_compare/render/stack.py",
    "mkdocs_compare/blocks/builtin.py",
    "mkdocs_compare/blocks/stack.py",
    "mkdocs_compare/plugin.py",
    "mkdocs_handout/embed.py",
    "mkdocs_handout/page.py",
    "mkdocs_handout/document.py",
    "mkdocs_handout/plugin.py",
    "mkdocs_handout/pdf.py",
    "mkdocs_csp/policy.py",
    "mkdocs_csp/plugin.py",
    "mkdocs_course/lectures.py",
    "mkdocs_course/render.py",
    "mkdocs_course/downloads.py",
    "mkdocs_course/plugin.py",
    "mkdocs_course/cli.py",
)
TARGET = 0.9
"""The least share of a module's non-equivalent mutants that the tests must kill."""
# mutmut's exit codes of a mutant's test run, by what they mean here.
DETECTED = {1: "killed", 3: "killed", 36: "timeout", 24: "timeout", -24: "timeout",
            152: "timeout", 255: "timeout", -9: "killed", -11: "killed", 37: "killed"}
UNDETECTED = {0: "survived", 5: "no tests", 33: "no tests"}


def module_name(path: str) -> str:
    """`mkdocs_compare/data/inline.py` → `mkdocs_compare.data.inline`, as mutmut names it."""
    name = path.removesuffix(".py").replace("/", ".")
    return name.removesuffix(".__init__")


def stage_of(path: str) -> Path:
    return STAGE / module_name(path)


def stage(path: str) -> Path:
    """Lay out build/mutation/MODULE/: links, and the configuration for that module (mutmut
    makes its `mutants/` copy there)."""
    folder = stage_of(path)
    folder.mkdir(parents=True, exist_ok=True)
    for name, target in LINKS.items():
        link = folder / name
        if not link.is_symlink():
            link.symlink_to(ROOT / target)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    mutmut = mutmut_settings(path, project)
    (folder / "pyproject.toml").write_text(
        _toml("tool.pytest.ini_options", project["pytest"]["ini_options"])
        + _toml("tool.mutmut", mutmut), encoding="utf-8")
    return folder


def mutmut_settings(path: str, project: dict[str, Any]) -> dict[str, Any]:
    """mutmut's settings for mutating `path` alone, from the project's `[tool]` tables: its own
    tests, and the browser tests among them where `with_browser` names it."""
    mutmut = dict(project["mutmut"])
    mutmut["only_mutate"] = [path]
    settings = project.get("mutation", {})
    tests = settings.get("tests", {})
    if path in tests:
        mutmut["pytest_add_cli_args_test_selection"] = tests[path]
    if path in settings.get("with_browser", []):
        arguments = list(mutmut["pytest_add_cli_args"])
        marker = arguments.index("-m")
        mutmut["pytest_add_cli_args"] = arguments[:marker] + arguments[marker + 2:]
    return mutmut


def _toml(name: str, table: dict[str, object]) -> str:
    """`table` as a TOML table of strings, booleans, numbers and lists of strings."""
    return f"[{name}]\n" + "".join(f"{key} = {json.dumps(value)}\n"
                                   for key, value in table.items()) + "\n"


def mutmut() -> str:
    return str(Path(sys.executable).parent / "mutmut")


def run(modules: list[str], jobs: int, survivors: bool, resume: bool = False) -> int:
    status = 0
    for path in modules:
        if not (ROOT / "plugins" / path).is_file():
            sys.exit(f"no module plugins/{path}")
        folder = stage(path)
        pattern = f"{module_name(path)}.x*"
        names = [] if resume else [pattern]
        if survivors:
            score = read_results().get(path)
            names = (score.undetected + score.equivalent) if score else []
            if not names:
                print(f"{path}: no survivors to test again")
                continue
        log = folder / "mutmut.log"
        print(f"mutmut run {pattern}  (log: {log.relative_to(ROOT)})", flush=True)
        with log.open("w", encoding="utf-8") as out:
            result = subprocess.run([mutmut(), "run", "--max-children", str(jobs), *names],
                                    cwd=folder, stdout=out, stderr=subprocess.STDOUT, check=False,
                                    env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        scores = read_results()
        score = scores.get(path)
        print(f"  {score.summary() if score else 'no mutants'}"
              + ("" if result.returncode == 0 else f"  (mutmut exited {result.returncode})"),
              flush=True)
        status = status or result.returncode
    return status


@dataclass
class Score:
    """One module's mutants by outcome."""

    path: str
    outcomes: Counter[str] = field(default_factory=Counter)
    undetected: list[str] = field(default_factory=list)
    equivalent: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.outcomes.values())

    @property
    def detected(self) -> int:
        return self.outcomes["killed"] + self.outcomes["timeout"]

    @property
    def score(self) -> float | None:
        """Detected over the mutants tested that are not equivalent."""
        tested = self.total - self.outcomes["not tested"] - len(self.equivalent)
        return self.detected / tested if tested else None

    def summary(self) -> str:
        score = "n/a" if self.score is None else f"{self.score:.1%}"
        return (f"{self.total} mutants, {self.detected} killed, "
                f"{len(self.undetected)} not killed, {len(self.equivalent)} equivalent: {score}")


def equivalents() -> dict[str, str]:
    """Each equivalent mutant's name → why no test can tell it from the original."""
    data = tomllib.loads(EQUIVALENT.read_text(encoding="utf-8"))
    return {name: str(why) for name, why in data["equivalent"].items()}


def read_results() -> dict[str, Score]:
    """Every mutated module's score, from mutmut's files in build/mutation/*/mutants/."""
    known = equivalents()
    scores: dict[str, Score] = {}
    metas = sorted(STAGE.glob("*/mutants/**/*.py.meta")) if STAGE.is_dir() else []
    for meta in metas:
        mutants = meta.parents[len(meta.relative_to(STAGE).parts) - 3]
        path = meta.relative_to(mutants).as_posix().removesuffix(".meta")
        if mutants.parent.name != module_name(path):
            continue
        try:
            codes: dict[str, int | None] = json.loads(meta.read_text(encoding="utf-8"))[
                "exit_code_by_key"]
        except json.JSONDecodeError:
            # Another module's run is writing its file this moment: its results are not ours.
            continue
        if not codes:
            continue
        score = scores[path] = Score(path)
        for name, code in sorted(codes.items(), key=lambda item: _natural(item[0])):
            if code is None:
                score.outcomes["not tested"] += 1
            elif code in DETECTED:
                score.outcomes[DETECTED[code]] += 1
            else:
                score.outcomes[UNDETECTED.get(code, "suspicious")] += 1
                (score.equivalent if name in known else score.undetected).append(name)
    return scores


def _natural(name: str) -> tuple[str, int]:
    stem, _, number = name.rpartition("__mutmut_")
    return stem, int(number) if number.isdigit() else 0


def diff(path: str, name: str) -> list[str]:
    """The lines a mutant changes, removed then added, as `mutmut show` gives them (read in
    this process: a `mutmut show` for each mutant would take minutes)."""
    # mutmut comes with the `mutation` extra only.
    from mutmut.mutation.diff_apply import (  # type: ignore[import-not-found,unused-ignore]
        get_diff_for_mutant,
    )

    here = Path.cwd()
    os.chdir(stage_of(path))
    try:
        text = get_diff_for_mutant(name, path=path)
    finally:
        os.chdir(here)
    return [line for line in text.splitlines()
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def report() -> None:
    """Write the maintainers' page from the results in build/mutation/."""
    scores = read_results()
    if not scores:
        sys.exit("no results in build/mutation/: run `python -m tools.mutation run` first")
    known = equivalents()
    listed = {name for score in scores.values() for name in score.equivalent}
    stale = sorted(set(known) - listed)
    PAGE.write_text(page(scores, known, stale), encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")
    if stale:
        print("listed as equivalent but not a survivor (renumbered or killed): " + ", ".join(stale))


def check() -> int:
    """1 if a settled module was not tested, has mutants not tested, or scores under TARGET."""
    scores = read_results()
    failed = []
    for path in FAST:
        score = scores.get(path)
        if score is None or score.outcomes["not tested"] or (score.score or 0) < TARGET:
            failed.append(f"{path}: {score.summary() if score else 'not tested'}")
    print("\n".join(failed) or f"every settled module scores at least {TARGET:.0%}")
    return 1 if failed else 0


_CODE_ESCAPES = str.maketrans({"|": "&#124;", "*": "&#42;", "_": "&#95;", "`": "&#96;",
                               "[": "&#91;", "\\": "&#92;", "~": "&#126;",
                               # No template tags: the benchmarks' macros peer renders the docs.
                               "{": "&#123;", "}": "&#125;"})


def _cell(text: str) -> str:
    """A reason in a table cell: Markdown, but text outside its code spans is never markup
    (a `<script>` written in prose would reach the page as an element)."""
    parts = text.split("`")
    return "`".join(part if index % 2 else html.escape(part, quote=False)
                    for index, part in enumerate(parts)).replace("|", "\\|")


def _code(line: str) -> str:
    """A line of code in a table cell: as `<code>`, each character Markdown or the table
    would read written as a reference (backticks would show a `\\|` as typed)."""
    return f"<code>{html.escape(line, quote=False).translate(_CODE_ESCAPES)}</code>"


def page(scores: dict[str, Score], known: dict[str, str], stale: list[str]) -> str:
    modules = [scores[path] for path in sorted(scores)]
    fast = [score for score in modules if score.path in FAST]
    under = [score.path for score in modules if score.score is not None and score.score < 0.9]
    lines = [
        "# Mutation testing",
        "",
        "<!-- Generated by `python -m tools.mutation report` (tools/mutation.py); do not edit:"
        " run it again. -->",
        "",
        "A mutation tester puts one small bug at a time into the plugins' code (a `<` for a"
        " `<=`, a string changed, a call left out) and runs the tests against it: a test that"
        " fails *kills* the mutant; a mutant that passes every test shows a line no test"
        " really checks. We use [mutmut](https://mutmut.readthedocs.io/) "
        f"{_version()}, configured in `pyproject.toml` (`[tool.mutmut]`), against the fast"
        " tests: unit tests, Markdown-in, HTML-out tests and small sites built in the test's"
        " own process (a build in a child process imports the plugins unmutated, so those"
        " tests are left out), without a browser except for the modules `with_browser` names"
        " (the handout's printing, which only Chromium can check). Each module has its own"
        " tests, listed in `[tool.mutation.tests]`, and for each mutant mutmut runs only those"
        " that reach the mutated function. The `config.py` modules only declare options (no"
        " function bodies), so mutmut makes no mutants of them; the hook tests build with"
        " their defaults and with options set.",
        "",
        "## The command",
        "",
        "After `.venv/bin/pip install -e '.[test,handout,mutation]'` (the handout extra for"
        " the printing test), from the repository's folder:",
        "",
        "```sh",
        ".venv/bin/python -m tools.mutation run mkdocs_compare/data/inline.py",
        ".venv/bin/python -m tools.mutation report",
        "```",
        "",
        "`run` takes paths under `plugins/` (none: every settled module, the list `FAST` in"
        " `tools/mutation.py`), one module at a time, `--jobs N` test runs side by side"
        " (default 1: it is CPU-heavy), and keeps its results in `build/mutation/`;"
        " `--survivors` tests again only the mutants that survived the last run, `--resume`"
        " only those not tested yet (after a run stopped half-way). A mutant is stopped after"
        " a multiple of the time its tests took when mutmut measured them: on a busy machine"
        " (more jobs than cores, or other work) a slow survivor of a module whose tests build"
        " sites is counted as a timeout, that is killed; run such modules with no more jobs"
        " than cores and nothing else running. `report`"
        " writes this page. `mutmut"
        " browse`, run in `build/mutation/MODULE/`, shows each survivor's diff. A mutant no test"
        " can tell from the original is listed, with why, in"
        " `tools/mutation_equivalent.toml`.",
        "",
        "## In CI",
        "",
        "Not on every CI run: CI runs `.ci/run`, whose 10-minute budget the whole test suite"
        " already takes most of, and the settled modules take some two hours on"
        " two cores (each surviving mutant reruns every test of its module that reaches the"
        " mutated function, property tests included), so no subset that fits would say much."
        " Instead the scheduled workflow `.github/workflows/mutation.yml` runs the whole job"
        " on its own runner, weekly and by hand: it writes this page into the run's summary"
        " and fails when a settled module was not tested or scores under 90 %"
        " (`python -m tools.mutation check`). Modules still changing are run by hand"
        " (`run` with their paths) until they settle and join `FAST`.",
        "",
        "## Score per module",
        "",
        "The score is the mutants killed (a test failed or timed out) over the mutants tested"
        " that are not equivalent. *Not killed* counts survivors and mutants no fast test"
        " reaches. Target: at least 90 % in every module.",
        "",
        "| Module | Mutants | Killed | Not killed | Equivalent | Not tested | Score |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for score in modules:
        rate = "n/a" if score.score is None else f"{score.score:.1%}"
        lines.append(
            f"| `{score.path}`{'' if score.path in FAST else ' (still changing)'}"
            f" | {score.total} | {score.detected} | {len(score.undetected)}"
            f" | {len(score.equivalent)} | {score.outcomes['not tested']} | {rate} |")
    total = Score("all")
    for score in fast:
        total.outcomes.update(score.outcomes)
        total.equivalent += score.equivalent
        total.undetected += score.undetected
    rate = "n/a" if total.score is None else f"{total.score:.1%}"
    lines += [
        f"| **Settled modules** | {total.total} | {total.detected} | {len(total.undetected)}"
        f" | {len(total.equivalent)} | {total.outcomes['not tested']} | **{rate}** |",
        "",
        ("Under 90 %: " + ", ".join(f"`{path}`" for path in under) + "."
         if under else "Every module tested is at 90 % or more."),
        "",
        "## Equivalent mutants",
        "",
        "Each changes nothing a caller can observe, so no test can kill it; a few, said so,"
        " sit in code that runs once at import, before mutmut switches a mutant on, and are"
        " checked by a hand-made mutant instead.",
        "",
        "| Mutant | Change | Why it is equivalent |",
        "| --- | --- | --- |",
    ]
    for score in modules:
        for name in score.equivalent:
            change = "<br>".join(_code(line) for line in diff(score.path, name))
            lines.append(f"| `{name}` | {change} | {_cell(known[name])} |")
    if stale:
        lines += ["", "Listed as equivalent but no longer a survivor (renumbered or killed): "
                  + ", ".join(f"`{name}`" for name in stale) + "."]
    lines += ["", "## Not killed yet", ""]
    survivors = [(score, name) for score in modules for name in score.undetected]
    if not survivors:
        lines.append("None.")
    else:
        lines += ["| Mutant | Change |", "| --- | --- |"]
        lines += [f"| `{name}` | " + "<br>".join(_code(line) for line in diff(score.path, name))
                  + " |" for score, name in survivors]
    lines += ["", "## The run", "",
              f"Written {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}"
              f" with {os.cpu_count()} cores, Python {platform.python_version()}, from commit"
              f" {_commit()}.", ""]
    return "\n".join(lines)


def _version() -> str:
    from importlib.metadata import version

    return version("mutmut")


def _commit() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    return result.stdout.strip() or "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.mutation", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="run mutmut over modules")
    run_parser.add_argument("modules", nargs="*", metavar="MODULE",
                            help="paths under plugins/ (default: the settled modules)")
    run_parser.add_argument("--jobs", type=int, default=1, help="test runs side by side")
    run_parser.add_argument("--survivors", action="store_true",
                            help="test only the module's mutants that survived the last run")
    run_parser.add_argument("--resume", action="store_true",
                            help="test only the module's mutants not tested yet")
    commands.add_parser("report", help="write docs/maintainers/mutation.md")
    # `%%`: argparse formats help strings with `%`.
    commands.add_parser("check", help=f"fail when a settled module scores under {TARGET:.0%}%")
    args = parser.parse_args(argv)
    if args.command == "run":
        return run(list(args.modules or FAST), args.jobs, args.survivors, args.resume)
    if args.command == "check":
        return check()
    report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
