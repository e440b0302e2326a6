"""Inline text of data values: a safe subset of Markdown, always escaped."""

from __future__ import annotations


def to_html(text: str) -> str:
    """Escaped HTML for `text`, with emphasis, strong, code and safe links rendered."""
    raise NotImplementedError


def to_plain(text: str) -> str:
    """`text` without its inline markup, unescaped (for SVG text, titles and alt text)."""
    raise NotImplementedError
