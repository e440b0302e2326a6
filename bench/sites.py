"""Sites to build: derived MkDocs configs, timed `mkdocs build` runs, copies of `docs/`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
"""The repository; every build runs from here, as `pymdownx.snippets` paths are relative to it."""
WORK = ROOT / "bench" / ".work"
"""Generated sites, the peers' environment and Lighthouse (ignored by git)."""
COURSE_CONFIG = ROOT / "mkdocs.yml"
OFFLINE_CONFIG = ROOT / "mkdocs.offline.yml"

BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


class BuildError(RuntimeError):
    """A benchmark build failed or warned: its figures would measure a broken site."""


class _TolerantLoader(yaml.SafeLoader):
    """Reads a `mkdocs.yml` without constructing its `!!python/name:` or `!ENV` values."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_TolerantLoader.add_multi_constructor("!", _ignore_tag)


def read_config(path: Path) -> dict[str, Any]:
    """The settings of a config file with its `INHERIT` chain merged, as MkDocs merges them."""
    settings: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), _TolerantLoader) or {}
    parent = settings.pop("INHERIT", None)
    if parent is None:
        return settings
    return _merged(read_config((path.parent / parent).resolve()), settings)


def _merged(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged


def derived_config(
    path: Path, base: Path, docs_dir: Path, overrides: Mapping[str, Any] | None = None
) -> Path:
    """Write at `path` a config that inherits `base` but reads pages from `docs_dir`.

    Paths that MkDocs resolves against the config file's folder are made absolute, since the
    derived file lives elsewhere. Mappings in `overrides` merge into the inherited ones
    (`plugins` is a mapping in this project's configs); lists replace them.
    """
    settings: dict[str, Any] = {"INHERIT": str(base.resolve()), "docs_dir": str(docs_dir)}
    custom_dir = read_config(base).get("theme", {}).get("custom_dir")
    if custom_dir:
        settings["theme"] = {"custom_dir": str((base.parent / custom_dir).resolve())}
    settings = _merged(settings, overrides or {})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return path


def build(config: Path, site_dir: Path, python: str = sys.executable) -> float:
    """Run the real `mkdocs build --strict` in a new process; its wall time in seconds."""
    command = [python, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=BUILD_ENV, capture_output=True, text=True,
                            check=False)
    seconds = time.perf_counter() - start
    output = result.stdout + result.stderr
    if result.returncode != 0 or "WARNING" in output:
        raise BuildError(f"`{' '.join(command)}` failed or warned:\n{output}")
    return seconds


def copy_docs(source: Path, target: Path, *, without: tuple[str, ...] = ()) -> Path:
    """A fresh copy of a docs folder, leaving out the top-level entries named in `without`."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=lambda folder, names: [
        name for name in names if Path(folder) == source and name in without
    ])
    return target


def html_pages(site_dir: Path) -> dict[str, Path]:
    """Every HTML page of a built site, by its path relative to the site."""
    return {str(page.relative_to(site_dir)): page for page in sorted(site_dir.rglob("*.html"))}
