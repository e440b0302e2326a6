"""One source of truth: a name changed once in the course's data shows everywhere it is drawn."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import ROOT, mkdocs_build

NEW_NAME = "Renamed method for this test"


def _text(html: str) -> str:
    """The text of an HTML or SVG fragment, with wrapped lines joined by single spaces."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _diagram_text(page: str, kind: str) -> str:
    """The text drawn in the page's SVG diagram of `kind` (not its text alternative)."""
    figure = re.search(rf'<figure class="compare-diagram {kind}">.*?</figure>', page, re.S)
    assert figure is not None, f"no {kind} diagram on the page"
    svg = re.search(r"<svg.*?</svg>", figure[0], re.S)
    assert svg is not None
    return _text(svg[0])


def test_a_name_changed_in_the_data_changes_every_table_and_diagram(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    for config in ROOT.glob("mkdocs*.yml"):
        shutil.copy(config, project)
    if (ROOT / "overrides").is_dir():
        shutil.copytree(ROOT / "overrides", project / "overrides")
    for data in ("security", "methods"):
        path = project / "docs" / "data" / f"{data}.yml"
        text = path.read_text()
        old = re.search(r"- id: containers\n\s+name: (.+)\n", text)
        assert old is not None, f"{data}.yml has no item `containers`"
        path.write_text(text.replace(f"name: {old[1]}\n", f"name: {NEW_NAME}\n", 1))

    build = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert build.returncode == 0, build.output

    security = (tmp_path / "site" / "virtualization" / "security" / "index.html").read_text()
    assert NEW_NAME in _diagram_text(security, "compare-ranking")
    tables = re.findall(r'<div class="compare-table.*?</table>', security, re.S)
    assert any(NEW_NAME in _text(table) for table in tables)

    methods = (tmp_path / "site" / "virtualization" / "methods" / "index.html").read_text()
    assert NEW_NAME in _diagram_text(methods, "compare-matrix")
    assert any(NEW_NAME in _text(table)
               for table in re.findall(r'<div class="compare-table.*?</table>', methods, re.S))
