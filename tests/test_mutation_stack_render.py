"""Tests that can fail (issue 14): each kills mutants of the layer-stack renderer
(mkdocs_compare/render/stack.py) that the rest of the fast suite let through."""

from __future__ import annotations
