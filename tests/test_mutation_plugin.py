"""Tests that can fail (issue 14): the compare plugin's MkDocs hooks (plugin.py, config.py),
driven by real MkDocs builds run in this process, so mutmut's mutants are the code they run."""

from __future__ import annotations

import io
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.utils import DuplicateFilter

import mkdocs_compare
from conftest import load_in_process
from fixture_site import CONFIG, DATA, write_site
from mkdocs_compare import instrument

pytestmark = pytest.mark.usefixtures("fresh_plugin_instances")

NO_PEAR = "dataset `fruit` has no item `pear`; its items are: apple, lemon"
PAGE = "# Fruit\n\n```compare-table\ndataset: fruit\n```\n"
ASSET = Path(mkdocs_compare.__file__).parent / "assets"
"""The plugin's own files, as the build in this process imports them."""
DISABLED = CONFIG.replace("  - compare\n", "  - compare:\n      enabled: false\n")
OFF_MESSAGE = ("the compare plugin is off (`enabled: false` in mkdocs.yml), so this "
               "`compare-table` block cannot be rendered; remove the block or turn the "
               "plugin on")
# A hook that adds a page no file holds, before the compare plugin sees the files.
GENERATING_HOOK = '''\
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File


@event_priority(100)
def on_files(files, config):
    files.append(File.generated(config, {name!r}, content={content!r}))
    return files
'''



def build_site(config_file: Path, *, dirty: bool = False) -> Path:
    """Build as `mkdocs build --strict` (or `mkdocs build --dirty`, which strict mode would
    abort for its own warning) does in its process; return the site folder."""
    config = load_in_process(config_file, strict=not dirty)
    config.plugins.on_startup(command="build", dirty=dirty)
    try:
        build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)


def build_errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The errors MkDocs logged for builds it stopped, in order (without its own "Error
    reading page" line before a page's error)."""
    return [record.getMessage() for record in caplog.records
            if record.name == "mkdocs.commands.build" and record.levelno == logging.ERROR
            and not record.getMessage().startswith("Error reading page")]


def failed_build(config_file: Path, caplog: pytest.LogCaptureFixture) -> str:
    """Build, which must stop with a build error; return the one error MkDocs logged."""
    caplog.clear()
    with pytest.raises(Abort, match="Aborted with a BuildError!"):
        build_site(config_file)
    (error,) = build_errors(caplog)
    return error


def set_mtime(path: Path, seconds: float) -> None:
    os.utime(path, (seconds, seconds), follow_symlinks=False)


# --- on_config, on_files: a build -----------------------------------------------------------


def test_a_build_renders_the_blocks_adds_the_stylesheet_and_keeps_the_data_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The datasets reach the pages, the data folder is not published, the stylesheet is
    written (the plugin's own file) and linked, and `-v` says what was loaded from where."""
    caplog.set_level(logging.DEBUG, logger="mkdocs.plugins.mkdocs_compare")
    site = build_site(write_site(tmp_path, PAGE))
    html = (site / "index.html").read_text()
    assert html.count('<div class="compare-table') == 1
    assert "Lemon" in html
    assert not (site / "data").exists()
    stylesheet = site / "assets" / "stylesheets" / "compare.css"
    assert stylesheet.read_bytes() == (ASSET / "compare.css").read_bytes()
    assert '<link href="assets/stylesheets/compare.css" rel="stylesheet">' in html
    data_dir = (tmp_path / "docs" / "data").resolve()
    assert f"mkdocs_compare: loaded 1 datasets from {data_dir}" in caplog.messages


class StepLog:
    """An `instrument.Observer` that notes the steps timed."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, str]] = []

    def timed(self, step: instrument.Step, detail: str, seconds: float) -> None:
        self.steps.append((step, detail))

    def rendered(self, block: instrument.RenderedBlock) -> str:
        return block.html


def test_loading_the_data_is_timed_once_per_build_for_the_benchmarks(tmp_path: Path) -> None:
    config_file = write_site(tmp_path, PAGE)
    steps = StepLog()
    with instrument.observing(steps):
        build_site(config_file)
    assert steps.steps.count(("load", "")) == 1
    assert steps.steps[0] == ("load", "")


def test_without_a_config_file_paths_are_shown_relative_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    write_site(tmp_path, "# Fruit\n\n```compare-table\ndataset: fruit\nitems: [pear]\n```\n")
    monkeypatch.chdir(tmp_path)
    config = load_config(io.StringIO(CONFIG), site_dir=str(tmp_path / "site"))
    assert not config.config_file_path
    with pytest.raises(Abort):
        build(config)
    assert build_errors(caplog) == [f"docs/index.md:5: {NO_PEAR}"]


def test_with_the_plugin_off_paths_are_shown_from_the_config_files_folder_wherever_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """As with the plugin on: `mkdocs build -f elsewhere/mkdocs.yml` names `docs/…`."""
    project = tmp_path / "project"
    project.mkdir()
    config_file = write_site(project, "# Fruit\n\n```compare-table\ndataset: fruit\n```\n",
                             DISABLED)
    monkeypatch.chdir(tmp_path)
    assert failed_build(config_file, caplog) == f"docs/index.md:3: {OFF_MESSAGE}"


def test_without_the_stylesheet_option_no_stylesheet_is_written_or_linked(
    tmp_path: Path,
) -> None:
    config = CONFIG.replace("  - compare\n", "  - compare:\n      stylesheet: false\n")
    site = build_site(write_site(tmp_path, PAGE, config))
    html = (site / "index.html").read_text()
    assert '<div class="compare-table' in html
    assert not (site / "assets" / "stylesheets" / "compare.css").exists()
    assert "compare.css" not in html


def test_a_data_dir_elsewhere_is_read_and_only_that_folder_is_kept_out(tmp_path: Path) -> None:
    """`data_dir` is relative to docs_dir; a `.yml` file outside it is an ordinary download."""
    config = CONFIG.replace("  - compare\n", "  - compare:\n      data_dir: datasets\n")
    config_file = write_site(tmp_path, PAGE, config)
    (tmp_path / "docs" / "data").rename(tmp_path / "docs" / "datasets")
    (tmp_path / "docs" / "downloads").mkdir()
    (tmp_path / "docs" / "downloads" / "fruit.yml").write_text(DATA)
    site = build_site(config_file)
    assert '<div class="compare-table' in (site / "index.html").read_text()
    assert not (site / "datasets").exists()
    assert (site / "downloads" / "fruit.yml").read_text() == DATA


def test_a_missing_data_dir_stops_the_build_saying_what_to_set(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = CONFIG.replace("  - compare\n", "  - compare:\n      data_dir: missing\n")
    config_file = write_site(tmp_path, PAGE, config)
    missing = (tmp_path / "docs" / "missing").resolve()
    assert failed_build(config_file, caplog) == (
        f"compare: data_dir `{missing}` is not a folder; create it or set `data_dir` "
        "(relative to docs_dir) under the plugin in mkdocs.yml")


def test_a_data_file_is_not_a_folder_of_data(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = CONFIG.replace("  - compare\n", "  - compare:\n      data_dir: data/fruit.yml\n")
    config_file = write_site(tmp_path, PAGE, config)
    assert failed_build(config_file, caplog).startswith("compare: data_dir `")


BAD_RANK = ("docs/data/fruit.yml:36: `rank` of entry 2 of `tiers` is 0; ranks start at 1"
            " (the first tier)")


def write_bad_data(root: Path) -> Path:
    config_file = write_site(root, PAGE)
    data = root / "docs" / "data" / "fruit.yml"
    data.write_text(DATA.replace("    - rank: 2\n", "    - rank: 0\n"))
    return config_file


def test_bad_data_stops_the_build_with_the_located_message_alone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Paths are shown relative to the folder of mkdocs.yml, whatever the current folder."""
    assert failed_build(write_bad_data(tmp_path), caplog) == BAD_RANK
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.fixture
def cli_logging() -> Iterator[None]:
    """The filter the `mkdocs` command puts on the build's log: it drops any message logged
    before in the process."""
    build_log = logging.getLogger("mkdocs.commands.build")
    duplicates = DuplicateFilter()
    build_log.addFilter(duplicates)
    yield
    build_log.removeFilter(duplicates)


@pytest.mark.usefixtures("cli_logging")
def test_the_same_error_is_shown_each_time_it_stops_a_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """MkDocs drops a message it logged before in the process (`mkdocs serve`): a mistake
    made twice must be shown twice, for bad data and for a bad block alike."""
    config_file = write_bad_data(tmp_path)
    caplog.clear()
    for _ in range(2):
        with pytest.raises(Abort):
            build_site(config_file)
    assert build_errors(caplog) == [BAD_RANK, BAD_RANK]

    (tmp_path / "docs" / "data" / "fruit.yml").write_text(DATA)
    (tmp_path / "docs" / "index.md").write_text(
        "# Fruit\n\n```compare-table\ndataset: fruit\nitems: [pear]\n```\n")
    caplog.clear()
    for _ in range(2):
        with pytest.raises(Abort):
            build_site(config_file)
    assert build_errors(caplog) == [f"docs/index.md:5: {NO_PEAR}"] * 2


def test_a_bad_block_names_the_page_relative_to_the_project(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = ("---\ntitle: Fruit\n---\n# Fruit\n\n"
            "```compare-table\ndataset: fruit\nitems: [pear]\n```\n")
    config_file = write_site(tmp_path, page)
    assert failed_build(config_file, caplog) == (
        f"docs/index.md:8: {NO_PEAR}")


def test_a_block_from_a_snippet_names_the_snippet_relative_to_the_project(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    includes = tmp_path / "docs" / "includes"
    config = CONFIG + (f"  - pymdownx.snippets:\n      base_path: [{includes}]\n"
                       "      check_paths: true\nexclude_docs: includes/\n")
    config_file = write_site(tmp_path, "# Fruit\n\nIntro.\n\n--8<-- \"shared.md\"\n", config)
    includes.mkdir()
    (includes / "shared.md").write_text("Shared.\n\n```compare-table\ndataset: fruit\n"
                                        "items: [pear]\n```\n")
    assert failed_build(config_file, caplog) == (
        f"docs/includes/shared.md:5: {NO_PEAR}")


def generated_page(root: Path, content: str, config: str = CONFIG,
                   name: str = "generated.md") -> Path:
    """The fixture site with a page `name` (`generated.md`) that no file holds."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "hooks.py").write_text(GENERATING_HOOK.format(name=name, content=content))
    return write_site(root, PAGE, config + "hooks:\n  - hooks.py\n")


def test_a_generated_page_is_rendered_and_published(tmp_path: Path) -> None:
    config_file = generated_page(tmp_path, "# Made\n\n```compare-ranking\ndataset: fruit\n```\n")
    site = build_site(config_file)
    html = (site / "generated" / "index.html").read_text()
    assert len(re.findall(r'<svg [^>]*role="img"', html)) == 1


def test_a_bad_block_in_a_generated_page_is_named_by_the_pages_path(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    content = "# Made\n\n```compare-table\ndataset: fruit\nitems: [pear]\n```\n"
    assert failed_build(generated_page(tmp_path, content), caplog) == (
        f"generated.md: {NO_PEAR} (line 2 of the `compare-table` block)")


def test_a_generated_page_in_a_lecture_folder_reaches_the_lectures_datasets(
    tmp_path: Path,
) -> None:
    config_file = generated_page(tmp_path, PAGE, name="lecture/generated.md")
    lecture = tmp_path / "docs" / "data" / "lecture"
    lecture.mkdir()
    (lecture / "fruit.yml").write_text(DATA.replace("name: Lemon", "name: Quince"))
    site = build_site(config_file)
    assert "Quince" in (site / "lecture" / "generated" / "index.html").read_text()
    assert "Quince" not in (site / "index.html").read_text()


# --- data files reached through links -------------------------------------------------------


def test_a_data_file_that_links_elsewhere_is_still_not_published(tmp_path: Path) -> None:
    config_file = write_site(tmp_path, PAGE)
    outside = tmp_path / "shared" / "fruit.yml"
    outside.parent.mkdir()
    (tmp_path / "docs" / "data" / "fruit.yml").rename(outside)
    (tmp_path / "docs" / "data" / "fruit.yml").symlink_to(outside)
    site = build_site(config_file)
    assert "Lemon" in (site / "index.html").read_text()
    assert not (site / "data").exists()


def test_a_link_elsewhere_in_docs_to_a_data_file_is_not_published(tmp_path: Path) -> None:
    config_file = write_site(tmp_path, PAGE)
    (tmp_path / "docs" / "downloads").mkdir()
    (tmp_path / "docs" / "downloads" / "fruit.yml").symlink_to(
        tmp_path / "docs" / "data" / "fruit.yml")
    site = build_site(config_file)
    assert not (site / "downloads").exists()


def test_a_linked_data_folder_is_read_where_it_really_is(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Messages name the file the author edits, behind the link."""
    config_file = write_bad_data(tmp_path)
    (tmp_path / "docs" / "data").rename(tmp_path / "shared")
    (tmp_path / "docs" / "data").symlink_to(tmp_path / "shared")
    assert failed_build(config_file, caplog) == BAD_RANK.replace("docs/data/", "shared/")
    (tmp_path / "shared" / "fruit.yml").write_text(DATA)
    site = build_site(config_file)
    assert "Lemon" in (site / "index.html").read_text()
    assert not (site / "data").exists()


def test_in_a_linked_data_folder_no_file_is_published_however_links_lead_to_it(
    tmp_path: Path,
) -> None:
    """A data file that is itself a link (to a file elsewhere), and a link elsewhere in docs
    to where a data file really is, stay out of the site as the data folder does."""
    config_file = write_site(tmp_path, PAGE)
    (tmp_path / "docs" / "data").rename(tmp_path / "shared")
    (tmp_path / "docs" / "data").symlink_to(tmp_path / "shared")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "vegetables.yml").write_text(DATA)
    (tmp_path / "shared" / "vegetables.yml").symlink_to(tmp_path / "elsewhere" / "vegetables.yml")
    (tmp_path / "docs" / "downloads").mkdir()
    (tmp_path / "docs" / "downloads" / "fruit.yml").symlink_to(tmp_path / "shared" / "fruit.yml")
    site = build_site(config_file)
    assert '<div class="compare-table' in (site / "index.html").read_text()
    assert not (site / "data").exists()
    assert not (site / "downloads").exists()


# --- on_page_markdown, _namespace: lectures' datasets ---------------------------------------


def test_a_lectures_page_reaches_its_own_datasets_by_their_short_names(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config_file = write_site(tmp_path, PAGE)
    lecture = tmp_path / "docs" / "data" / "lecture"
    lecture.mkdir()
    (lecture / "fruit.yml").write_text(DATA.replace("name: Lemon", "name: Quince"))
    (tmp_path / "docs" / "lecture").mkdir()
    (tmp_path / "docs" / "lecture" / "index.md").write_text(PAGE)
    (tmp_path / "docs" / "other").mkdir()
    (tmp_path / "docs" / "other" / "index.md").write_text(PAGE)
    site = build_site(config_file)
    own = (site / "lecture" / "index.html").read_text()
    assert "Quince" in own
    assert "Lemon" not in own
    for shared in (site / "index.html", site / "other" / "index.html"):
        assert "Lemon" in shared.read_text()
        assert "Quince" not in shared.read_text()

    (tmp_path / "docs" / "data" / "fruit.yml").unlink()
    (tmp_path / "docs" / "other" / "index.md").unlink()
    assert failed_build(config_file, caplog) == (
        "docs/index.md:4: unknown dataset `fruit` here; another lecture's dataset is reached "
        "by its qualified name: write `dataset: lecture/fruit`")


# --- on_page_markdown, _refuse_blocks: the plugin turned off --------------------------------


def test_with_the_plugin_off_a_site_without_blocks_builds_as_plain_mkdocs(
    tmp_path: Path,
) -> None:
    page = "# Fruit\n\n```python\nprint('compare-table')\n```\n\n```\nplain\n```\n"
    site = build_site(write_site(tmp_path, page, DISABLED))
    html = (site / "index.html").read_text()
    assert "print" in html
    assert "compare.css" not in html
    assert not (site / "assets" / "stylesheets" / "compare.css").exists()
    assert (site / "data" / "fruit.yml").read_text() == DATA


def test_with_the_plugin_off_a_block_stops_the_build_at_its_line_in_the_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The line counts the front matter, which MkDocs has taken off the Markdown; the first
    block is named, after fences of other languages."""
    page = ("---\ntitle: Fruit\n---\n# Fruit\n\n```python\nx = 1\n```\n\n"
            "```compare-table\ndataset: vegetables\n```\n\n```compare-ranking\ndataset: x\n```\n")
    error = failed_build(write_site(tmp_path, page, DISABLED), caplog)
    assert error == f"docs/index.md:10: {OFF_MESSAGE}"
    assert not (tmp_path / "site" / "index.html").exists()


def test_with_the_plugin_off_an_unclosed_block_stops_the_build_too(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = "---\ntitle: Fruit\n---\n# Fruit\n\n```compare-table\ndataset: fruit\n\nText.\n"
    error = failed_build(write_site(tmp_path, page, DISABLED), caplog)
    assert error == f"docs/index.md:6: {OFF_MESSAGE}"


def test_with_the_plugin_off_a_block_shown_in_the_front_matter_is_not_the_one_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A page's front matter may show a block as an example; the block named is the page's,
    whose whole body matches (the example's only starts the same)."""
    page = ("---\ntitle: Fruit\nexample: |\n  ```compare-table\n  dataset: fruit\n"
            "  caption: An example\n  ```\n---\n# Fruit\n\n```compare-table\ndataset: fruit\n```\n")
    error = failed_build(write_site(tmp_path, page, DISABLED), caplog)
    assert error == f"docs/index.md:11: {OFF_MESSAGE}"


EDITING_HOOK = '''\
from mkdocs.plugins import event_priority


@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    return "*Draft.*\\n\\n" + markdown.partition("<!-- notes -->")[0]
'''
"""Another plugin that edits each page's Markdown before ours: a banner put above, the
lecturer's notes cut off."""
EDITED = DISABLED + "hooks:\n  - hooks.py\n"


def test_with_the_plugin_off_a_block_after_a_byte_order_mark_is_found_on_line_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The file is read as MkDocs reads it: the mark is not part of the first line, whose
    block is found in the file (the Markdown, with a banner above, would say line 3)."""
    config_file = write_site(tmp_path, "# Fruit\n", EDITED)
    (tmp_path / "hooks.py").write_text(EDITING_HOOK)
    (tmp_path / "docs" / "index.md").write_bytes(
        "\ufeff```compare-table\ndataset: fruit\n```\n".encode())
    assert failed_build(config_file, caplog) == f"docs/index.md:1: {OFF_MESSAGE}"



def test_with_the_plugin_off_an_unclosed_block_is_found_though_a_plugin_cut_the_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An unclosed block runs to the end of the text, which another plugin may have changed
    (here: cut off the lecturer's notes): its first lines find it in the file."""
    page = ("---\ntitle: Fruit\n---\n# Fruit\n\n```compare-table\ndataset: fruit\n\n"
            "<!-- notes -->\nPrivate.\n")
    config_file = write_site(tmp_path, page, EDITED)
    (tmp_path / "hooks.py").write_text(EDITING_HOOK)
    error = failed_build(config_file, caplog)
    assert error == f"docs/index.md:6: {OFF_MESSAGE}"


def test_with_the_plugin_off_a_block_in_a_generated_page_names_the_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    content = "# Made\n\nText.\n\n```compare-table\ndataset: fruit\n```\n"
    config_file = generated_page(tmp_path, content, DISABLED)
    (tmp_path / "docs" / "index.md").write_text("# Fruit\n")
    assert failed_build(config_file, caplog) == f"generated.md:5: {OFF_MESSAGE}"


# --- on_startup, _rebuild_pages_older_than_the_data: `mkdocs serve --dirty` -----------------


def dirty_site(root: Path) -> tuple[Path, float]:
    """The fixture site with a page without blocks, built once; the data then edited. Returns
    its mkdocs.yml and when the home page was written."""
    config_file = write_site(root, PAGE)
    docs = root / "docs"
    (docs / "plain.md").write_text("# Plain\n\nOld text.\n\n```python\nx = 1\n```\n")
    site = build_site(config_file)
    written = (site / "index.html").stat().st_mtime
    for page in docs.glob("*.md"):
        set_mtime(page, written - 100)
    data = docs / "data" / "fruit.yml"
    data.write_text(DATA.replace("name: Lemon", "name: Yellow lemon"))
    # A plain page edited without its time changing: a page rebuilt shows the new text.
    (docs / "plain.md").write_text("# Plain\n\nNew text.\n\n```python\nx = 1\n```\n")
    set_mtime(docs / "plain.md", written - 100)
    set_mtime(docs / "data", written - 50)
    return config_file, written


def test_a_dirty_build_rebuilds_the_pages_with_blocks_older_than_the_data(
    tmp_path: Path,
) -> None:
    """Only the data file is newer than the pages (not its folder); pages without a block
    are left as they were."""
    config_file, written = dirty_site(tmp_path)
    set_mtime(tmp_path / "docs" / "data" / "fruit.yml", written + 50)
    site = build_site(config_file, dirty=True)
    assert "Yellow lemon" in (site / "index.html").read_text()
    assert "Old text." in (site / "plain" / "index.html").read_text()


def test_a_dirty_build_rebuilds_when_a_data_file_is_removed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Removing a file changes only its folder's time."""
    config_file, written = dirty_site(tmp_path)
    (tmp_path / "docs" / "data" / "fruit.yml").unlink()
    (tmp_path / "docs" / "data" / "other.yml").write_text(DATA)
    set_mtime(tmp_path / "docs" / "data" / "other.yml", written - 50)
    set_mtime(tmp_path / "docs" / "data", written + 50)
    with pytest.raises(Abort):
        build_site(config_file, dirty=True)
    assert build_errors(caplog)[-1] == (
        "docs/index.md:4: unknown dataset `fruit`; the datasets are: other")


def test_a_dirty_build_leaves_the_pages_as_new_as_the_data(tmp_path: Path) -> None:
    config_file, _ = dirty_site(tmp_path)
    output = tmp_path / "site" / "index.html"
    os.utime(tmp_path / "docs" / "data" / "fruit.yml",
             ns=(output.stat().st_mtime_ns, output.stat().st_mtime_ns))
    site = build_site(config_file, dirty=True)
    html = (site / "index.html").read_text()
    assert "Lemon" in html
    assert "Yellow lemon" not in html


def test_a_dirty_build_rebuilds_a_lectures_pages_when_its_own_data_is_newer(
    tmp_path: Path,
) -> None:
    """A lecture's datasets live in a folder of their own under the data folder: editing one
    changes neither the top folder's files nor its time."""
    config_file = write_site(tmp_path, PAGE)
    docs = tmp_path / "docs"
    (docs / "data" / "lecture").mkdir()
    (docs / "data" / "lecture" / "fruit.yml").write_text(DATA)
    (docs / "lecture").mkdir()
    (docs / "lecture" / "index.md").write_text(PAGE)
    site = build_site(config_file)
    written = (site / "lecture" / "index.html").stat().st_mtime
    for source in (*docs.rglob("*.md"), docs / "data", docs / "data" / "fruit.yml",
                   docs / "data" / "lecture"):
        set_mtime(source, written - 100)
    edited = docs / "data" / "lecture" / "fruit.yml"
    edited.write_text(DATA.replace("name: Lemon", "name: Yellow lemon"))
    set_mtime(edited, written + 50)
    site = build_site(config_file, dirty=True)
    assert "Yellow lemon" in (site / "lecture" / "index.html").read_text()

    # Removed, the lecture's dataset gives way to the shared one of the same name; only the
    # lecture folder's time says so.
    (docs / "data" / "lecture" / "pear.yml").write_text(DATA)
    set_mtime(docs / "data" / "lecture" / "pear.yml", written - 100)
    edited.unlink()
    later = (site / "lecture" / "index.html").stat().st_mtime
    set_mtime(docs / "data" / "lecture", later + 100)
    site = build_site(config_file, dirty=True)
    html = (site / "lecture" / "index.html").read_text()
    assert "Lemon" in html
    assert "Yellow lemon" not in html


def test_without_dirty_every_page_is_built_anew(tmp_path: Path) -> None:
    config_file, _ = dirty_site(tmp_path)
    site = build_site(config_file)
    assert "Yellow lemon" in (site / "index.html").read_text()
    assert "New text." in (site / "plain" / "index.html").read_text()


def test_a_dirty_build_looks_past_pages_it_need_not_mark(tmp_path: Path) -> None:
    """Pages come in name order, the home page first: one already newer than the data and one
    never built come before the page with a block, which is still rebuilt; one starting with a
    byte order mark and a block is recognised."""
    config_file = write_site(tmp_path, "# Home\n\n```compare-table\ndataset: fruit\n```\n")
    docs = tmp_path / "docs"
    (docs / "lecture.md").write_text(PAGE)
    (docs / "marked.md").write_bytes(
        b"\xef\xbb\xbf```compare-table\ndataset: fruit\n```\n")
    site = build_site(config_file)
    written = (site / "lecture" / "index.html").stat().st_mtime
    for page in docs.glob("*.md"):
        set_mtime(page, written - 100)
    (docs / "data" / "fruit.yml").write_text(DATA.replace("name: Lemon", "name: Yellow lemon"))
    set_mtime(docs / "data" / "fruit.yml", written + 50)
    set_mtime(docs / "data", written - 50)
    set_mtime(site / "index.html", written + 100)
    (docs / "another.md").write_text("# Another\n")
    site = build_site(config_file, dirty=True)
    assert "Yellow lemon" not in (site / "index.html").read_text()
    assert "Yellow lemon" in (site / "lecture" / "index.html").read_text()
    assert "Yellow lemon" in (site / "marked" / "index.html").read_text()
    assert (site / "another" / "index.html").is_file()


def test_a_dirty_build_builds_generated_pages_as_mkdocs_does(tmp_path: Path) -> None:
    config_file = generated_page(tmp_path, "# Made\n\n```compare-table\ndataset: fruit\n```\n")
    site = build_site(config_file)
    written = (site / "index.html").stat().st_mtime
    set_mtime(tmp_path / "docs" / "index.md", written - 100)
    (tmp_path / "docs" / "data" / "fruit.yml").write_text(
        DATA.replace("name: Lemon", "name: Yellow lemon"))
    set_mtime(tmp_path / "docs" / "data" / "fruit.yml", written + 50)
    site = build_site(config_file, dirty=True)
    assert "Yellow lemon" in (site / "generated" / "index.html").read_text()
    assert "Yellow lemon" in (site / "index.html").read_text()


# --- on_serve ---------------------------------------------------------------------------------


def watched_when_served(config_file: Path) -> set[str]:
    """The paths `mkdocs serve` watches for this site (its server is never started)."""
    config = load_in_process(config_file)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0,
                              root=config.site_dir)
    try:
        server.watch(config.docs_dir)
        returned = config.plugins.on_serve(server, config=config, builder=lambda: None)
        assert returned is server
        return set(server._watched_paths)
    finally:
        server.server_close()
        config.plugins.on_shutdown()


def test_serve_watches_a_data_folder_outside_the_docs(tmp_path: Path) -> None:
    config = CONFIG.replace("  - compare\n", "  - compare:\n      data_dir: ../datasets\n")
    config_file = write_site(tmp_path, PAGE, config)
    (tmp_path / "docs" / "data").rename(tmp_path / "datasets")
    docs = str((tmp_path / "docs").resolve())
    assert watched_when_served(config_file) == {docs, str((tmp_path / "datasets").resolve())}


def test_serve_with_the_plugin_off_watches_nothing_more(tmp_path: Path) -> None:
    config_file = write_site(tmp_path, "# Fruit\n", DISABLED)
    assert watched_when_served(config_file) == {str((tmp_path / "docs").resolve())}


def test_turning_the_plugin_off_while_serving_stops_its_work_at_the_next_build(
    tmp_path: Path,
) -> None:
    """`mkdocs serve` keeps the plugin's instance and reads mkdocs.yml again for each build:
    once the plugin is off, the data is an ordinary folder and no stylesheet is added."""
    config_file = write_site(tmp_path, PAGE)
    site = build_site(config_file)
    assert (site / "assets" / "stylesheets" / "compare.css").is_file()
    config_file.write_text(DISABLED)
    (tmp_path / "docs" / "index.md").write_text("# Fruit\n")
    site = build_site(config_file)
    assert not (site / "assets" / "stylesheets" / "compare.css").exists()
    assert (site / "data" / "fruit.yml").read_text() == DATA


def test_the_options_are_typed(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """`mkdocs.yml` is checked: a wrong type is a configuration error, before any build."""
    config = CONFIG.replace("  - compare\n", "  - compare:\n      stylesheet: maybe\n")
    config_file = write_site(tmp_path, PAGE, config)
    with pytest.raises(Abort, match="Aborted with a configuration error!"):
        load_in_process(config_file)
    assert ("Config value 'plugins': Plugin 'compare' option 'stylesheet': Expected type: "
            "<class 'bool'> but received: <class 'str'>") in caplog.messages

