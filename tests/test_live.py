"""Data is read once per build, and `mkdocs serve` picks up an edited data file."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import mkdocs_compare.plugin
from fixture_site import write_site
from mkdocs_compare.data.load import load_datasets

PAGE = "# Fruit\n\n```compare-table\ndataset: fruit\n```\n"


def test_the_data_is_loaded_once_per_build_however_many_pages_use_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file = write_site(tmp_path, PAGE)
    for number in range(5):
        (tmp_path / "docs" / f"page-{number}.md").write_text(PAGE)
    loads: list[Path] = []

    def counting_load(data_dir: Path, display_root: Path) -> Any:
        loads.append(data_dir)
        return load_datasets(data_dir, display_root)

    monkeypatch.setattr(mkdocs_compare.plugin, "load_datasets", counting_load)
    data_dir = (tmp_path / "docs" / "data").resolve()
    build(load_config(str(config_file), site_dir=str(tmp_path / "site")))
    assert loads == [data_dir]
    page = (tmp_path / "site" / "page-4" / "index.html").read_text()
    assert page.count('<div class="compare-table') == 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode())
    except (urllib.error.URLError, ConnectionError):
        return ""


def _wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    page = ""
    while time.monotonic() < deadline:
        page = _fetch(url)
        if text in page:
            return page
        time.sleep(0.25)
    pytest.fail(f"{url} never showed {text!r}; last page:\n{page[:2000]}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    config_file = write_site(tmp_path, PAGE)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file),
         "-a", f"127.0.0.1:{port}", "--livereload"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield f"http://127.0.0.1:{port}/", tmp_path / "docs" / "data" / "fruit.yml"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_rebuilds_when_a_data_file_changes(served: tuple[str, Path]) -> None:
    url, data_file = served
    _wait_for(url, "Lemon")
    data_file.write_text(data_file.read_text().replace("name: Lemon", "name: Yellow lemon"))
    page = _wait_for(url, "Yellow lemon")
    assert '<div class="compare-table' in page


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., tuple[str, Path, Path]]]:
    """Start `mkdocs serve` on the fixture site with extra options; its log goes to a file.

    Returns the site's address, its data file and the log."""
    servers: list[subprocess.Popen[bytes]] = []

    def start(*options: str) -> tuple[str, Path, Path]:
        config_file = write_site(tmp_path, PAGE)
        port = _free_port()
        log = tmp_path / "serve.log"
        with log.open("wb") as output:
            servers.append(subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file),
                 "-a", f"127.0.0.1:{port}", "--livereload", *options],
                stdout=output, stderr=subprocess.STDOUT,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            ))
        return f"http://127.0.0.1:{port}/", tmp_path / "docs" / "data" / "fruit.yml", log

    yield start
    for server in servers:
        server.terminate()
        server.wait(timeout=10)


def _wait_for_log(log: Path, text: str, count: int, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    output = ""
    while time.monotonic() < deadline:
        output = log.read_text(errors="replace")
        if output.count(text) >= count:
            return output
        time.sleep(0.25)
    pytest.fail(f"the log never showed {text!r} {count} times:\n{output[-3000:]}")


def test_serve_shows_the_same_error_every_time_it_is_made(
    serve: Callable[..., tuple[str, Path, Path]],
) -> None:
    """MkDocs drops a message it has logged before in the process; a data error made twice
    in one session must still be shown twice, not as "Aborted with a BuildError!" alone."""
    url, data_file, log = serve()
    _wait_for(url, "Lemon")
    good = data_file.read_text()
    bad = good.replace("    - rank: 2\n", "    - rank: 0\n")
    message = "docs/data/fruit.yml:36: `rank` of entry 2 of `tiers` is 0; ranks start at 1"
    data_file.write_text(bad)
    _wait_for_log(log, message, 1)
    data_file.write_text(good.replace("Lemon", "Yellow lemon"))
    _wait_for(url, "Yellow lemon")
    data_file.write_text(bad)
    output = _wait_for_log(log, "Aborted with a BuildError!", 2)
    assert output.count(message) == 2, output
    assert "Traceback" not in output


def test_serve_dirty_rebuilds_the_pages_that_show_changed_data(
    serve: Callable[..., tuple[str, Path, Path]],
) -> None:
    """Under `--dirty` MkDocs rebuilds a page only when its own file changed: a page with a
    block must be rebuilt when the data it shows changes."""
    url, data_file, _ = serve("--dirty")
    _wait_for(url, "Lemon")
    data_file.write_text(data_file.read_text().replace("name: Lemon", "name: Yellow lemon"))
    page = _wait_for(url, "Yellow lemon")
    assert '<div class="compare-table' in page
