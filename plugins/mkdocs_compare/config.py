"""Options of the `compare` plugin, as written under `plugins:` in `mkdocs.yml`."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class CompareConfig(Config):
    """Typed options of `ComparePlugin`."""

    enabled = opt.Type(bool, default=True)
    """Turn the plugin off. Its blocks are then left to SuperFences, which shows them as code;
    benchmarks use this for their baseline."""

    data_dir = opt.Type(str, default="data")
    """Folder of the dataset files (`*.yml`), relative to `docs_dir`. The files there are read
    once per build, watched under `mkdocs serve`, and not copied into the built site."""

    stylesheet = opt.Type(bool, default=True)
    """Add the plugin's stylesheet (tables, diagrams, print) to the site. Turn off only to style
    the output entirely yourself."""
