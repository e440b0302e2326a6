"""Tools for the maintainers, run from the repository's folder as `python -m tools.NAME`."""
