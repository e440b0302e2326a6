"""What the browser tests share: the sub-path server's handler, pages per colour scheme,
a record of what went wrong while a page loaded, and screenshots for review."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

from conftest import ROOT


def _sub_path() -> str:
    found = re.search(r"^site_url: https?://[^/\s]+(/\S+/)$",
                      (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    if found is None:
        raise RuntimeError("mkdocs.yml needs site_url: https://<user>.github.io/<repo>/")
    return found[1]


SUB_PATH = _sub_path()
"""Where GitHub Pages puts a project site: `/<repo>/` of `site_url` in mkdocs.yml (a fork sets
its own), which the 404 page builds its asset paths from."""

SCHEMES = ("light", "dark")
KEY_PAGES = ("", "virtualization/methods/", "virtualization/security/",
             "labs/lab-2-virtual-machine/", "glossary/")
"""The pages screenshotted for review: the home, the ones with diagrams, the lab, the glossary."""

# The body's background luminance (0 black to 1 white): which scheme is in force, without
# naming Material's schemes.
BACKGROUND_LUMINANCE = """() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor
    .match(/[\\d.]+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves `directory` under SUB_PATH only and answers anything missing as GitHub Pages
    does: status 404 with the site's own 404.html."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory, ".not-under-the-sub-path"))
        return super().translate_path("/" + path.removeprefix(SUB_PATH))

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the tests report what failed."""


@dataclass
class Problems:
    """What went wrong while pages loaded: failed requests, HTTP errors, console errors."""

    items: list[str] = field(default_factory=list)

    def watch(self, page: Any) -> None:
        page.on("requestfailed", lambda r: self.items.append(f"failed {r.url}: {r.failure}"))
        page.on("response", lambda r: self._http(r.status, r.url))
        page.on("console", lambda m: self._console(page.url, m.type, m.text))
        page.on("pageerror", lambda e: self.items.append(f"script error on {page.url}: {e}"))

    def _http(self, status: int, url: str) -> None:
        if status >= HTTPStatus.BAD_REQUEST:
            self.items.append(f"HTTP {status} {url}")

    def _console(self, url: str, kind: str, text: str) -> None:
        if kind in ("error", "warning"):
            self.items.append(f"console {kind} on {url}: {text}")


def wait_for_animations(page: Any, timeout_ms: int = 10_000) -> None:
    """Wait until no animation runs on `page` (a scheme's colours transition). Polled with
    `evaluate`: Playwright's `wait_for_function` runs its predicate through the page's `eval`,
    which the site's Content-Security-Policy refuses."""
    for _ in range(timeout_ms // 50):
        if not page.evaluate(
                "document.getAnimations().some(animation => animation.playState === 'running')"):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"animations still running on {page.url} after {timeout_ms} ms")


@contextmanager
def scheme_page(browser: Any, scheme: str, **options: Any) -> Iterator[Any]:
    """A page in a fresh context whose system colour scheme is `scheme` ("light" or "dark")."""
    context = browser.new_context(color_scheme=scheme, **options)
    try:
        yield context.new_page()
    finally:
        context.close()


def screenshot(target: Any, name: str) -> None:
    """A page's viewport or an element, saved for review by eye in tests/screenshots/
    (ignored by git). The sticky header is hidden from an element's picture, which it would
    otherwise cover."""
    SCREENSHOTS.mkdir(exist_ok=True)
    style = ".md-header { visibility: hidden }" if hasattr(target, "bounding_box") else None
    target.screenshot(path=str(SCREENSHOTS / f"{name}.png"), style=style)


def screenshot_name(path: str) -> str:
    return path.strip("/").replace("/", "-") or "home"


def unpack(archive: Path, into: Path) -> Path:
    """The offline export's one folder, unpacked under `into`."""
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(into)
    (folder,) = into.iterdir()
    return folder
