"""Real `mkdocs build --strict` runs for the `compare-stack` block and the `stack` field type:
every bad input stops the build with one message naming file and line; a good page builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from stack_samples import BAD_STACKS, PLAIN, STACKS, edited, expected_line
from test_data_errors_build import assert_stopped_at, build
from test_stack import BAD_BLOCKS

GOOD_PAGE = """\
# Stacks

```compare-stack
dataset: stacks
items: [vms, unix]
```

```compare-stack
dataset: stacks
items: [unix]
layout: rows
marks: [boundary, paths]
```
"""


def test_a_page_with_two_stack_blocks_builds_with_unique_ids(tmp_path: Path) -> None:
    result = build(tmp_path, {"stacks.yml": STACKS, "plain.yml": PLAIN}, GOOD_PAGE)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output
    html = (result.site_dir / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<svg [^>]*role="img"', html)) == 3
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", BAD_STACKS)
def test_bad_stack_data_stops_the_build_with_one_located_message(tmp_path: Path,
                                                                  case: str) -> None:
    old, new, phrase = BAD_STACKS[case]
    text = edited(old, new)
    result = build(tmp_path, {"stacks.yml": text, "plain.yml": PLAIN}, GOOD_PAGE)
    assert_stopped_at(result, f"docs/data/stacks.yml:{expected_line(case, text)}", phrase)


@pytest.mark.parametrize(("body", "line", "message"), BAD_BLOCKS)
def test_a_bad_stack_block_stops_the_build_naming_page_and_line(
    tmp_path: Path, body: str, line: int, message: str
) -> None:
    page = f"# Stacks\n\nSome text.\n\n```compare-stack\n{body}\n```\n"
    result = build(tmp_path, {"stacks.yml": STACKS, "plain.yml": PLAIN}, page)
    # The block's first line is the page's line 6.
    assert_stopped_at(result, f"docs/index.md:{line + 4}", message)


def test_links_in_stacks_are_rewritten_and_checked(tmp_path: Path) -> None:
    """A stack joins the Markdown tree like the other diagrams (its SVG kept out): MkDocs
    rewrites the links of its text alternative and stops at a link to a missing page."""
    linked = STACKS.replace("label: Hypervisor,", "label: \"[Hypervisor](other.md)\",")
    assert linked != STACKS
    page = "# Stacks\n\n```compare-stack\ndataset: stacks\nitems: [vms]\n```\n"
    result = build(tmp_path / "missing", {"stacks.yml": linked, "plain.yml": PLAIN}, page)
    assert result.returncode != 0
    assert "contains a link 'other.md'" in result.output
    root = tmp_path / "present"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "other.md").write_text("# Other\n")
    result = build(root, {"stacks.yml": linked, "plain.yml": PLAIN}, page)
    assert result.returncode == 0, result.output
    html = (result.site_dir / "index.html").read_text(encoding="utf-8")
    assert '<a href="other/">Hypervisor</a>' in html
