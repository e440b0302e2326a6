"""Tests that can fail (issue 14): each kills mutants of the course plugin (plugins/mkdocs_course/)
that the rest of the fast suite let through."""

from __future__ import annotations
