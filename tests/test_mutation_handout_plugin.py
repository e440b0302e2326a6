"""Tests that can fail (issue 14): the handout plugin's MkDocs hooks (plugin.py, config.py),
driven by real MkDocs builds run in this process, so mutmut's mutants are the code they run."""

from __future__ import annotations
