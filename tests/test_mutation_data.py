"""Tests that can fail (issue 14): each kills mutants of the data modules (compose, load,
namespaces, ranking, model) and of the built-in blocks that the rest of the fast suite let
through."""

from __future__ import annotations
