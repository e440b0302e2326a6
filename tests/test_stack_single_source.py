"""One source of truth for the stacks: a layer renamed once in the data changes every diagram
and every text alternative that shows it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import ROOT, mkdocs_build

OLD = "Type 1 hypervisor, directly on the hardware"
NEW = "Renamed layer for this test"
PAGES = ("virtualization/terminology", "virtualization/methods", "virtualization/security",
         "authoring")
"""Every page that draws the Type 1 stack."""


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_layer_renamed_in_the_data_changes_every_stack_and_text_alternative(
    tmp_path: Path,
) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    for config in ROOT.glob("mkdocs*.yml"):
        shutil.copy(config, project)
    if (ROOT / "overrides").is_dir():
        shutil.copytree(ROOT / "overrides", project / "overrides")
    data = project / "docs" / "data" / "architectures.yml"
    text = data.read_text(encoding="utf-8")
    assert text.count(OLD) == 1
    data.write_text(text.replace(OLD, NEW), encoding="utf-8")

    build = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert build.returncode == 0, build.output

    for page in PAGES:
        html = (tmp_path / "site" / page / "index.html").read_text(encoding="utf-8")
        figures = re.findall(r'<figure class="compare-diagram compare-stack">.*?</figure>', html,
                             re.S)
        assert figures, page
        images = [svg for figure in figures
                  for svg in re.findall(r'<svg [^>]*role="img".*?</svg>', figure, re.S)]
        type_1 = [svg for svg in images if "bare-metal hypervisor (Type 1)</title>" in svg]
        assert type_1, f"{page}: no Type 1 stack"
        for svg in type_1:
            drawn = re.sub(r"<(title|desc)[^>]*>.*?</\1>", "", svg, flags=re.S)
            assert NEW in _text(drawn), page
        alternatives = [re.search(r"<details.*?</details>", figure, re.S) for figure in figures]
        assert any(found and NEW in _text(found[0]) for found in alternatives), page
        assert OLD not in _text("".join(figures)), page
