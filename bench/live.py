"""Live preview: from saving a file to the rebuilt page under a real `mkdocs serve`.

A copy of the course is served on a free loopback port with `--livereload`. Each round saves
one edit of a data file (an item's name shown in a table) and one edit of the Markdown page
showing that table (a new line of text), and polls the page until the edit appears in it. The
next edit waits until the server reports the end of the build the previous one started.
"""

from __future__ import annotations

import html
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bench.capture import Block, Course
from bench.sites import BUILD_ENV, ROOT, copy_docs, derived_config
from bench.stats import side_by_side

POLL_SECONDS = 0.01
TIMEOUT_SECONDS = 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError):
        return ""


def page_url(output: str) -> str:
    """The URL path of a built page: `a/b/index.html` is served as `a/b/`."""
    return output.removesuffix("index.html")


class Server:
    """A running `mkdocs serve`, counting the rebuilds it has finished."""

    def __init__(self, config: Path, base_path: str) -> None:
        self.base_path = base_path
        """`mkdocs serve` serves the site under the path of its `site_url`."""
        self.port = free_port()
        self.builds = 0
        self.watching = False
        """Whether the server watches the files yet: it starts only after the first build."""
        self.output: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config),
             "-a", f"127.0.0.1:{self.port}", "--livereload"],
            cwd=ROOT, env=BUILD_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.output.append(line)
            # Not "Documentation built in …": MkDocs drops a log message it has already shown.
            if "Reloading browsers" in line:
                self.builds += 1
            elif "Serving on" in line:
                self.watching = True

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{self.base_path.rstrip('/')}/{path}"

    def wait_until(self, ready: Callable[[], bool]) -> None:
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while not ready():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("mkdocs serve did not get there:\n" + "".join(self.output))
            time.sleep(POLL_SECONDS)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@contextmanager
def serving(config: Path, base_path: str) -> Iterator[Server]:
    server = Server(config, base_path)
    try:
        yield server
    finally:
        server.stop()


@dataclass(frozen=True)
class Target:
    """What the edits change: a table's page, its data file and the item shown in it."""

    page: Path
    url_path: str
    data_file: Path
    item_index: int


def choose_target(course: Course, blocks: list[Block], docs: Path) -> Target:
    """A table on the page with the most tables, whose dataset has an item with a plain name
    shown in it."""
    tables = [block for block in blocks if not block.is_diagram]
    on_page = Counter(block.output for block in tables)
    for block in sorted(tables, key=lambda block: (-on_page[block.output], block.number)):
        dataset_id = yaml.safe_load(block.body)["dataset"]
        data_file = docs / course.data_dir.relative_to(course.docs_dir) / f"{dataset_id}.yml"
        items = yaml.safe_load(data_file.read_text(encoding="utf-8"))["items"]
        for index, item in enumerate(items):
            name = item["name"]
            if re.fullmatch(r"[\w ().-]+", name) and html.escape(name) in block.html:
                return Target(docs / block.source.relative_to(course.docs_dir),
                              page_url(block.output), data_file, index)
    raise RuntimeError("no table shows an item with a plain name to edit")


def measure(
    course: Course, blocks: list[Block], folder: Path, *, runs: int, warmup: int
) -> dict[str, Any]:
    """Seconds from save to rebuilt page, for a data edit and for a Markdown edit."""
    docs = copy_docs(course.docs_dir, folder / "docs")
    config = derived_config(folder / "mkdocs.yml", course.config, docs)
    target = choose_target(course, blocks, docs)
    data = yaml.safe_load(target.data_file.read_text(encoding="utf-8"))
    name = data["items"][target.item_index]["name"]
    page_text = target.page.read_text(encoding="utf-8")
    edits = 0

    def save_data(token: str) -> None:
        data["items"][target.item_index]["name"] = f"{name} {token}"
        target.data_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                    encoding="utf-8")

    def save_markdown(token: str) -> None:
        target.page.write_text(f"{page_text}\n\n{token}\n", encoding="utf-8")

    save_data("start")  # the file as the edits will write it, before the server reads it
    with serving(config, course.base_path) as server:
        server.wait_until(lambda: server.watching)

        def timed(save: Callable[[str], None]) -> Callable[[], float]:
            def edit() -> float:
                nonlocal edits
                edits += 1
                token = f"benchedit{edits}x"
                builds = server.builds
                start = time.perf_counter()
                save(token)
                deadline = start + TIMEOUT_SECONDS
                while token not in fetch(server.url(target.url_path)):
                    if time.perf_counter() > deadline:
                        raise RuntimeError(f"{target.url_path} never showed {token}:\n"
                                           + "".join(server.output[-20:]))
                    time.sleep(POLL_SECONDS)
                seconds = time.perf_counter() - start
                server.wait_until(lambda: server.builds > builds)
                return seconds

            return edit

        stats = side_by_side({"data edit": timed(save_data),
                              "markdown edit": timed(save_markdown)},
                             runs=runs, warmup=warmup)
    return {"page": target.url_path, "data_file": target.data_file.name, **stats}

