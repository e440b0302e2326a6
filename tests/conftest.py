"""Shared fixtures: real MkDocs builds and a real Chromium."""

from __future__ import annotations

import locale
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import config_options, load_config
from mkdocs.config.defaults import MkDocsConfig

ROOT = Path(__file__).resolve().parent.parent
OFFLINE_CONFIG = "mkdocs.offline.yml"
HANDOUT_CONFIG = "mkdocs.handout.yml"
# What a copy of the project leaves out for a build: history, environments, outputs, caches.
NOT_BUILD_INPUTS = (".git", ".venv", "site", "build", "dist", "node_modules", ".*cache",
                    ".hypothesis", "__pycache__", "tests", "bench")
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# Flags that keep a root, offline, headless Chromium from phoning home or needing a sandbox.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass(frozen=True)
class Build:
    """The outcome of one `mkdocs build --strict` run."""

    returncode: int
    output: str
    site_dir: Path


def mkdocs_build(config_file: Path, site_dir: Path, *extra: str,
                 env: dict[str, str] | None = None) -> Build:
    """Run the real `mkdocs build --strict` (never with -q or -v: both weaken --strict)."""
    env = {**(env or os.environ), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file),
         "-d", str(site_dir), *extra],
        capture_output=True, text=True, env=env, check=False,
    )
    return Build(result.returncode, result.stdout + result.stderr, site_dir)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The course site, built once per test session from the real `mkdocs.yml`."""
    build = mkdocs_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output, build.output
    return build.site_dir


def run_readme_command(config: str, project: Path) -> str:
    """Run the README's command that names `config`, as a new user would, in a copy of the
    project made at `project` (so a test run never overwrites the developer's build/ or dist/).
    Asserts it succeeds without warnings; returns its output."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(c for c in re.findall(r"```sh\n(.*?)```", readme, re.S) if config in c)
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(*NOT_BUILD_INPUTS))
    (project / ".venv").symlink_to(sys.prefix)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, shell=True, cwd=project, capture_output=True, text=True,
                            env=env, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output, output
    return output


def run_readme_command_in(config: str, project: Path) -> str:
    """Run the README's command that names `config` in `project`, a copy of the project made
    by `run_readme_command`. Asserts it succeeds without warnings; returns its output."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(c for c in re.findall(r"```sh\n(.*?)```", readme, re.S) if config in c)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, shell=True, cwd=project, capture_output=True, text=True,
                            env=env, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output, output
    return output


def require_chromium() -> str:
    """Chromium's path. Skips locally without it; fails under CI=true."""
    executable = chromium_path()
    if executable is None:
        message = "Chromium is not installed (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return executable


@pytest.fixture(scope="session")
def handout_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project in which the README's handout command has run once per session
    (printing PDFs is slow): `dist/` holds every lecture's handout, the course's, and
    `handouts.json`."""
    require_chromium()
    project = tmp_path_factory.mktemp("handout") / "project"
    run_readme_command(HANDOUT_CONFIG, project)
    return project


@pytest.fixture(scope="session")
def published_site(handout_project: Path) -> Path:
    """The site as the Pages workflow builds it: after the handouts, which it must link."""
    env = {**os.environ, "COURSE_REQUIRE_DOWNLOADS": "true"}
    build = mkdocs_build(handout_project / "mkdocs.yml", handout_project / "site", env=env)
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output, build.output
    return build.site_dir


@pytest.fixture(scope="session")
def offline_export(handout_project: Path) -> Path:
    """The offline zip, made once per session by the README's own command, in the project
    whose handouts are built (the zip carries the PDFs)."""
    run_readme_command_in(OFFLINE_CONFIG, handout_project)
    (archive,) = (handout_project / "dist").glob("*.zip")
    return archive


def chromium_path() -> str | None:
    return next((p for p in CHROMIUM_CANDIDATES if Path(p).exists()), shutil.which("chromium"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright. Skips locally without it; fails under CI=true."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# --- builds in the test's own process (mutmut's mutants are the code they run) --------------

@pytest.fixture
def fresh_plugin_instances() -> Iterator[None]:
    """Each test gets new plugin instances, as each `mkdocs build` process does: MkDocs keeps
    one instance per plugin name for the whole process (for `mkdocs serve`'s rebuilds)."""
    plugins = MkDocsConfig.plugins
    assert isinstance(plugins, config_options.Plugins)
    plugins.plugin_cache.clear()
    yield
    plugins.plugin_cache.clear()


def load_in_process(config_file: Path, *, strict: bool = True) -> MkDocsConfig:
    """The configuration `mkdocs build` reads from `config_file`, its site in `site/` beside
    it, for a build run in this process."""
    return load_config(str(config_file), site_dir=str(config_file.parent / "site"),
                       strict=strict)


@contextmanager
def ascii_locale() -> Iterator[None]:
    """The process's text encoding made ASCII, as on a machine whose locale is not UTF-8 (the
    default encoding of `open` then follows it); the locale is put back after."""
    before = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        assert locale.getpreferredencoding(False) != "UTF-8"
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, before)
