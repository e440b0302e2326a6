"""Tests that can fail (issue 14): each kills mutants of the layer-stack data module
(mkdocs_compare/data/stack.py) and of the stack block (blocks/stack.py) that the rest of the fast
suite let through."""

from __future__ import annotations
