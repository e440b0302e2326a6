"""The stacks in the handout's PDF: each drawing is printed whole on one sheet."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from render_samples import squeezed

from conftest import run_readme_command

HANDOUT_CONFIG = "mkdocs.handout.yml"


@pytest.fixture(scope="module")
def handouts(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every HTML file the handout command writes, each with its PDF beside it. Asks for
    `browser` for its skip/fail rule only: the build prints the PDF with that Chromium."""
    project = tmp_path_factory.mktemp("stack-handout") / "project"
    run_readme_command(HANDOUT_CONFIG, project)
    files = sorted(path for path in (project / "dist").glob("*.html")
                   if path.with_suffix(".pdf").is_file())
    assert files
    return files


def stack_texts(html: str) -> list[str]:
    """The drawn text of every stack image in `html`, whitespace removed, in document order."""
    texts = []
    for figure in re.findall(r'<figure class="compare-diagram compare-stack">.*?</figure>', html,
                             re.S):
        for svg in re.findall(r'<svg [^>]*role="img".*?</svg>', figure, re.S):
            drawn = re.sub(r"<(title|desc)[^>]*>.*?</\1>", "", svg, flags=re.S)
            spans = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", drawn)
            texts.append(squeezed("".join(spans)).replace("&#39;", "'").replace("&amp;", "&"))
    return texts


@pytest.mark.browser
def test_each_stack_is_printed_whole_on_one_sheet(handouts: list[Path]) -> None:
    checked = 0
    for html in handouts:
        sheets = [squeezed(page.extract_text())
                  for page in PdfReader(html.with_suffix(".pdf")).pages]
        texts = stack_texts(html.read_text(encoding="utf-8"))
        for text in texts:
            whole = [number for number, sheet in enumerate(sheets, 1) if text in sheet]
            assert whole, f"{html.name}: a stack is split across sheets: {text[:80]}"
            assert texts.count(text) <= len(whole), f"{html.name}: {text[:80]}"
            checked += 1
    assert checked >= 11, "the lecture's pages draw at least eleven stacks"
