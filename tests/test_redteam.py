"""Red team: the hostile inputs of issue 12 (and a few more), kept as fixtures in one table.

Each case is a small site built for real (`mkdocs build --strict`, or `mkdocs serve` where
the issue was about serving) from the fixture site (`fixture_site`) with one hostile edit. It
must end in one of two ways:

- a **located** message: the build stops, one line names `file:line` and says what is wrong;
- a **safe** page: the build succeeds without a warning and no built page holds anything that
  could run (no `on…` attribute, no `javascript:` address, no markup made from data, and no
  `title` holding `<`, which Material's tooltips read as HTML).

Never a traceback, a hang (every run has a deadline) or a script run; the browser half, which
hovers and focuses every tooltip, is `browser/test_redteam.py`. Cases whose fix belongs to
another part of issue 12 and has not landed are marked `xfail(strict=True)`: they flip to a
failure, to be unmarked, the day the fix lands.

At the end, two property tests show the work is linear in the size of a data value and of a
page: the lines of the plugin executed, counted, for a size and four times that size.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_inline import work
from test_live import _free_port, _wait_for

from fixture_site import CONFIG, DATA, write_site
from mkdocs_compare.data.load import load_datasets

DEADLINE = 300
"""Seconds a build may take before the case counts as a hang (the fixture builds in ~1 s)."""

TABLE = "# Fruit\n\n```compare-table\ndataset: fruit\n```\n"
RANKING = "# Fruit\n\n```compare-ranking\ndataset: fruit\n```\n"
BOTH = TABLE + "\n```compare-ranking\ndataset: fruit\n```\n"
TOOLTIP = "<img src=x onerror=alert(1)>"
ENTITIES = "AT&amp;T &lt;b&gt;"


def data(old: str, new: str) -> Callable[[str], str]:
    """An edit of the fixture's `fruit.yml`: `old` (found once) replaced by `new`."""
    def edit(text: str) -> str:
        assert text.count(old) == 1, old
        return text.replace(old, new)
    return edit


def line(start: str) -> int:
    """The line of the fixture's `fruit.yml` that starts with `start`."""
    return next(n for n, text in enumerate(DATA.splitlines(), 1) if text.startswith(start))


def both(first: Callable[[str], str], then: Callable[[str], str]) -> Callable[[str], str]:
    return lambda text: then(first(text))


# What a case must end in.


@dataclass(frozen=True)
class Located:
    """The build stops with one message at `where` (`path:line`) holding `phrase`."""

    where: str
    phrase: str


@dataclass(frozen=True)
class Safe:
    """The build succeeds; `check` (if any) looks at the built site's folder."""

    check: Callable[[Path], None] | None = None


@dataclass(frozen=True)
class Case:
    expect: Located | Safe
    page: str = TABLE
    data: Callable[[str], str] | None = None
    files: dict[str, str | bytes] = field(default_factory=dict)
    """More files, by path from the project's folder."""
    config: str = CONFIG
    setup: Callable[[Path], None] | None = None
    """Anything else done to the project before the build (links, …)."""
    serve: Callable[[Path, str], str] | None = None
    """Run under `mkdocs serve` instead: given the project and the site's address, does the
    edits and returns the server's log (the expectation is checked on it)."""


# Checks of built sites.


def html_of(site: Path, page: str = "index.html") -> str:
    return (site / page).read_text(encoding="utf-8")


def has(text: str, page: str = "index.html") -> Callable[[Path], None]:
    def check(site: Path) -> None:
        assert text in html_of(site, page)
    return check


def no_data_files(site: Path) -> None:
    published = [path.name for path in site.rglob("*") if path.is_file()]
    assert "index.html" in published
    assert not [name for name in published if name.endswith((".yml", ".yaml"))], published


def link_rewritten(site: Path) -> None:
    assert '<a href="other/">the glossary</a>' in html_of(site)


def literal_entities(site: Path) -> None:
    """Data is text: `AT&amp;T &lt;b&gt;` shows as those characters in table and diagram."""
    html = html_of(site)
    shown = "AT&amp;amp;T &amp;lt;b&amp;gt;"
    assert html.count(shown) >= 2, html  # the table's cell and the diagram's text at least
    assert "AT&amp;T &lt;b&gt;</td>" not in html


def comment_hides_block(site: Path) -> None:
    html = html_of(site)
    shown = re.sub("<!--.*?-->", "", html, flags=re.S)
    assert "compare-table" in shown  # the page's own block
    assert "compare-ranking" not in shown


class _Unsafe(HTMLParser):
    """Collects whatever in a page could run or be read as markup by a script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.script = tag == "script"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "xlink:href") and re.match(
                    r"\s*(javascript|vbscript|data):", value, re.IGNORECASE):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "title" and "<" in value:  # Material's tooltips read it as HTML
                self.found.append(f"<{tag} title={value!r}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.append("<img src=x> from data")

    def handle_data(self, data: str) -> None:
        if self.script and "alert(" in data:
            self.found.append(f"<script>{data[:40]}")

    def handle_endtag(self, tag: str) -> None:
        self.script = False


def assert_nothing_can_run(site: Path) -> None:
    for page in site.rglob("*.html"):
        parser = _Unsafe()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not parser.found, f"{page.relative_to(site)}: {parser.found}"


# Runs.


@dataclass(frozen=True)
class Run:
    returncode: int
    output: str
    site: Path


def build(root: Path) -> Run:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"),
             "-d", str(root / "site")],
            capture_output=True, text=True, env=env, check=False, timeout=DEADLINE,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the build hung: no end within {DEADLINE} s")
    return Run(result.returncode, result.stdout + result.stderr, root / "site")


def serve(root: Path, actions: Callable[[Path, str], str]) -> Run:
    port = _free_port()
    log = root / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"),
             "-a", f"127.0.0.1:{port}", "--livereload", "--dirty"],
            stdout=output, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        text = actions(root, f"http://127.0.0.1:{port}/")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return Run(1, text, root / "site")


def wait_for_log(log: Path, text: str, count: int) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        output = log.read_text(errors="replace")
        if output.count(text) >= count:
            return output
        time.sleep(0.25)
    return log.read_text(errors="replace")


RANK_ZERO = "docs/data/fruit.yml:36: `rank` of entry 2 of `tiers` is 0; ranks start at 1"


def same_error_twice(root: Path, url: str) -> str:
    """Item 8: the same mistake twice in one session, fixed in between."""
    data_file = root / "docs" / "data" / "fruit.yml"
    good = data_file.read_text()
    _wait_for(url, "Lemon")
    data_file.write_text(good.replace("    - rank: 2\n", "    - rank: 0\n"))
    wait_for_log(root / "serve.log", RANK_ZERO, 1)
    data_file.write_text(good.replace("Lemon", "Yellow lemon"))
    _wait_for(url, "Yellow lemon")
    data_file.write_text(good.replace("    - rank: 2\n", "    - rank: 0\n"))
    output = wait_for_log(root / "serve.log", "Aborted with a BuildError!", 2)
    assert output.count(RANK_ZERO) == 2, output
    return output


def dirty_data_change(root: Path, url: str) -> str:
    """Minor item: under `--dirty`, a data-only change reaches the page."""
    data_file = root / "docs" / "data" / "fruit.yml"
    _wait_for(url, "Lemon")
    data_file.write_text(data_file.read_text().replace("name: Lemon", "name: Yellow lemon"))
    _wait_for(url, "Yellow lemon", seconds=30)
    return f"docs/index.md:1: fresh\n{(root / 'serve.log').read_text()}"


# The inputs.

FAN_OUT = (
    "title: T\nfields:\n  notes: {label: Notes, type: list}\nitems:\n"
    "  - id: i0\n    name: I0\n"
    "    notes: &k [&s " + "x" * 10_000 + ", " + ", ".join(["*s"] * 999) + "]\n"
    + "".join(f"  - id: i{n}\n    name: I{n}\n    notes: *k\n" for n in range(1, 100))
)
LAUGHS = (
    "title: T\nfields:\n  notes: {label: Notes, type: list}\nitems:\n"
    '  - {id: a, name: A, notes: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]}\n'
    + "".join(f"  - {{id: a{n}, name: A, notes: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]}}\n"
              for n in range(1, 10))
)
MANY_ALIASES = ("title: T\nfields:\n  notes: {label: Notes, type: list}\nitems:\n"
                "  - {id: a, name: &n A, notes: [x]}\n"
                + "".join(f"  - {{id: a{n}, name: *n, notes: [x]}}\n" for n in range(101)))
HUGE = "title: T\nfields:\n  notes: {label: Notes, type: text}\nitems:\n" + "".join(
    f"  - {{id: i{n}, name: I, notes: {'x' * 20_000}}}\n" for n in range(60))
GENERATED = (
    "from mkdocs.structure.files import File\n\n"
    "def on_files(files, config):\n"
    "    files.append(File.generated(config, 'generated.md', content="
    "'# Made\\n\\n```compare-table\\ndataset: fruit\\nitems: [pear]\\n```\\n'))\n"
    "    return files\n"
)
SNIPPETS = CONFIG + ("  - pymdownx.snippets:\n      base_path: [{root}/docs/includes]\n"
                     "      auto_append: [appended.md]\n      check_paths: true\n"
                     "exclude_docs: includes/\n")
PAGE_WITH_SNIPPET = "# Fruit\n\nIntro.\n\n--8<-- \"shared.md\"\n"
BAD_BLOCK = "```compare-table\ndataset: fruit\nitems: [pear]\n```\n"
MATERIAL = CONFIG + "theme:\n  name: material\n  features:\n    - content.tooltips\n"


def link_data_folder(root: Path) -> None:
    """Item 7: `docs/data` a link to a folder elsewhere."""
    real = root / "real-data"
    (root / "docs" / "data").rename(real)
    (root / "docs" / "data").symlink_to(real, target_is_directory=True)


def dangling_data_file(root: Path) -> None:
    (root / "docs" / "data" / "gone.yml").symlink_to(root / "nowhere.yml")


def python_tag_file(root: Path) -> None:
    marker = root / "pwned"
    (root / "docs" / "data" / "evil.yml").write_text(
        f"title: !!python/object/apply:os.system [\"touch {marker}\"]\n")


def taste(value: str) -> Callable[[str], str]:
    """Apple's `taste` replaced by `value` (written as a YAML double-quoted string)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return data("    taste: Sweet\n", f'    taste: "{escaped}"\n')


def lead(item: str) -> pytest.MarkDecorator:
    """The mark of a case whose fix is another part of issue 12 and has not landed; write the
    case as `(Case(...), lead("1"))`. None is marked today: every such fix has landed."""
    return pytest.mark.xfail(strict=True, reason=f"lead: not fixed yet (issue 12, item {item})")


CASES: dict[str, Case | tuple[Case, pytest.MarkDecorator]] = {
    # 1. Stored XSS through a tooltip (Material's content.tooltips reads `title` as HTML).
    "1 tooltip XSS in a level description": Case(
        Safe(), data=data("        label: High\n",
                          f'        label: High\n        description: "{TOOLTIP}"\n')),
    "1 tooltip mangles harmless text": Case(
        Safe(), data=data("        label: High\n",
                          '        label: High\n        description: "a<b and R&amp;D"\n')),
    "1 markup in every text a page shows": Case(
        Safe(), page=BOTH, data=taste(f"{TOOLTIP} <script>alert(1)</script> \" onmouseover=\"x")),
    # 2. Links in diagrams.
    "2 link in a ranking verdict": Case(
        Safe(link_rewritten), page=RANKING,
        data=data("verdict: Crisp.", 'verdict: "Crisp; [the glossary](other.md)."'),
        files={"docs/other.md": "# Other\n"}),
    "2 link to a missing page in a verdict": Case(
        Located("index.md", "contains a link 'missing.md'"), page=RANKING,
        data=data("verdict: Crisp.", 'verdict: "Crisp; [gone](missing.md)."')),
    "2 link to a missing page in a caption": Case(
        Located("index.md", "contains a link 'missing.md'"),
        page="# Fruit\n\n```compare-ranking\ndataset: fruit\n"
             "caption: \"[gone](missing.md)\"\n```\n"),
    "2 javascript: link in data": Case(
        Safe(), page=BOTH, data=taste("[click](javascript:alert(1))")),
    # 3. Unbounded resources.
    "3 flat fan-out through aliases": Case(
        Located("docs/data/fan.yml:7", "once every alias (`*name`) is written out"),
        files={"docs/data/fan.yml": FAN_OUT}),
    "3 nested billion laughs": Case(
        Located("docs/data/lol.yml:10", "once every alias (`*name`) is written out"),
        files={"docs/data/lol.yml": LAUGHS}),
    "3 more than 100 aliases": Case(
        Located("docs/data/many.yml:106", "more than 100 aliases"),
        files={"docs/data/many.yml": MANY_ALIASES}),
    "3 alias inside its own anchor": Case(
        Located(f"docs/data/fruit.yml:{line('    levels:') + 1}",
                "stands inside the list or mapping `&l` names"),
        data=data("    levels:\n", "    levels: &l\n      - *l\n")),
    "3 a file past a million characters": Case(
        Located("docs/data/huge.yml:", "longer than 1,000,000 characters"),
        files={"docs/data/huge.yml": HUGE}),
    "3 100 KB of `*a ` in a value (was quadratic)": Case(
        Safe(has("*a *a *a")), page=BOTH, data=taste("*a " * 33_000)),
    "3 `[` repeated 50,000 times": Case(Safe(), page=BOTH, data=taste("[" * 50_000)),
    "3 strong nested 2,000 deep (ran out of stack)": Case(
        Safe(has("<strong>")), page=BOTH, data=taste("**a " * 2000 + "a" + "**" * 2000)),
    "3 aliases in a block's body": Case(
        Located("docs/index.md:5", "more than 100 aliases"),
        page="# Fruit\n\n```compare-table\ndataset: &d fruit\nitems: ["
             + ", ".join(["*d"] * 101) + "]\n```\n"),
    "3 YAML nested 1,000 deep": Case(
        Located("docs/data/deep.yml:1", "nested too deeply"),
        files={"docs/data/deep.yml": "- " * 1000 + "x\n"}),
    # 4. Blocks silently not rendered.
    "4 misspelt kind compare-tabel": Case(
        Located("docs/index.md:3", "did you mean `compare-table`?"),
        page="# Fruit\n\n```compare-tabel\ndataset: fruit\n```\n"),
    "4 kind in capitals Compare-Table": Case(
        Located("docs/index.md:3", "write `compare-table`, not `Compare-Table`"),
        page="# Fruit\n\n```Compare-Table\ndataset: fruit\n```\n"),
    "4 missing closing fence": Case(
        Located("docs/index.md:3", "is never closed"),
        page="# Fruit\n\n```compare-table\ndataset: fruit\n\nMore text.\n"),
    "4 options on the fence line": Case(
        Located("docs/index.md:3", "nothing may follow `compare-table` on the opening line"),
        page="# Fruit\n\n```compare-table dataset=x\ndataset: fruit\n```\n"),
    "4 enabled: false with a block on a page": Case(
        Located("docs/index.md:3", "the compare plugin is off"),
        config=CONFIG.replace("  - compare\n", "  - compare:\n      enabled: false\n")),
    # 5. Wrong place in messages.
    "5 block from a snippet": Case(
        Located("docs/includes/shared.md:5", "has no item `pear`"), page=PAGE_WITH_SNIPPET,
        config=SNIPPETS, files={"docs/includes/shared.md": "Shared.\n\n" + BAD_BLOCK,
                                "docs/includes/appended.md": "*[VM]: Virtual machine\n"}),
    "5 block from the auto-appended file": Case(
        Located("docs/includes/appended.md:5", "has no item `pear`"), page=PAGE_WITH_SNIPPET,
        config=SNIPPETS, files={"docs/includes/shared.md": "Shared.\n",
                                "docs/includes/appended.md": "*[VM]: Virtual machine\n\n"
                                + BAD_BLOCK}),
    "5 tab in a block's body": Case(
        Located("docs/index.md:5", ""),
        page="# Fruit\n\n```compare-table\ndataset: fruit\nitems:\t[pear]\n```\n"),
    "5 page generated by another plugin": Case(
        Located("generated.md", "has no item `pear`"), page=TABLE,
        config=CONFIG + "hooks:\n  - hooks.py\n", files={"hooks.py": GENERATED}),
    "5 U+2028 and a form feed before a block": Case(
        Located("docs/index.md:7", "has no item `pear`"),
        page="# Fruit\n\nA form feed \x0c and a line separator \u2028 here.\n\n" + BAD_BLOCK),
    "5 error deep inside nested data": Case(
        Located(f"docs/data/fruit.yml:{line('  - id: lemon') + 3}",
                "`taste` of item `lemon` must be text"),
        data=data("  - id: lemon\n    name: Lemon\n    taste: Sour\n    grade: low\n",
                  "  - {id: lemon,\n     name: Lemon,\n     grade: low,\n     taste: [Sour]}\n")),
    # 6. A traceback.
    "6 rank of 5,000 digits": Case(
        Located("docs/data/fruit.yml:36", "5,000 digits long, larger than 99"),
        data=data("    - rank: 2\n", f"    - rank: {'9' * 5000}\n")),
    "6 rank past the badge": Case(
        Located("docs/data/fruit.yml:36", "`rank` of entry 2 of `tiers` is `1000`, larger than 99"),
        data=data("    - rank: 2\n", "    - rank: 1000\n")),
    # 7. Data published.
    "7 docs/data a link to a folder": Case(Safe(no_data_files), setup=link_data_folder),
    "7 a data file that is a dangling link": Case(
        Located("docs/data/gone.yml:1", "is a link to"), setup=dangling_data_file),
    # 8. Serve hides a repeated error.
    "8 the same error twice under serve": Case(
        Located(RANK_ZERO.split(": ")[0], "ranks start at 1"), serve=same_error_twice),
    # 9. Entities.
    "9 entities shown literally in table and diagram": Case(
        Safe(literal_entities), page=BOTH,
        data=both(taste(ENTITIES), data("verdict: Crisp.", f'verdict: "{ENTITIES}"'))),
    # Minor items.
    "minor tag on a mapping": Case(
        Located("docs/data/fruit.yml:4", "the tag `!scale` on this mapping is not allowed"),
        data=data("  grade:\n    label: Grade\n    levels:",
                  "  grade: !scale\n    label: Grade\n    levels:")),
    "minor !!set on a list field": Case(
        Located(f"docs/data/fruit.yml:{line('    taste: Sweet')}",
                "the tag `!!set` on this mapping is not allowed"),
        data=data("    taste: Sweet\n", "    taste: !!set {a, b}\n")),
    "minor python tag": Case(
        Located("docs/data/evil.yml:1", "the tag `!!python/object/apply:os.system` on this list"),
        setup=python_tag_file),
    "minor {#id .class} on a block": Case(
        Located("docs/index.md:3", "nothing may follow `compare-table` on the opening line"),
        page="# Fruit\n\n``` { .compare-table #fruit .wide }\ndataset: fruit\n```\n"),
    # Documented (authoring guide): a block in a comment is still read and checked, and its
    # output stays inside the comment.
    "minor bad block inside an HTML comment": Case(
        Located("docs/index.md:9", "unknown dataset `vegetables`"),
        page=TABLE + "\n<!--\n```compare-table\ndataset: vegetables\n```\n-->\n"),
    "minor block inside an HTML comment": Case(
        Safe(comment_hides_block),
        page=TABLE + "\n<!--\n```compare-ranking\ndataset: fruit\n```\n-->\n"),
    "minor --dirty and a data-only change": Case(
        Located("docs/index.md:1", "fresh"), serve=dirty_data_change),
    "minor bidi override in a message": Case(
        Located("docs/index.md:4", "unknown dataset `<U+202E>tiurf`"),
        page="# Fruit\n\n```compare-table\ndataset: \u202etiurf\n```\n"),
    "minor BOM and bidi in a data file's id": Case(
        Located("docs/data/fruit.yml:", "`\ufeffapple`".replace("\ufeff", "<U+FEFF>")),
        data=data("  - id: apple\n", "  - id: \"\ufeffapple\"\n")),
    "minor escape sequence in a block body": Case(
        Located("docs/index.md:4", "U+001B is not allowed in YAML"),
        page="# Fruit\n\n```compare-table\ndataset: fruit\x1b[2J\n```\n"),
}


def _params() -> list[Any]:
    params = []
    for name, entry in CASES.items():
        case, marks = (entry, ()) if isinstance(entry, Case) else (entry[0], (entry[1],))
        params.append(pytest.param(case, id=name, marks=marks))
    return params


@pytest.mark.parametrize("case", _params())
def test_hostile_input_ends_in_a_located_message_or_a_safe_page(tmp_path: Path, case: Case) -> None:
    write_site(tmp_path, case.page, case.config.replace("{root}", str(tmp_path)))
    fruit = tmp_path / "docs" / "data" / "fruit.yml"
    if case.data is not None:
        fruit.write_text(case.data(fruit.read_text()), encoding="utf-8")
    for name, content in case.files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    if case.setup is not None:
        case.setup(tmp_path)
    run = serve(tmp_path, case.serve) if case.serve is not None else build(tmp_path)
    for crash in ("Traceback", "RecursionError", "MemoryError"):
        assert crash not in run.output, run.output[-3000:]
    if isinstance(case.expect, Located):
        assert run.returncode != 0, run.output[-3000:]
        lines = [line for line in run.output.splitlines() if f"{case.expect.where}" in line]
        assert lines, run.output[-3000:]
        assert any(case.expect.phrase in line for line in lines), run.output[-3000:]
    else:
        assert run.returncode == 0, run.output[-3000:]
        assert "WARNING" not in run.output, run.output[-3000:]
        assert_nothing_can_run(run.site)
        if case.expect.check is not None:
            case.expect.check(run.site)
    assert not (tmp_path / "pwned").exists()


# Bounded by construction: work linear in the size of a data value and of a page.

def plugin_work(call: Callable[[], object]) -> int:
    """Lines of the compare plugin's modules executed while `call` runs."""
    modules = [module for name, module in sorted(sys.modules.items())
               if name.startswith("mkdocs_compare") and getattr(module, "__file__", None)]
    return work(call, *modules)


def convert(page: str, data_dir: Path) -> str:
    return markdown.markdown(page, extensions=["pymdownx.superfences", "mkdocs_compare"],
                             extension_configs={"mkdocs_compare": {"data_dir": str(data_dir)}})


UNITS = st.text(alphabet=st.sampled_from("*_`[]()\\ab <>&\"':"), min_size=1,
                max_size=6).filter(str.strip)


@settings(max_examples=25, deadline=None)
@given(UNITS)
def test_loading_and_rendering_grow_linearly_with_a_data_value(unit: str) -> None:
    """A value `unit` repeated k times, then 4k times: about four times the work, through
    reading, checking and drawing it in a table and a ranking."""
    def cost(k: int) -> int:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            text = (unit * k).replace("\\", "\\\\").replace('"', '\\"')
            (folder / "fruit.yml").write_text(
                DATA.replace("    taste: Sweet\n", f'    taste: "{text}"\n')
                .replace("verdict: Crisp.", f'verdict: "{text}"'), encoding="utf-8")
            return plugin_work(lambda: (load_datasets(folder, folder),
                                        convert(BOTH, folder)))

    # Past the sizes where a value first wraps in the drawing (a step, not a slope).
    small, large = cost(400), cost(1600)
    assert large <= 4.6 * small, (small, large)


@settings(max_examples=10, deadline=None)
@given(st.sampled_from([TABLE, RANKING, "Text *a [b `c\n\n", "```text\n*a [\n```\n\n"]))
def test_converting_a_page_grows_linearly_with_its_length(part: str) -> None:
    """A page of `part` k times, then 4k times."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "fruit.yml").write_text(DATA, encoding="utf-8")
        convert(TABLE, folder)  # the data read once, as the plugin does for a whole build

        def cost(k: int) -> int:
            return plugin_work(lambda: convert(part * k, folder))

        small, large = cost(10), cost(40)
    assert large <= 4.6 * small + 100, (small, large)
