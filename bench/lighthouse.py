"""Lighthouse scores of built pages served on loopback, in Debian's Chromium.

Lighthouse is the npm package pinned in `bench/lighthouse/package-lock.json`, installed with
`npm ci` into `bench/.work/lighthouse`. `bench/lighthouse/run.mjs` runs every job (page and
preset) in one Chromium, interleaved round by round.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench.sites import ROOT, WORK

SOURCES = ROOT / "bench" / "lighthouse"
INSTALL = WORK / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
"""A root, offline, headless Chromium that asks no other host for anything."""


def install() -> Path:
    """The folder with Lighthouse installed as locked, (re)installed when the lock changed."""
    lock = (SOURCES / "package-lock.json").read_bytes()
    stamp = INSTALL / "bench-lock.sha256"
    digest = hashlib.sha256(lock).hexdigest()
    if not (stamp.exists() and stamp.read_text() == digest):
        INSTALL.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(SOURCES / name, INSTALL / name)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=INSTALL, check=True)
        stamp.write_text(digest)
    shutil.copyfile(SOURCES / "run.mjs", INSTALL / "run.mjs")
    return INSTALL


def version() -> str:
    package = json.loads((INSTALL / "node_modules" / "lighthouse" / "package.json").read_text())
    return str(package["version"])


class _Handler(SimpleHTTPRequestHandler):
    """Serves text gzip-compressed, as GitHub Pages does, and logs no line per request."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml")

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.endswith("/"):
            path = path / "index.html"
        if not (path.suffix in self.COMPRESSED and path.is_file()
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """No log line per request."""


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """A built site served on a free loopback port; yields its base URL."""
    handler = functools.partial(_Handler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def run(jobs: list[dict[str, str]], *, runs: int, warmup: int, folder: Path) -> dict[str, Any]:
    """Every job's recorded runs, as `run.mjs` summarises them."""
    install()
    folder.mkdir(parents=True, exist_ok=True)
    jobs_file, result_file = folder / "jobs.json", folder / "result.json"
    jobs_file.write_text(json.dumps({"jobs": jobs, "runs": runs, "warmup": warmup,
                                     "chromeFlags": CHROME_FLAGS}))
    subprocess.run(["node", str(INSTALL / "run.mjs"), str(jobs_file), str(result_file)],
                   cwd=INSTALL, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True)
    result: dict[str, Any] = json.loads(result_file.read_text())
    return result
