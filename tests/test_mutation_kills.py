"""Tests that kill the mutants the fast suite let survive (issue 14)."""
