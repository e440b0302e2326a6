"""Options of the `csp` plugin, as written under `plugins:` in `mkdocs.yml`."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class CspConfig(Config):
    """Typed options of `CspPlugin`."""

    enabled = opt.Type(bool, default=True)
    """Turn the plugin off: pages then carry no Content-Security-Policy and nothing is checked.
    With it on, every HTML page gets a `<meta http-equiv="Content-Security-Policy">` first in its
    `<head>`, and the build warns about markup the policy will not let run (an inline script
    that comes from a page's content, an inline event handler, a `javascript:` URL)."""
