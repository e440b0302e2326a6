"""Publishing without a browser: the Pages workflow, the offline zip, and no third-party host
in the HTML or CSS of either build."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
VENV_BIN = Path(sys.executable).parent
PINNED_USES = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
README_TEST_COMMAND = (
    "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"
)


def workflow() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def run_tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(VENV_BIN / name), *args], cwd=ROOT, capture_output=True,
                          text=True, check=False)


# --- the GitHub Pages workflow --------------------------------------------------------------

def test_workflow_has_no_zizmor_findings() -> None:
    result = run_tool("zizmor", "--offline", ".github/workflows/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_workflow_matches_github_workflow_schema() -> None:
    result = run_tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows",
                      str(WORKFLOW))
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_runs_on_push_to_main_and_by_hand() -> None:
    # PyYAML reads the bare key `on` as the boolean True (YAML 1.1).
    triggers = workflow()[True]
    assert triggers["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in triggers


def test_workflow_grants_least_privilege() -> None:
    data = workflow()
    assert data["permissions"] == {"contents": "read"}
    assert "group" in data["concurrency"]
    jobs = data["jobs"]
    assert "permissions" not in jobs["build"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert "page_url" in jobs["deploy"]["environment"]["url"]


def test_every_action_is_pinned_to_a_release_commit() -> None:
    lines = [line for line in WORKFLOW.read_text(encoding="utf-8").splitlines()
             if re.match(r"^\s*(?:- )?uses:", line)]
    assert lines
    assert [line for line in lines if not PINNED_USES.match(line)] == []
    used = {line.split("uses:")[1].split("@")[0].strip() for line in lines}
    assert {"actions/checkout", "actions/upload-pages-artifact", "actions/deploy-pages"} <= used


def test_checkout_keeps_no_credentials() -> None:
    steps = workflow()["jobs"]["build"]["steps"]
    checkouts = [s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts
    assert all(s["with"]["persist-credentials"] is False for s in checkouts)


def test_workflow_runs_the_ci_script_then_builds_strict_then_uploads() -> None:
    steps = workflow()["jobs"]["build"]["steps"]
    runs = [str(s.get("run", "")) for s in steps]
    uses = [str(s.get("uses", "")) for s in steps]
    checkout = next(i for i, u in enumerate(uses) if u.startswith("actions/checkout@"))
    tests = runs.index("bash .ci/run")
    build = next(i for i, r in enumerate(runs) if "mkdocs build --strict" in r)
    upload = next(i for i, u in enumerate(uses) if u.startswith("actions/upload-pages-artifact@"))
    assert checkout < tests < build < upload
    assert not re.search(r"mkdocs build[^\n]* (-q|-v|--quiet|--verbose)\b", runs[build])


def test_workflow_builds_the_handouts_before_the_site_that_requires_them() -> None:
    steps = workflow()["jobs"]["build"]["steps"]
    runs = [str(s.get("run", "")) for s in steps]
    handouts = next(i for i, r in enumerate(runs)
                    if "mkdocs build --strict -f mkdocs.handout.yml" in r)
    site = next(i for i, r in enumerate(runs) if r.strip() == ".venv/bin/mkdocs build --strict")
    assert runs.index("bash .ci/run") < handouts < site
    assert steps[site]["env"]["COURSE_REQUIRE_DOWNLOADS"] == "true"
    assert "-q" not in runs[handouts].split()


def test_ci_script_installs_chromium_and_runs_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert README_TEST_COMMAND in (ROOT / "README.md").read_text(encoding="utf-8")
    assert README_TEST_COMMAND in script
    assert re.search(r"apt-get install -y [^\n]*\bchromium\b", script)


# --- the offline export ---------------------------------------------------------------------

@pytest.mark.browser  # the export holds the handouts, which Chromium prints
def test_offline_zip_holds_one_folder_with_the_site_and_its_search(offline_export: Path) -> None:
    with zipfile.ZipFile(offline_export) as archive:
        names = set(archive.namelist())
    tops = {name.split("/")[0] for name in names}
    assert len(tops) == 1
    (top,) = tops
    for needed in ("index.html", "search/search_index.js", "virtualization/security.html",
                   "assets/javascripts/iframe-worker-shim.js"):
        assert f"{top}/{needed}" in names
    # The handouts built before it travel with it.
    assert f"{top}/downloads/T-401-ICYB-virtualization.pdf" in names
    assert f"{top}/downloads/T-401-ICYB-course-notes.pdf" in names
    # The offline plugin links to files, not folders, so pages open from file://.
    assert not any(name.endswith("/security/index.html") for name in names)


# --- no third-party host in either build ----------------------------------------------------

# Attributes a browser fetches by itself. Links a reader follows (<a href>, rel=canonical,
# prev/next) are not requests and may point anywhere.
FETCHED_ATTRIBUTES = {
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"),
    "iframe": ("src",), "embed": ("src",), "object": ("data",), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "input": ("src",), "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"), "feimage": ("href", "xlink:href"),
}
FETCHED_LINK_RELS = {"stylesheet", "icon", "apple-touch-icon", "manifest", "preload",
                     "modulepreload", "prefetch", "preconnect", "dns-prefetch", "prerender"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


class FetchedUrls(HTMLParser):
    """Every URL in a page that the browser would request without a click."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        names = FETCHED_ATTRIBUTES.get(tag, ())
        if tag == "link" and FETCHED_LINK_RELS & set(values.get("rel", "").lower().split()):
            names = ("href",)
        for name in names:
            value = values.get(name, "")
            self.urls += [part.split()[0] for part in value.split(",") if part.strip()] \
                if name == "srcset" else [value]
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.urls.append(values.get("content", "").partition("url=")[2])
        self.urls += css_urls(values.get("style", ""))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += css_urls(data)


def css_urls(css: str) -> list[str]:
    return [url or imported for url, imported in CSS_URL.findall(css)]


def is_other_host(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def outside_requests(site_dir: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(site_dir.rglob("*")):
        if path.suffix == ".html":
            parser = FetchedUrls()
            parser.feed(path.read_text(encoding="utf-8"))
            urls = parser.urls
        elif path.suffix == ".css":
            urls = css_urls(path.read_text(encoding="utf-8"))
        else:
            continue
        yield from ((str(path.relative_to(site_dir)), url) for url in urls if is_other_host(url))


def test_the_checker_sees_every_kind_of_outside_request(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(
        '<link rel="stylesheet" href="https://cdn.example/a.css">'
        '<link rel="canonical" href="https://example.github.io/x/">'
        '<script src="//cdn.example/b.js"></script>'
        '<img srcset="c.png 1x, http://x.example/d.png 2x">'
        '<svg><use href="https://x.example/i.svg#a"/></svg>'
        '<div style="background:url(http://x.example/e)">'
        '<style>@import "https://fonts.example/f.css";</style>'
        '<a href="https://www.example.org/">a link to read</a><img src="data:image/png;base64,AA">',
        encoding="utf-8")
    (tmp_path / "extra.css").write_text("a{background:url('https://x.example/g.png')}",
                                        encoding="utf-8")
    found = sorted(url for _, url in outside_requests(tmp_path))
    assert found == sorted(["https://cdn.example/a.css", "//cdn.example/b.js",
                            "http://x.example/d.png", "https://x.example/i.svg#a",
                            "http://x.example/e", "https://fonts.example/f.css",
                            "https://x.example/g.png"])


def test_site_asks_no_other_host(site: Path) -> None:
    assert list(outside_requests(site)) == []


@pytest.mark.browser  # the export holds the handouts, which Chromium prints
def test_offline_export_asks_no_other_host(offline_export: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(offline_export) as archive:
        archive.extractall(tmp_path)
    assert list(tmp_path.rglob("index.html"))
    assert list(outside_requests(tmp_path)) == []

