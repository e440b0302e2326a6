"""Escaping, generated from the schema's field types (issue 14)."""
