"""Fixtures for the browser tests: the built site served on loopback under a GitHub Pages
project sub-path, and the list of its pages."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from .support import KEY_PAGES, SUB_PATH, SubPathHandler


@pytest.fixture(scope="session")
def served_site(site: Path) -> Iterator[str]:
    """The base URL of the course site served on 127.0.0.1 (a free port) under SUB_PATH."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SubPathHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="session")
def page_paths(site: Path) -> list[str]:
    """Every page of the site as a URL path relative to the site's root ("" is the home)."""
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    paths = [("" if p == "." else f"{p}/") for p in pages]
    assert set(KEY_PAGES) <= set(paths), "a key page to screenshot has moved: update KEY_PAGES"
    return paths
