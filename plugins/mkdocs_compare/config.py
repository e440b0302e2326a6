"""Options of the `compare` plugin, as written under `plugins:` in `mkdocs.yml`."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class CompareConfig(Config):
    """Typed options of `ComparePlugin`."""

    enabled = opt.Type(bool, default=True)
    """Turn the plugin off. A page that still holds a block then stops the build (it would
    otherwise show the block's YAML as code); benchmarks use this for their baseline, with
    the blocks removed."""

    data_dir = opt.Type(str, default="data")
    """Folder of the dataset files (`*.yml`), relative to `docs_dir`. The files there are read
    once per build, watched under `mkdocs serve`, and not copied into the built site."""

    stylesheet = opt.Type(bool, default=True)
    """Add the plugin's stylesheet (tables, diagrams, print) to the site. Turn off only to style
    the output entirely yourself."""
