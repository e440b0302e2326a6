"""Page weight: bytes of HTML, CSS and JS a page loads, with and without the plugin's output,
the bytes of each diagram, and the size of the offline export's zip.

Bytes are exact counts of the built files, the same on every run, so they are measured once.
"""

from __future__ import annotations

import gzip
import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from bench.capture import Block
from bench.sites import html_pages


@dataclass(frozen=True)
class Weight:
    """What one page loads, in bytes."""

    html: int
    html_gzip: int
    css: int
    js: int
    external: int
    """References to another host (must be none: the site works offline)."""

    def to_json(self) -> dict[str, int]:
        return {"html": self.html, "html_gzip": self.html_gzip, "css": self.css, "js": self.js,
                "external": self.external}


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.inline_js = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "").split():
            self.stylesheets.append(attributes.get("href") or "")
        elif tag == "script":
            if attributes.get("src"):
                self.scripts.append(attributes["src"] or "")
            elif attributes.get("type") in (None, "", "text/javascript", "module"):
                self._in_script = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline_js += len(data.encode())


def page_weight(site: Path, page: str, base: str = "/") -> Weight:
    """The bytes `page` (a path relative to `site`) and the files it links load. `base` is the
    URL path the site is published under (`404.html` links its assets from there)."""
    raw = (site / page).read_bytes()
    assets = _Assets()
    assets.feed(raw.decode("utf-8"))
    folder = PurePosixPath(page).parent
    external = 0

    def size(reference: str) -> int:
        nonlocal external
        url = urlsplit(reference)
        if url.scheme or url.netloc:
            external += 1
            return 0
        path = url.path.removeprefix(base) if url.path.startswith("/") else folder / url.path
        return (site / path).resolve().stat().st_size

    css = sum(size(href) for href in assets.stylesheets)
    js = sum(size(src) for src in assets.scripts) + assets.inline_js
    return Weight(len(raw), len(gzip.compress(raw, 9)), css, js, external)


def site_weights(
    plugin_site: Path, without_site: Path, base: str = "/"
) -> dict[str, dict[str, Any]]:
    """Per page of the plugin's site: its weight, and the same page's without the plugin."""
    without = html_pages(without_site)
    return {
        page: {"plugin": page_weight(plugin_site, page, base).to_json(),
               "without": page_weight(without_site, page, base).to_json()}
        for page in html_pages(plugin_site) if page in without
    }


_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_IMAGE = re.compile(r"<svg\b[^>]*\brole=\"img\"")


def diagram_weights(blocks: list[Block]) -> list[dict[str, Any]]:
    """Bytes of each diagram's inline SVG, one entry per image a block draws.

    A block may draw several images (a layer-stack block draws one per architecture, each with
    its own title, description and text alternative), so each `<svg role="img">` is a diagram.
    Its bytes count the image and every decorative SVG of its block (the pattern definitions and
    legend swatches it needs), so a block's shared parts are charged to each of its images.
    """
    weights = []
    for block in blocks:
        if not block.is_diagram:
            continue
        svgs = _SVG.findall(block.html)
        images = [svg for svg in svgs if _IMAGE.match(svg)]
        shared = "".join(svg for svg in svgs if not _IMAGE.match(svg))
        for index, image in enumerate(images, start=1):
            svg = (image + shared).encode()
            weights.append({"page": block.output, "language": block.language,
                            "number": block.number, "image": index, "images": len(images),
                            "svg": len(svg), "svg_gzip": len(gzip.compress(svg, 9)),
                            "figure": len(block.html.encode())})
    return weights


def scripts_in_blocks(blocks: list[Block]) -> int:
    """`<script>` elements and `on…=` handlers in the plugin's output (there must be none)."""
    pattern = re.compile(r"<script\b|<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
    return sum(len(pattern.findall(block.html)) for block in blocks)


def zip_size(site: Path, archive: Path) -> int:
    """Pack a built site as the README's offline export does; the zip's size in bytes."""
    archive.unlink(missing_ok=True)
    packed = shutil.make_archive(str(archive.with_suffix("")), "zip", site.parent, site.name)
    return Path(packed).stat().st_size
