"""Files of the built site carried inside the handout: as `data:` URIs, stylesheets as text."""

from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

CSS_URL = re.compile(r"""url\(\s*(?P<quote>['"]?)(?P<url>.*?)(?P=quote)\s*\)""", re.DOTALL)
"""A `url(…)` in a stylesheet, quoted or not."""

IMPORT = re.compile(r"""@import\s+(?P<quote>['"])(?P<url>.*?)(?P=quote)""")
"""An `@import` of a quoted URL without `url()`, which `CSS_URL` would not see."""

SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
"""Points at a file beside the stylesheet that only developer tools read."""


def site_file(site_dir: Path, path: str) -> Path | None:
    """The file the site serves at site path `path` (a folder serves its `index.html`)."""
    file = site_dir / unquote(path).lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    return file if file.is_file() and file.resolve().is_relative_to(site_dir.resolve()) else None


def data_uri(file: Path) -> str:
    media_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    return f"data:{media_type};base64,{base64.b64encode(file.read_bytes()).decode('ascii')}"


def inline_stylesheet(css: str, path: str, site_dir: Path) -> tuple[str, list[str]]:
    """Stylesheet text served at site path `path`, with every `url()` made a `data:` URI.

    A `url()` that names no file of the site (another host, a missing file) becomes `none`:
    the property then falls back as if the asset failed to load, and an `@import` of it is
    ignored. `@import "…"` is read as `@import url("…")`. Returns the text and the URLs left
    out.
    """
    dropped: list[str] = []
    css = IMPORT.sub(lambda match: f"@import url({match['quote']}{match['url']}"
                                   f"{match['quote']})", css)

    def embed(match: re.Match[str]) -> str:
        url = match["url"].strip()
        if url.startswith(("data:", "#")):
            return match[0]
        file = None if urlsplit(url).scheme or url.startswith("//") else (
            site_file(site_dir, urlsplit(urljoin(path, url)).path))
        if file is None:
            dropped.append(url)
            return "none"
        return f'url("{data_uri(file)}")'

    return CSS_URL.sub(embed, SOURCE_MAP.sub("", css)), dropped
