"""Comparison tables and ranking diagrams rendered from structured data, for MkDocs."""
