"""Tests that can fail (issue 14): each kills mutants of the Content-Security-Policy plugin
(plugins/mkdocs_csp/) that the rest of the fast suite let through."""

from __future__ import annotations
