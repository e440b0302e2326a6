"""Tests that can fail (issue 14): each checks what a mutant of the plugins changed and the
rest of the fast suite let through. Markdown in, HTML out, through the extension as a page
uses it, unless the unit is the point."""

from __future__ import annotations

import dataclasses
import itertools
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path

import markdown
import pytest
import yaml
from accepted import CHANGED, changed_drawings
from font_metrics import in_font, real_width
from mkdocs_handout.document import (
    Chapter,
    Cover,
    Document,
    Part,
    chapters,
    has_answers,
    render,
)
from mkdocs_handout.embed import data_uri, inline_stylesheet, site_file
from mkdocs_handout.page import Answer, Heading, Site, anchor, rewrite_page, site_path
from render_samples import SVG, methods, only, plain, ranked
from test_inline import _reference
from test_provenance import DATA as PROVENANCE_DATA

from fixture_site import DATA
from mkdocs_compare import instrument
from mkdocs_compare.blocks import BLOCK_KINDS, Block, parse_block
from mkdocs_compare.blocks import kinds as kinds_module
from mkdocs_compare.blocks.locate import FencedBlock, fenced_blocks, locate
from mkdocs_compare.data import fields as fields_module
from mkdocs_compare.data import inline
from mkdocs_compare.data.inline import is_safe_url, to_html, to_plain
from mkdocs_compare.data.load import load_datasets
from mkdocs_compare.data.model import Apart, Dataset, Field, Source
from mkdocs_compare.data.reader import Reader
from mkdocs_compare.errors import BlockError, CompareError, DataError
from mkdocs_compare.extension import BlockRenderError, CompareExtension, PageSource
from mkdocs_compare.instrument import RenderedBlock, Step
from mkdocs_compare.render import matrix, svg
from mkdocs_compare.render.matrix import render_matrix
from mkdocs_compare.render.ranking import render_ranking
from mkdocs_compare.render.svg import text_width
from mkdocs_compare.render.table import Orientation, render_table

ROOT = Path(__file__).resolve().parent.parent


def fruit(tmp_path: Path, data: str = DATA) -> Mapping[str, Dataset]:
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    (folder / "fruit.yml").write_text(data, encoding="utf-8")
    return load_datasets(folder, tmp_path)


def convert(tmp_path: Path, page: str, datasets: Mapping[str, Dataset] | None = None) -> str:
    """`page` converted as MkDocs converts docs/index.md, its file on disk."""
    file = tmp_path / "index.md"
    file.write_text(page, encoding="utf-8")
    extension = CompareExtension(datasets=datasets if datasets is not None else fruit(tmp_path))
    extension.page = PageSource("docs/index.md", file)
    return markdown.markdown(page, extensions=["pymdownx.superfences", extension])


def failure(tmp_path: Path, page: str, datasets: Mapping[str, Dataset] | None = None) -> str:
    with pytest.raises(BlockRenderError) as caught:
        convert(tmp_path, page, datasets)
    return str(caught.value)


# --- real font metrics ----------------------------------------------------------------------

def _latin() -> list[str]:
    chars = [chr(code) for code in (*range(0x20, 0x250), *range(0x2010, 0x2031))]
    return [char for char in chars if char == " " or not unicodedata.category(char)
            .startswith(("C", "Z"))]


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_the_width_estimate_is_never_narrower_than_liberation_sans(bold: bool) -> None:
    """Each character the font has, alone: a label of one kind of character is the worst
    case (`—————`, `lllll`); browsers with Arial's metrics set the diagrams in it."""
    narrower = [char for char in _latin() if in_font(char, bold=bold)
                and text_width(char, 10, bold=bold) < real_width(char, 10, bold=bold)]
    assert narrower == []


def _data_texts(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [text for value in node.values() for text in _data_texts(value)]
    if isinstance(node, list):
        return [text for value in node for text in _data_texts(value)]
    return []


def test_every_text_of_the_course_data_fits_its_estimate() -> None:
    texts = [text for path in sorted((ROOT / "docs" / "data").rglob("*.yml"))
             for text in _data_texts(yaml.safe_load(path.read_text(encoding="utf-8")))]
    assert len(texts) > 100
    for bold in (False, True):
        assert [text for text in texts
                if text_width(text, 12, bold=bold) < real_width(text, 12, bold=bold)] == []


def test_the_estimate_adds_up_its_characters_and_scales_with_the_size() -> None:
    assert text_width("", 12) == 0
    assert text_width("ab", 12) == pytest.approx(text_width("a", 12) + text_width("b", 12))
    assert text_width("W", 24) == pytest.approx(2 * text_width("W", 12))
    assert text_width("a", 10, bold=True) > text_width("a", 10)
    # Combining marks and format characters take no room; full-width characters a whole em.
    assert text_width("e\u0301\u200b", 10) == text_width("e", 10)
    assert text_width("\u6f22", 10) == pytest.approx(10 * 1.12)


# --- ids, <desc> and the text alternative, assigned by the code under test -----------------

TWO_DIAGRAMS = """\
# Fruit

```compare-ranking
dataset: fruit
```

```compare-matrix
dataset: fruit
x: grade
y: grade
```

```compare-ranking
dataset: fruit
```
"""


def page_tree(html: str) -> ET.Element:
    return ET.fromstring(f"<div>{html}</div>")


def test_diagram_ids_are_unique_on_a_page_and_label_their_svg(tmp_path: Path) -> None:
    root = page_tree(convert(tmp_path, TWO_DIAGRAMS))
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    svgs = list(root.iter(f"{SVG}svg"))
    assert len(svgs) == 3
    by_id = {element.get("id"): element for element in root.iter()}
    for number, drawing in enumerate(svgs, start=1):
        labels = drawing.get("aria-labelledby", "").split()
        kind = "compare-matrix" if number == 2 else "compare-ranking"
        assert labels == [f"{kind}-{number}-title", f"{kind}-{number}-desc"]
        title, desc = (by_id[label] for label in labels)
        assert title is only(drawing, f"{SVG}title")
        assert desc is only(drawing, f"{SVG}desc")


def test_a_second_conversion_numbers_its_diagrams_from_one_again(tmp_path: Path) -> None:
    file = tmp_path / "index.md"
    file.write_text(TWO_DIAGRAMS, encoding="utf-8")
    extension = CompareExtension(datasets=fruit(tmp_path))
    extension.page = PageSource("docs/index.md", file)
    md = markdown.Markdown(extensions=["pymdownx.superfences", extension])
    first = md.convert(TWO_DIAGRAMS)
    md.reset()
    assert md.convert(TWO_DIAGRAMS) == first
    assert 'id="compare-ranking-1-title"' in first


def test_the_matrix_desc_places_every_item_in_order(tmp_path: Path) -> None:
    root = page_tree(convert(tmp_path, TWO_DIAGRAMS))
    desc = list(root.iter(f"{SVG}desc"))[1]
    assert desc.text == (
        "Fruit placed on a grid of Grade from left to right (Low, High) and Grade from bottom "
        "to top (Low, High). Apple: Grade High, Grade High; Lemon: Grade Low, Grade Low.")


def test_the_ranking_desc_says_the_order(tmp_path: Path) -> None:
    root = page_tree(convert(tmp_path, TWO_DIAGRAMS))
    desc = next(iter(root.iter(f"{SVG}desc")))
    assert desc.text == "From Best to Worst: 1. Apple; 2. Lemon."


def test_the_matrix_text_alternative_heads_each_row_with_its_item(tmp_path: Path) -> None:
    root = page_tree(convert(tmp_path, TWO_DIAGRAMS))
    details = list(root.iter("details"))[1]
    rows = details.findall(".//tbody/tr")
    assert [(row[0].tag, row[0].get("scope"), plain(row[0])) for row in rows] == [
        ("th", "row", "Apple"), ("th", "row", "Lemon")]
    assert [[plain(cell) for cell in row[1:]] for row in rows] == [
        ["High", "High"], ["Low", "Low"]]


# --- errors located in the page, in process -------------------------------------------------

NO_RANKING = DATA.split("ranking:")[0]


@pytest.mark.parametrize(("block", "line", "message"), [
    ("```compare-ranking\ndataset: fruit\n```", 6,
     "dataset `fruit` has no `ranking`; add one to data/fruit.yml"),
    ("```compare-table\ndataset: fruit\nitems: [pear]\n```", 7,
     "dataset `fruit` has no item `pear`"),
    ("```compare-table\ndataset: vegetables\n```", 6, "unknown dataset `vegetables`"),
    ("```compare-table\n```", 6, "`compare-table` block is empty"),
    ("```compare-matrix\ndataset: fruit\nx: taste\ny: grade\n```", 7,
     "`x` must name a scale field"),
    ("```compare-table\ndataset: fruit\nsort: name\n```", 7, "unknown key `sort`"),
])
def test_a_block_error_names_the_pages_line(
    tmp_path: Path, block: str, line: int, message: str
) -> None:
    page = f"# Fruit\n\nSome text.\n\n{block}\n\nMore text.\n"
    error = failure(tmp_path, page, fruit(tmp_path, NO_RANKING))
    assert error.startswith(f"docs/index.md:{line}: {message}")


def test_the_second_of_two_blocks_is_located_at_its_own_line(tmp_path: Path) -> None:
    page = ("```compare-table\ndataset: fruit\n```\n\n"
            "```compare-table\ndataset: fruit\nitems: [pear]\n```\n")
    assert failure(tmp_path, page).startswith("docs/index.md:7: ")


def test_an_error_in_a_page_without_a_file_counts_lines_from_the_block(tmp_path: Path) -> None:
    extension = CompareExtension(datasets=fruit(tmp_path))
    extension.page = PageSource("generated.md", None)
    with pytest.raises(BlockRenderError) as caught:
        markdown.markdown("# A\n\n```compare-table\ndataset: fruit\nitems: [pear]\n```\n",
                          extensions=["pymdownx.superfences", extension])
    assert str(caught.value) == ("generated.md: dataset `fruit` has no item `pear`; its items "
                                 "are: apple, lemon (line 2 of the `compare-table` block)")


def test_without_a_page_errors_are_located_in_the_markdown_text(tmp_path: Path) -> None:
    extension = CompareExtension(datasets=fruit(tmp_path))
    with pytest.raises(BlockRenderError) as caught:
        markdown.markdown("# A\n\n\n```compare-table\ndataset: fruit\nitems: [pear]\n```\n",
                          extensions=["pymdownx.superfences", extension])
    assert str(caught.value).startswith("<markdown>:6: dataset `fruit` has no item `pear`")


@pytest.mark.parametrize(("fence", "line", "message"), [
    ("```compare-tabel\ndataset: fruit\n```", 5,
     "unknown kind of block `compare-tabel`; did you mean `compare-table`?"),
    ("```Compare-Table\ndataset: fruit\n```", 5, "block kinds are written in lower case"),
    ("```compare-table {.wide}\ndataset: fruit\n```", 5, "nothing may follow"),
    ("```compare-table\ndataset: fruit\n", 5, "the `compare-table` block is never closed"),
])
def test_a_fence_shown_as_code_stops_at_its_line(
    tmp_path: Path, fence: str, line: int, message: str
) -> None:
    error = failure(tmp_path, f"# Fruit\n\nText.\n\n{fence}\n")
    assert error.startswith(f"docs/index.md:{line}: {message}")


# --- the handout holds no reference to another host -----------------------------------------

def site(tmp_path: Path) -> Site:
    (tmp_path / "assets").mkdir(exist_ok=True)
    (tmp_path / "assets" / "a.png").write_bytes(b"png")
    (tmp_path / "assets" / "more.css").write_text("b{color:red}", encoding="utf-8")
    return Site(tmp_path, {"/": "home"}, None)


def rewritten(tmp_path: Path, content: str, head: str = "") -> tuple[str, list[str], list[str]]:
    html = (f"<html><head>{head}</head><body>"
            f'<article class="md-content__inner">{content}</article></body></html>')
    page = rewrite_page(html, "/", "home", site(tmp_path))
    return page.body, page.stylesheets, page.problems


REMOTE = "https://cdn.example/"


@pytest.mark.parametrize("css", [
    f'@import url("{REMOTE}x.css");',
    f"@import url({REMOTE}x.css) screen;",
    f'@import "{REMOTE}x.css";',
    f"@import '{REMOTE}x.css';",
    f"a{{background:url({REMOTE}x.png)}}",
    "@font-face{src:url('//cdn.example/f.woff2')}",
])
def test_a_stylesheet_keeps_no_url_of_another_host(tmp_path: Path, css: str) -> None:
    inlined, dropped = inline_stylesheet(css, "/assets/main.css", site(tmp_path).site_dir)
    assert "cdn.example" not in inlined
    assert len(dropped) == 1
    assert "cdn.example" in dropped[0]


def test_a_stylesheet_imports_its_sites_files_as_data(tmp_path: Path) -> None:
    inlined, dropped = inline_stylesheet('@import "more.css";a{b:url(a.png)}', "/assets/main.css",
                                         site(tmp_path).site_dir)
    assert inlined == ('@import url("data:text/css;base64,Yntjb2xvcjpyZWR9");'
                       'a{b:url("data:image/png;base64,cG5n")}')
    assert dropped == []


def test_a_stylesheet_link_to_another_host_is_refused(tmp_path: Path) -> None:
    head = (f'<link rel="stylesheet" href="{REMOTE}x.css">'
            '<link rel="stylesheet" href="assets/more.css"><link rel="icon" href="x.ico">')
    _, sheets, problems = rewritten(tmp_path, "<p>x</p>", head)
    assert sheets == ["/assets/more.css"]
    assert problems == [f"stylesheet {REMOTE}x.css is on another host; left out"]


@pytest.mark.parametrize(("content", "kept"), [
    (f'<img src="{REMOTE}a.png" alt="a">', '<img alt="a">'),
    ('<img src="assets/a.png" srcset="assets/a.png 2x, https://cdn.example/b.png 3x">',
     '<img src="data:image/png;base64,cG5n">'),
    (f'<picture><source srcset="{REMOTE}b.png"></picture>', "<picture><source></picture>"),
    (f'<link rel="stylesheet" href="{REMOTE}x.css">', '<link rel="stylesheet">'),
    (f'<svg><image href="{REMOTE}a.png"/></svg>', "<svg><image /></svg>"),
    (f'<p style="background:url({REMOTE}a.png)">x</p>', '<p style="background:none">x</p>'),
    ('<p style="background:url(assets/a.png)">x</p>',
     '<p style="background:url(&quot;data:image/png;base64,cG5n&quot;)">x</p>'),
    (f"<style>@import '{REMOTE}x.css';p{{color:red}}</style>",
     "<style>@import none;p{color:red}</style>"),
])
def test_content_keeps_no_reference_to_another_host(
    tmp_path: Path, content: str, kept: str
) -> None:
    body, _, problems = rewritten(tmp_path, content)
    assert body == kept
    # A `srcset` goes without a word: `src` is the one picture a handout needs.
    assert ("cdn.example" in " ".join(problems)) == ("cdn.example" in content.split("srcset")[0])


def test_a_link_to_another_host_stays_a_link(tmp_path: Path) -> None:
    body, _, problems = rewritten(tmp_path, f'<a href="{REMOTE}">the CDN</a>')
    assert body == (f'<a href="{REMOTE}">the CDN</a>'
                    f'<span class="handout-url"> ({REMOTE})</span>')
    assert problems == []


def test_nothing_left_in_a_page_names_another_host_except_links(tmp_path: Path) -> None:
    content = "".join(
        [f'<img src="{REMOTE}1.png" srcset="{REMOTE}2.png 2x">',
         f'<video poster="{REMOTE}3.png" src="{REMOTE}4.mp4"></video>',
         f'<svg><use href="{REMOTE}5.svg#x"/></svg>', f'<p style="mask:url({REMOTE}6.svg)">y</p>',
         f"<style>a{{b:url({REMOTE}7.png)}}</style>"])
    body, _, problems = rewritten(tmp_path, content)
    assert re.findall(r"cdn\.example/\d", body) == []
    assert sorted(re.findall(r"cdn\.example/(\d)", " ".join(problems))) == list("1345 67"
                                                                                  .replace(" ", ""))


# --- where blocks stand (blocks/locate.py) --------------------------------------------------

def test_fenced_blocks_reads_each_block_exactly() -> None:
    text = ("Text\n```compare-table\ndataset: x\nitems:\n  - a   \n```\n```{.compare-ranking #id}\n"
            "dataset: y\n```\n~~~~compare-matrix }\n\tx: a\n~~~~\n```compare-table\nopen")
    assert list(fenced_blocks(text)) == [
        FencedBlock("compare-table", "", 1, 5, True, ("dataset: x", "items:", "  - a")),
        FencedBlock("compare-ranking", "#id", 6, 8, True, ("dataset: y",)),
        FencedBlock("compare-matrix", "}", 9, 11, True, ("    x: a",)),
        FencedBlock("compare-table", "", 12, 13, False, ("open",)),
    ]


def test_fenced_blocks_counts_lines_as_markdown_does() -> None:
    for newline in ("\r\n", "\r"):
        text = newline.join(["```compare-table", "dataset: x", "```", "", "```a", "b", "```"])
        assert list(fenced_blocks(text)) == [
            FencedBlock("compare-table", "", 0, 2, True, ("dataset: x",)),
            FencedBlock("a", "", 4, 6, True, ("b",)),
        ]
    assert next(fenced_blocks("```a\n\tb\n```", tab_length=2)).body == ("  b",)


def test_locate_finds_the_block_whose_body_is_the_same_apart_from_blank_ends() -> None:
    text = ("```t\n\n\nitems:\n  - a\n\n\n```\n\n```t\n\nx\nitems:\n  - a\n```\n\n"
            "```t\nitems:\n  - a\nmore: 1\n```\n")
    assert locate(text, "t", ["items:", "  - a"]) == 1
    assert locate(text, "t", ["", "x", "items:", "  - a", ""]) == 10
    assert locate(text, "t", ["x"]) is None
    assert locate(text, "t", ["x"], whole=False) == 10
    assert locate(text, "t", ["items:", "  - a", "more: 1"]) == 17
    assert locate(text, "t", ["items:", "  - a"], whole=False) == 1
    assert locate(text, "t", ["items:", "- a"], whole=False) is None
    assert locate(text, "u", ["items:", "  - a"]) is None


# --- inline text (data/inline.py) -----------------------------------------------------------

TOKENS = ("*", "_", "`", "\\", "[", "]", "](b)", "(b", ")", "a")
"""Pieces of markup, from which every text of up to four pieces is tried."""


def test_every_short_text_of_markup_pieces_renders_as_the_reference_parser() -> None:
    """The property test draws from the same pieces at random; this tries all short ones, so
    that the rarer shapes (a link's target running past an emphasis, brackets inside a link's
    label) are always among them."""
    differ = []
    for length in range(1, 5):
        for pieces in itertools.product(TOKENS, repeat=length):
            text = "".join(pieces)
            nodes = _reference(text, False, 0)
            if (to_html(text) != "".join(inline._html(node) for node in nodes)
                    or to_plain(text) != "".join(inline._plain(node) for node in nodes)):
                differ.append(text)
    assert differ == []


@pytest.mark.parametrize(("url", "safe"), [
    ("page/a:b", True),
    ("a\x7fb", False),
    ("a\x01b", False),
    ("a b", False),
    ("a\u2003b", False),
    ("x&Colon;y", False),
    ("x&#58;y", False),
    ("a?b:c", True),
    ("a#b:c", True),
    ("a:b/c", False),
])
def test_a_link_target_is_safe_only_as_written(url: str, safe: bool) -> None:
    assert is_safe_url(url) is safe


@pytest.mark.parametrize(("source", "html"), [
    ("` `", "<code> </code>"),
    ("`  `", "<code>  </code>"),
    ("` a `", "<code>a</code>"),
    ("`  a  `", "<code> a </code>"),
    ("`` ` ``", "<code>`</code>"),
    ("*`a*`", "*<code>a*</code>"),
    ("[*a](b*)", '<a href="b*">*a</a>'),
    ("*[a](b*)", "<em>[a](b</em>)"),
])
def test_code_spans_and_links_close_where_commonmark_says(source: str, html: str) -> None:
    assert to_html(source) == html


def test_a_url_of_another_host_is_left_out_even_when_the_site_has_its_path(
    tmp_path: Path,
) -> None:
    site_dir = site(tmp_path).site_dir
    for url in (f"{REMOTE}assets/a.png", "//cdn.example/assets/a.png"):
        inlined, dropped = inline_stylesheet(f"a{{b:url({url})}}", "/assets/main.css", site_dir)
        assert (inlined, dropped) == ("a{b:none}", [url])


def test_a_stylesheet_loses_its_source_map_and_nothing_else(tmp_path: Path) -> None:
    css = "a{}\n/*# sourceMappingURL=main.css.map */b{}"
    assert inline_stylesheet(css, "/assets/main.css", tmp_path) == ("a{}\nb{}", [])


def test_site_files_are_found_by_their_site_path(tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    (site_dir / "sub").mkdir(parents=True)
    (site_dir / "sub" / "index.html").write_text("x", encoding="utf-8")
    (site_dir / "Xa.png").write_bytes(b"x")
    (tmp_path / "outside.png").write_bytes(b"x")
    assert site_file(site_dir, "/sub/") == site_dir / "sub" / "index.html"
    assert site_file(site_dir, "/sub") == site_dir / "sub" / "index.html"
    assert site_file(site_dir, "/Xa.png") == site_dir / "Xa.png"
    assert site_file(site_dir, "/X%61.png") == site_dir / "Xa.png"
    assert site_file(site_dir, "/../outside.png") is None
    assert site_file(site_dir, "/missing.png") is None


def test_a_file_of_no_known_type_is_embedded_as_bytes(tmp_path: Path) -> None:
    (tmp_path / "blob.unknown-type").write_bytes(b"\x00\x01")
    assert data_uri(tmp_path / "blob.unknown-type") == "data:application/octet-stream;base64,AAE="


def rewritten_at(tmp_path: Path, content: str, url: str = "/",
                 site_url: str | None = None) -> tuple[str, list[str]]:
    html = f'<html><body><article class="md-content__inner">{content}</article></body></html>'
    slugs = {"/": "home", "/sub/page/": "sub-page"}
    page = rewrite_page(html, url, "home", Site(site(tmp_path).site_dir, slugs, site_url))
    return page.body, page.problems


@pytest.mark.parametrize(("content", "kept", "problem"), [
    ('<img src="data:image/png;base64,AA==">', '<img src="data:image/png;base64,AA==">', ""),
    ('<img src="//cdn.example/assets/a.png">', "<img>",
     "//cdn.example/assets/a.png is on another host; a handout cannot hold it"),
    (f'<img src="{REMOTE}assets/a.png">', "<img>",
     f"{REMOTE}assets/a.png is on another host; a handout cannot hold it"),
    ('<img src="assets/gone.png">', "<img>", "assets/gone.png: no such file in the built site"),
    (f'<svg><image xlink:href="{REMOTE}a.png"/></svg>', "<svg><image /></svg>",
     f"{REMOTE}a.png is on another host; a handout cannot hold it"),
    ('<svg><image xlink:href="assets/a.png"/></svg>',
     '<svg><image xlink:href="data:image/png;base64,cG5n" /></svg>', ""),
    ('<p style="background:url(gone.png)">x</p>', '<p style="background:none">x</p>',
     "gone.png in a style: not a file of the built site; left out"),
    ('<style/></style><p>x</p>', "<style/></style><p>x</p>", ""),
    ('<style>p{content:"</b>"}</style><p>after</p>', '<style>p{content:"</b>"}</style><p>after</p>',
     ""),
])
def test_what_a_page_loads_is_embedded_or_refused_with_a_word(
    tmp_path: Path, content: str, kept: str, problem: str
) -> None:
    body, problems = rewritten_at(tmp_path, content)
    assert body == kept
    assert problems == ([problem] if problem else [])


def test_a_style_in_a_page_below_the_root_finds_its_files(tmp_path: Path) -> None:
    body, problems = rewritten_at(tmp_path, '<p style="b:url(../../assets/a.png)">x</p>',
                                  "/sub/page/")
    assert body == '<p style="b:url(&quot;data:image/png;base64,cG5n&quot;)">x</p>'
    assert problems == []


@pytest.mark.parametrize(("href", "site_url", "kept", "problem"), [
    ("#frag", None, '<a href="#home--frag">t</a>', ""),
    ("sub/page/#x", None, '<a href="#sub-page--x">t</a>', ""),
    ("sub/page/index.html", None, '<a href="#sub-page">t</a>', ""),
    ("//cdn.example/x", None,
     '<a href="//cdn.example/x">t</a>', ""),
    ("other/", "https://notes.example/course/", '<a href="https://notes.example/course/other/">t'
     '</a><span class="handout-url"> (https://notes.example/course/other/)</span>', ""),
    ("other/", None, "<a>t</a>", "link to other/: not a page of the handout, and no site_url to "
     "point it at; the link is kept as plain text"),
])
def test_links_lead_into_the_file_or_to_the_site(
    tmp_path: Path, href: str, site_url: str | None, kept: str, problem: str
) -> None:
    body, problems = rewritten_at(tmp_path, f'<a href="{href}">t</a>', site_url=site_url)
    assert body == kept
    assert problems == ([problem] if problem else [])


def test_a_page_without_its_article_says_so(tmp_path: Path) -> None:
    page = rewrite_page("<html><body><p>x</p></body></html>", "/", "home", site(tmp_path))
    assert page.problems == ['no <article class="md-content__inner"> found']
    assert page.body == ""


NESTED = (
    '<h1 id="t">Title &amp; more &#169;</h1>'
    '<details class="question" id="q1"><summary>Check <b>yourself</b></summary><p>Q?</p>'
    '<details class="answer"><summary>Answer</summary><p>A1</p></details></details>'
    '<details class="question"><summary>Second</summary>'
    '<details class="note"><summary>n</summary><p>inner</p></details>'
    '<details class="answer"><summary>Answer <i>x</i></summary><p>A2</p></details></details>'
    '<details class="answer"><summary>Answer</summary><p>A3 after</p></details>'
    "<p>kept</p><noscript><noscript>y</noscript><br/>z</noscript>"
    "<article><p>nested</p></article><p>still in</p>"
    '<input type="radio" name="tabs" id="r"><label for="r">l</label>'
    '<div class="headerlink"><br/><br></div><a class="headerlink" href="#t">¶</a>'
    '<a href="mailto:x@example.org">x@example.org</a> <a href="mailto:x@example.org">mail</a>'
)


def test_a_page_with_nested_blocks_and_answers_is_rewritten_exactly(tmp_path: Path) -> None:
    html = (f"<html lang='is'><body dir='ltr' data-md-color-scheme='slate' class='x'>"
            f'<article class="md-content__inner">{NESTED}</article><p>outside</p></body></html>')
    page = rewrite_page(html, "/", "home", Site(tmp_path, {"/": "home"}, None),
                        answer_class="answer")
    key = ('<p class="handout-answer-ref"><a href="#home--answer-{}">'
           "Answer: in the answer key</a></p>")
    assert page.body == (
        '<h1 id="home--t">Title &amp; more &#169;</h1>'
        '<details class="question" id="home--q1"><summary>Check <b>yourself</b></summary>'
        f"<p>Q?</p>{key.format(1)}</details>"
        '<details class="question" id="home--question-2"><summary>Second</summary>'
        '<details class="note"><summary>n</summary><p>inner</p></details>'
        f"{key.format(2)}</details>{key.format(3)}"
        "<p>kept</p><article><p>nested</p></article><p>still in</p>"
        '<input type="radio" name="home--tabs" id="home--r"><label for="home--r">l</label>'
        '<a href="mailto:x@example.org">x@example.org</a> <a href="mailto:x@example.org">mail</a>'
        '<span class="handout-url"> (mailto:x@example.org)</span>')
    assert page.headings == [Heading(1, "home--t", "Title & more ©")]
    assert [(answer.number, answer.id, answer.question_id, answer.question_title, answer.body)
            for answer in page.answers] == [
        (1, "home--answer-1", "home--q1", "Check yourself", "<p>A1</p>"),
        (2, "home--answer-2", "home--question-2", "Second", "<p>A2</p>"),
        (3, "home--answer-3", "home--question-2", "Second", "<p>A3 after</p>"),
    ]
    assert page.ids == {"home--t", "home--q1", "home--question-2", "home--r",
                        "home--answer-1", "home--answer-2", "home--answer-3"}
    assert page.anchors == {"home--answer-1", "home--answer-2", "home--answer-3"}
    assert (page.lang, page.body_attributes) == ("is", {"dir": "ltr",
                                                         "data-md-color-scheme": "slate"})
    assert page.problems == []


def test_anchors_name_the_page_or_a_place_in_it() -> None:
    assert anchor("p") == "p"
    assert anchor("p", "x") == "p--x"
    assert site_path("/a/index.html") == "/a/"
    assert site_path("/a/b.html") == "/a/b.html"
    assert site_path("/a%20b/") == "/a b/"


# --- the handout document (mkdocs_handout/document.py) --------------------------------------

def handout_document(*, answers: bool = True, author: str | None = None) -> Document:
    chapter = Chapter(
        "a", "A title", "<p>a</p>",
        (Heading(2, "a--s", "S & s"), Heading(2, None, "no id"), Heading(3, "a--t", "deep")),
        (Answer(1, "a--answer-1", "a--q", "Q <1>", "<p>x</p>"),
         Answer(2, "a--answer-2", None, None, "<p>y</p>")) if answers else ())
    return Document(
        lang="is", body_attributes={"dir": "ltr", "data-x": 'a"b'}, description="D <1>",
        css="p{}", cover=Cover("T & <x>", "Sub", author, "RU", "2025", "<b>©</b>",
                               "https://e.org/?a=1&b=2"),
        contents_title="Contents",
        outline=(Chapter("home", "Home", "<p>home</p>", (Heading(1, "home--h", "Home <h1>"),)),
                 Part("Lec", (chapter,))),
        answer_key_title="Key")


DOCUMENT = (
    '<!doctype html>\n<html lang="is">\n<head>\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
    "<title>T &amp; &lt;x&gt;</title>\n"
    '<meta name="description" content="D &lt;1&gt;">\n'
    "<style>\np{}\n</style>\n</head>\n"
    '<body class="handout" dir="ltr" data-x="a&quot;b">\n'
    '<header class="md-typeset handout-cover">\n<h1>T &amp; &lt;x&gt;</h1>\n'
    '<p class="handout-subtitle">Sub</p>\n'
    '<p class="handout-organization">RU</p>\n'
    '<p class="handout-date">2025</p>\n'
    '<p class="handout-site"><a href="https://e.org/?a=1&amp;b=2">'
    "https://e.org/?a=1&amp;b=2</a></p>\n"
    '<p class="handout-copyright"><b>©</b></p>\n</header>\n'
    '<nav class="md-typeset handout-contents" aria-labelledby="handout-contents">\n'
    '<h2 id="handout-contents">Contents</h2>\n<ol>\n'
    '<li><a href="#home">Home &lt;h1&gt;</a></li>\n'
    '<li class="handout-part">Lec\n<ol>\n'
    '<li><a href="#a">A title</a><ol><li><a href="#a--s">S &amp; s</a></li></ol></li>\n'
    "</ol></li>\n"
    '<li><a href="#handout-answer-key">Key</a></li>\n</ol>\n</nav>\n<main>\n'
    '<article class="md-typeset handout-chapter" id="home">\n<p>home</p>\n</article>\n'
    '<article class="md-typeset handout-chapter" id="a">\n<p>a</p>\n</article>\n'
    '<section class="md-typeset handout-key" id="handout-answer-key" '
    'aria-labelledby="handout-answer-key-title">\n'
    '<h1 id="handout-answer-key-title">Key</h1>\n<h2>A title</h2>\n'
    '<div class="handout-answer" id="a--answer-1">\n'
    '<p class="handout-answer-title"><a href="#a--q">Answer to “Q &lt;1&gt;”</a></p>\n'
    "<p>x</p>\n</div>\n"
    '<div class="handout-answer" id="a--answer-2">\n'
    '<p class="handout-answer-title">Answer 2</p>\n<p>y</p>\n</div>\n</section>\n'
    "</main>\n</body>\n</html>\n"
)


def test_the_handout_document_is_written_exactly() -> None:
    assert render(handout_document()) == DOCUMENT


def test_a_handout_without_answers_has_no_key_and_names_its_author() -> None:
    document = handout_document(answers=False, author="A & B")
    assert not has_answers(document)
    html = render(document)
    assert "handout-answer-key" not in html
    assert '<meta name="author" content="A &amp; B">\n' in html
    assert '<p class="handout-author">A &amp; B</p>\n' in html
    assert [chapter.slug for chapter in chapters(document.outline)] == ["home", "a"]


# --- where the extension says an error is (extension.py) ------------------------------------

FRONT_MATTER = "---\ntitle: Fruit\n---\n"


def convert_with_front_matter(tmp_path: Path, page: str) -> str:
    """`page` converted as MkDocs converts it: its file starts with front matter, which the
    text given to Markdown no longer holds."""
    file = tmp_path / "index.md"
    file.write_text(FRONT_MATTER + page, encoding="utf-8")
    extension = CompareExtension(datasets=fruit(tmp_path))
    extension.page = PageSource("docs/index.md", file)
    with pytest.raises(BlockRenderError) as caught:
        markdown.markdown(page, extensions=["pymdownx.superfences", extension])
    return str(caught.value)


@pytest.mark.parametrize(("fence", "message"), [
    ("```compare-tabel\ndataset: fruit\na: 1\nb: 2\nc: 3\n```", "unknown kind of block"),
    ("```compare-table {.x}\ndataset: fruit\na: 1\nb: 2\nc: 3\n```", "nothing may follow"),
    ("```compare-table\ndataset: fruit\na: 1\nb: 2\nc: 3\n", "is never closed"),
])
def test_a_fence_shown_as_code_is_found_in_the_file_past_its_front_matter(
    tmp_path: Path, fence: str, message: str
) -> None:
    page = f"# Fruit\n\n```compare-table\ndataset: fruit\na: 1\nb: 2\n```\n\nText.\n\n{fence}\n"
    if "never closed" in message:
        page = f"# Fruit\n\nText.\n\n{fence}"
        assert convert_with_front_matter(tmp_path, page).startswith(
            f"docs/index.md:8: the `compare-table` block {message}")
        return
    assert convert_with_front_matter(tmp_path, page).startswith(f"docs/index.md:14: {message}")


def test_a_block_error_is_found_in_the_file_past_its_front_matter(tmp_path: Path) -> None:
    page = "# Fruit\n\n```compare-table\ndataset: fruit\nitems: [pear]\n```\n"
    assert convert_with_front_matter(tmp_path, page).startswith(
        "docs/index.md:8: dataset `fruit` has no item `pear`")


def test_a_file_starting_with_a_byte_order_mark_keeps_its_lines(tmp_path: Path) -> None:
    page = "```compare-table\ndataset: fruit\nitems: [pear]\n```\n"
    file = tmp_path / "index.md"
    file.write_text("\ufeff" + page, encoding="utf-8")
    extension = CompareExtension(datasets=fruit(tmp_path))
    extension.page = PageSource("docs/index.md", file)
    with pytest.raises(BlockRenderError, match=r"^docs/index\.md:3: dataset `fruit` has no"):
        markdown.markdown(page, extensions=["pymdownx.superfences", extension])


@pytest.mark.parametrize(("page", "expected"), [
    (PageSource("generated.md", None), "generated.md:3: unknown kind of block"),
    (None, "<markdown>:3: unknown kind of block"),
])
def test_a_fence_shown_as_code_in_a_page_without_a_file(
    tmp_path: Path, page: PageSource | None, expected: str
) -> None:
    extension = CompareExtension(datasets=fruit(tmp_path))
    extension.page = page
    with pytest.raises(BlockRenderError) as caught:
        markdown.markdown("# A\n\n```compare-tabel\ndataset: fruit\n```\n",
                          extensions=["pymdownx.superfences", extension])
    assert str(caught.value).startswith(expected)


def _convert_with_snippets(tmp_path: Path, page: str, includes: dict[str, str]) -> str:
    """The error `page` (at docs/index.md) raises, with `includes` as its snippets' folder and
    `end.md` appended to every page."""
    included = tmp_path / "includes"
    included.mkdir()
    for name, text in includes.items():
        (included / name).write_text(text, encoding="utf-8")
    file = tmp_path / "index.md"
    file.write_text(page, encoding="utf-8")
    extension = CompareExtension(datasets=fruit(tmp_path))
    extension.page = PageSource("docs/index.md", file, display_root=tmp_path)
    with pytest.raises(BlockRenderError) as caught:
        markdown.markdown(page, extensions=["pymdownx.snippets", "pymdownx.superfences",
                                            extension],
                          extension_configs={"pymdownx.snippets": {
                              "base_path": [str(included)], "auto_append": ["end.md"]}})
    return str(caught.value)


def test_an_error_in_an_included_file_names_that_file(tmp_path: Path) -> None:
    error = _convert_with_snippets(tmp_path, '# A\n\n--8<-- "fruit.md"\n', {
        "fruit.md": "Fruit, included.\n\n```compare-table\ndataset: fruit\nitems: [pear]\n```\n",
        "end.md": "The end.\n"})
    assert error.startswith("includes/fruit.md:5: dataset `fruit` has no item `pear`")


def test_an_error_in_an_appended_file_names_that_file(tmp_path: Path) -> None:
    error = _convert_with_snippets(tmp_path, "# A\n\nText.\n", {
        "end.md": "```compare-tabel\ndataset: fruit\n```\n"})
    assert error.startswith("includes/end.md:1: unknown kind of block")


def test_each_data_folder_is_read_into_its_own_store(tmp_path: Path) -> None:
    pages = []
    for taste in ("Sweet", "Bitter"):
        folder = tmp_path / taste / "data"
        folder.mkdir(parents=True)
        (folder / "fruit.yml").write_text(DATA.replace("taste: Sweet", f"taste: {taste}"),
                                          encoding="utf-8")
        pages.append(markdown.markdown(
            "```compare-table\ndataset: fruit\n```\n",
            extensions=["pymdownx.superfences",
                        CompareExtension(data_dir=str(folder))]))
    assert "Sweet" in pages[0]
    assert "Bitter" in pages[1]
    assert "Sweet" not in pages[1]


class Recorder:
    """An instrument observer that keeps every step and block it is told about."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, str]] = []
        self.blocks: list[RenderedBlock] = []

    def timed(self, step: Step, detail: str, seconds: float) -> None:
        assert seconds >= 0
        self.steps.append((step, detail))

    def rendered(self, block: RenderedBlock) -> str:
        self.blocks.append(block)
        return block.html.replace("<figure ", '<figure data-seen="1" ', 1)


def test_an_observer_sees_each_step_and_block_and_may_annotate_it(tmp_path: Path) -> None:
    page = "```compare-table\ndataset: fruit\n```\n\n```compare-ranking\ndataset: fruit\n```\n"
    with instrument.observing(recorder := Recorder()):
        html = convert(tmp_path, page)
    assert recorder.steps == [("setup", ""), ("render", "compare-table"), ("block", ""),
                              ("render", "compare-ranking"), ("block", ""), ("tree", "")]
    assert [(block.kind, block.page, block.body) for block in recorder.blocks] == [
        ("compare-table", "docs/index.md", "dataset: fruit"),
        ("compare-ranking", "docs/index.md", "dataset: fruit")]
    assert html.count('data-seen="1"') == 1
    with instrument.observing(recorder := Recorder()):
        pass
    assert recorder.steps == []
    convert(tmp_path, page)
    assert recorder.steps == []


def test_a_diagram_stands_alone_in_its_box_followed_by_the_page(tmp_path: Path) -> None:
    html = convert(tmp_path, TWO_DIAGRAMS + "\nAfter.\n")
    root = page_tree(html)
    canvases = [element for element in root.iter("div")
                if element.get("class") == "compare-diagram__canvas"]
    assert len(canvases) == 3
    for canvas in canvases:
        assert (canvas.text or "").strip() == ""
        assert [child.tag for child in canvas] == [f"{SVG}svg"]
        assert (canvas[0].tail or "").strip() == ""
    assert html.count("</figure>\n") == 3
    assert html.endswith("<p>After.</p>")


def test_a_renderer_that_fails_is_reported_as_a_bug_at_its_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(block: Block) -> str:
        raise RuntimeError("boom")

    monkeypatch.setitem(BLOCK_KINDS, "compare-table",
                        dataclasses.replace(BLOCK_KINDS["compare-table"], render=boom))
    error = failure(tmp_path,
                    "# Fruit\n\nText.\n\n```compare-table\ndataset: fruit\ncaption: c\n```\n")
    assert error == ("docs/index.md:5: `compare-table` block failed to render (a bug in the "
                     "compare plugin, please report it): RuntimeError('boom')")


def test_without_data_the_extension_says_which_option_to_set() -> None:
    with pytest.raises(BlockRenderError) as caught:
        markdown.markdown("```compare-table\ndataset: fruit\n```\n",
                          extensions=["pymdownx.superfences", CompareExtension()])
    assert str(caught.value) == ("the compare extension has no data: set its `data_dir` option "
                                 "to the folder of the data files")


def test_bad_data_stops_the_block_with_the_data_files_line(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "fruit.yml").write_text(DATA.replace("grade: high", "grade: top"),
                                      encoding="utf-8")
    with pytest.raises(BlockRenderError) as caught:
        markdown.markdown("```compare-table\ndataset: fruit\n```\n", extensions=[
            "pymdownx.superfences", CompareExtension(data_dir=str(folder))])
    assert re.match(r"^\S*data/fruit\.yml:23: `grade` of item `apple` is `top`, which is not",
                    str(caught.value))


def test_without_superfences_the_extension_says_what_to_list() -> None:
    with pytest.raises(BlockRenderError) as caught:
        markdown.markdown("x", extensions=[CompareExtension(datasets={})])
    assert str(caught.value) == (
        "the compare extension needs `pymdownx.superfences`: list it under "
        "`markdown_extensions` in mkdocs.yml (or before it in `extensions`)")


def test_a_page_reaches_its_lectures_datasets_by_their_short_names(tmp_path: Path) -> None:
    datasets = {f"alpha/{name}": dataset for name, dataset in fruit(tmp_path).items()}
    file = tmp_path / "index.md"
    page = "```compare-table\ndataset: fruit\n```\n"
    file.write_text(page, encoding="utf-8")
    extension = CompareExtension(datasets=datasets)
    extension.page = PageSource("docs/alpha/index.md", file, namespace="alpha")
    assert "Apple" in markdown.markdown(page, extensions=["pymdownx.superfences", extension])


def test_an_error_in_a_block_whose_body_begins_an_earlier_one_is_located_at_itself(
    tmp_path: Path,
) -> None:
    page = ("```compare-matrix\ndataset: fruit\nx: grade\ny: grade\n```\n\n"
            "```compare-matrix\ndataset: fruit\nx: grade\n```\n")
    assert failure(tmp_path, page) == ("docs/index.md:8: the `compare-matrix` block is missing "
                                       "`y`; add a line `y: ...`")


@pytest.mark.parametrize(("fence", "message"), [
    ("```compare-tabel", "unknown kind of block `compare-tabel`; did you mean `compare-table`? "
     "the kinds are: compare-table, compare-ranking, compare-matrix, compare-stack"),
    ("```compare-pie", "unknown kind of block `compare-pie`; the kinds are: compare-table, "
     "compare-ranking, compare-matrix, compare-stack"),
    ("```Compare-Tabel", "unknown kind of block `Compare-Tabel`; did you mean `compare-table`? "
     "the kinds are: compare-table, compare-ranking, compare-matrix, compare-stack"),
    ("```compare-table x=1", "nothing may follow `compare-table` on the opening line, but `x=1` "
     "does: write each option on its own line in the block's body (`key: value`); a block "
     "takes no id or class"),
])
def test_a_fence_shown_as_code_is_explained_in_full(
    tmp_path: Path, fence: str, message: str
) -> None:
    assert failure(tmp_path, f"{fence}\ndataset: fruit\n```\n") == f"docs/index.md:1: {message}"


def test_a_block_never_closed_is_explained_in_full(tmp_path: Path) -> None:
    assert failure(tmp_path, "~~~~compare-table\ndataset: fruit\n") == (
        "docs/index.md:1: the `compare-table` block is never closed; end it with a line "
        "holding only the opening's backticks (or tildes)")


def test_other_fences_and_near_names_are_left_alone(tmp_path: Path) -> None:
    html = convert(tmp_path, "```python\nx = 1\n```\n\n```comparison\ntext\n```\n")
    assert '<span class="mi">1</span>' in html
    assert "<code>text\n</code>" in html


def test_a_part_before_its_chapters_and_two_pages_with_answers() -> None:
    part = Part("P", (Chapter(
        "b", "B", "<p>b</p>", (Heading(1, "b--t", "B1"), Heading(2, "b--x", "X"),
                               Heading(2, "b--y", "Y")),
        (Answer(1, "b--answer-1", "b--q", "Q", "<p>1</p>"),)),))
    document = Document(
        lang="en", body_attributes={}, description="D", css="",
        cover=Cover("T", None, "Au", None, None, None, None), contents_title="C",
        outline=(part, Chapter("c", "C", "<p>c</p>", (),
                               (Answer(1, "c--answer-1", None, "Untitled", "<p>2</p>"),))))
    html = render(document)
    assert '<meta name="description" content="D">\n<meta name="author" content="Au">\n' in html
    assert ('<li class="handout-part">P\n<ol>\n<li><a href="#b">B1</a><ol><li><a href="#b--x">X'
            '</a></li><li><a href="#b--y">Y</a></li></ol></li>\n</ol></li>\n'
            '<li><a href="#c">C</a></li>\n<li><a href="#handout-answer-key">Answer key</a>'
            "</li>\n</ol>\n</nav>") in html
    assert ("<p>1</p>\n</div>\n<h2>C</h2>\n"
            '<div class="handout-answer" id="c--answer-1">\n'
            '<p class="handout-answer-title">Answer to “Untitled”</p>\n<p>2</p>\n</div>\n'
            "</section>\n</main>") in html


def test_a_handout_without_answers_ends_with_its_last_page() -> None:
    document = Document(
        lang="en", body_attributes={}, description=None, css="",
        cover=Cover("T", None, None, None, None, None, None), contents_title="C",
        outline=(Chapter("c", "C", "<p>c</p>", ()),))
    assert render(document).endswith(
        '<h2 id="handout-contents">C</h2>\n<ol>\n<li><a href="#c">C</a></li>\n</ol>\n</nav>\n'
        '<main>\n<article class="md-typeset handout-chapter" id="c">\n<p>c</p>\n</article>\n'
        "</main>\n</body>\n</html>\n")


def test_an_answer_in_a_nested_question_belongs_to_the_question_around_it(
    tmp_path: Path,
) -> None:
    content = (
        '<details class="answer"><summary>A</summary><p>first</p></details>'
        "<details class='question' id='outer'><summary>Outer</summary>"
        '<details class="question" id="inner"><summary>Inner</summary>'
        '<details class="answer"><summary>A</summary><p>in</p></details></details>'
        '<details class="answer"><summary>A</summary><p>out</p></details></details>'
        "<details class='note' open><summary>Note</summary></details>"
        '<details class="answer"><summary>A</summary><p>last</p></details>'
        "<article><article><p>deep</p></article></article><p>after</p>")
    html = f'<html><body><article class="md-content__inner">{content}</article></body></html>'
    page = rewrite_page(html, "/", "home", Site(tmp_path, {"/": "home"}, None),
                        answer_class="answer")
    assert [(answer.question_id, answer.question_title, answer.body)
            for answer in page.answers] == [
        (None, None, "<p>first</p>"),
        ("home--inner", "Inner", "<p>in</p>"),
        ("home--outer", "Outer", "<p>out</p>"),
        ("home--inner", "Inner", "<p>last</p>"),
    ]
    assert page.body.endswith(
        '<details class="note" open><summary>Note</summary></details>'
        '<p class="handout-answer-ref"><a href="#home--answer-4">Answer: in the answer key</a>'
        "</p><article><article><p>deep</p></article></article><p>after</p>")


def test_what_the_site_only_needs_goes_and_the_rest_stays(tmp_path: Path) -> None:
    head = '<link rel="stylesheet" href="//cdn.example/x.css"><link rel="stylesheet">'
    content = ('<p>a<br class="headerlink">b</p>'
               '<a href="https://x.example/">https://<b>x.example/</b></a>')
    html = (f"<html><head>{head}</head><body><article class='other'>no</article>"
            f'<div class="md-content__inner">no</div>'
            f'<article class="md-content__inner">{content}</article></body></html>')
    page = rewrite_page(html, "/", "home", Site(tmp_path, {"/": "home"}, None))
    assert page.body == ('<p>ab</p>'
                         '<a href="https://x.example/">https://<b>x.example/</b></a>')
    assert page.stylesheets == []
    assert page.problems == ["stylesheet //cdn.example/x.css is on another host; left out"]
    assert site_path("/a/myindex.html") == "/a/myindex.html"
    body, _ = rewritten_at(tmp_path, '<a href="Xtra/">t</a>', site_url="https://n.example/")
    assert body.startswith('<a href="https://n.example/Xtra/">')


def test_an_errors_arguments_are_its_message_as_shown() -> None:
    error = CompareError("docs/a\u202e.md", 3, "bad\u200bvalue")
    assert error.args == ("docs/a<U+202E>.md:3: bad<U+200B>value",)
    assert repr(error) == "CompareError('docs/a<U+202E>.md:3: bad<U+200B>value')"
    assert CompareError("a.yml", None, "m").args == ("a.yml: m",)


def test_the_extensions_options_say_what_they_take() -> None:
    assert dict(CompareExtension().getConfigInfo()) == {
        "data_dir": "Folder of the data files (`*.yml`), relative to the working folder; read "
                    "once per process and again when a file changes. Paths in messages are "
                    "shown relative to the working folder.",
        "datasets": "Datasets already loaded and validated (`Mapping[str, Dataset]`), instead "
                    "of `data_dir`; the MkDocs plugin passes what it loaded for the build.",
        "error_type": "Exception class raised for a bad block. It must derive from "
                      "SuperFencesException, the only exception SuperFences lets through; the "
                      "MkDocs plugin passes one that is also a PluginError, so the build stops "
                      "with the message and no traceback.",
    }


def test_a_fence_with_text_after_its_kind_is_told_from_the_same_block_without(
    tmp_path: Path,
) -> None:
    page = "```compare-table\ndataset: fruit\n```\n\n```compare-table {.x}\ndataset: fruit\n```\n"
    assert failure(tmp_path, page).startswith("docs/index.md:5: nothing may follow")


def test_a_block_never_closed_in_an_included_file_is_found_there(tmp_path: Path) -> None:
    error = _convert_with_snippets(tmp_path, '# A\n\n--8<-- "bad.md"\n\nMore text.\n',
                                   {"bad.md": "```compare-table\ndataset: fruit\n"})
    assert error.startswith("includes/bad.md:1: the `compare-table` block is never closed")


def test_a_data_folder_with_lecture_folders_is_read_whole(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    (folder / "alpha").mkdir(parents=True)
    (folder / "alpha" / "fruit.yml").write_text(DATA, encoding="utf-8")
    html = markdown.markdown("```compare-table\ndataset: alpha/fruit\n```\n", extensions=[
        "pymdownx.superfences", CompareExtension(data_dir=str(folder))])
    assert "Apple" in html


def test_abbreviations_reach_table_text_but_not_its_code(tmp_path: Path) -> None:
    data = DATA.replace("taste: Sweet", 'taste: "`AB` and AB"')
    html = markdown.markdown(
        "```compare-table\ndataset: fruit\n```\n\n*[AB]: A bee\n",
        extensions=["abbr", "pymdownx.superfences",
                    CompareExtension(datasets=fruit(tmp_path, data))])
    assert '<code>AB</code> and <abbr title="A bee">AB</abbr>' in html


# --- diagram geometry, measured with the real font ------------------------------------------

def _boxes(svg: ET.Element) -> tuple[tuple[float, float], list[tuple[str, float, float, float,
                                                                          float]]]:
    """The viewBox's size, and every drawn thing as (what, left, top, right, bottom): each line
    of text set in Liberation Sans (ascent 0.9 em above the baseline, descent 0.25 below), each
    rectangle and circle."""
    _, _, width, height = (float(number) for number in svg.get("viewBox", "").split())
    boxes = []
    for text in svg.iter(f"{SVG}text"):
        size = float(text.get("font-size", ""))
        bold = text.get("font-weight") == "700"
        for tspan in text:
            line = tspan.text or ""
            advance = real_width(line, size, bold=bold)
            x, y = float(tspan.get("x", "")), float(tspan.get("y", ""))
            left = {"middle": x - advance / 2, "end": x - advance}.get(
                text.get("text-anchor", ""), x)
            boxes.append((f"text {line!r}", left, y - 0.9 * size, left + advance,
                          y + 0.25 * size))
    for rect in svg.iter(f"{SVG}rect"):
        x, y = float(rect.get("x", "")), float(rect.get("y", ""))
        boxes.append((f"rect {rect.get('class')}", x, y, x + float(rect.get("width", "")),
                      y + float(rect.get("height", ""))))
    for circle in svg.iter(f"{SVG}circle"):
        cx, cy, r = (float(circle.get(name, "")) for name in ("cx", "cy", "r"))
        boxes.append((f"circle {circle.get('class')}", cx - r, cy - r, cx + r, cy + r))
    return (width, height), boxes


def _overlap(a: tuple[str, float, float, float, float],
             b: tuple[str, float, float, float, float]) -> bool:
    return a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]


def assert_drawn_apart_and_inside(svg: ET.Element) -> None:
    (width, height), boxes = _boxes(svg)
    outside = [box[0] for box in boxes
               if box[1] < 0 or box[2] < 0 or box[3] > width or box[4] > height]
    assert outside == []
    texts = [box for box in boxes if box[0].startswith("text")]
    overlapping = [(a[0], b[0]) for index, a in enumerate(texts) for b in texts[index + 1:]
                   if _overlap(a, b)]
    assert overlapping == []


def _matrix_svg(dataset: Dataset) -> ET.Element:
    html = render_matrix(dataset, x="overhead", y="isolation",
                         items=[item.id for item in dataset.items], caption="c",
                         diagram_id="compare-matrix-1")
    return only(ET.fromstring(html), f".//{SVG}svg")


@pytest.mark.parametrize("long", [False, True], ids=["short", "long"])
def test_a_matrix_draws_every_text_apart_and_inside(long: bool) -> None:
    names = ("Full virtualization with a long name that wraps", "Paravirtualization",
             "Containers") if long else ("Full", "Para", "Containers")
    svg = _matrix_svg(methods(names=names, level_label="High, and then some more words"
                              if long else "High"))
    assert_drawn_apart_and_inside(svg)
    _, boxes = _boxes(svg)
    cells = [box for box in boxes if box[0] == "rect cd-cell"]
    markers = [box for box in boxes if box[0] == "circle cd-marker"]
    assert len(markers) == 3
    for marker in markers:
        assert any(cell[1] < marker[1] and marker[3] < cell[3] and cell[2] < marker[2]
                   and marker[4] < cell[4] for cell in cells), "each marker inside a cell"
    # Level labels of the y axis end left of the grid; the x axis' title is centred under it.
    grid_left = min(cell[1] for cell in cells)
    grid_right = max(cell[3] for cell in cells)
    texts = {box[0]: box for box in boxes if box[0].startswith("text")}
    for label in ("'Weaker'", "'Strong'"):
        assert texts[f"text {label}"][3] <= grid_left
    x_title = texts["text 'Performance overhead'"]
    assert (x_title[1] + x_title[3]) / 2 == pytest.approx((grid_left + grid_right) / 2, abs=1)


def test_a_ranking_draws_every_text_apart_and_inside() -> None:
    html = render_ranking(ranked(), caption="c", diagram_id="compare-ranking-1")
    assert_drawn_apart_and_inside(only(ET.fromstring(html), f".//{SVG}svg"))


# --- the diagrams' shared parts (render/svg.py) ---------------------------------------------

def test_svg_text_and_shapes_are_written_exactly() -> None:
    assert svg.text(svg.Style("cls", 12, 16, bold=True), ["a <b>", "c"], 10.25, 5,
                    anchor="middle") == (
        '<text class="cls" font-size="12" font-weight="700" text-anchor="middle">'
        '<tspan x="10.2" y="17.2">a &lt;b&gt;</tspan><tspan x="10.2" y="33.2">c</tspan></text>')
    assert svg.text(svg.Style("c2", 10.5, 14), ["x"], 0, 0) == (
        '<text class="c2" font-size="10.5"><tspan x="0" y="10.7">x</tspan></text>')
    assert svg.rect("r", 1.04, 2.05, 3.15, 4, 5) == (
        '<rect class="r" x="1" y="2" width="3.1" height="4" rx="5"/>')
    assert svg.circle("c", 1, 2.5, 3) == '<circle class="c" cx="1" cy="2.5" r="3"/>'
    assert svg.path("p", [(0, 0), (1.5, 2)], closed=True) == '<path class="p" d="M0 0 1.5 2Z"/>'
    assert svg.path("p", [(0, 0), (1, 2)]) == '<path class="p" d="M0 0 1 2"/>'


def test_a_figure_and_an_image_are_written_exactly() -> None:
    assert svg.figure(kind="k", diagram_id="d-1", size=(200, 100), font_size=10, title="T<",
                      description="D&", body="<g/>", caption_html="<em>c</em>",
                      text_alternative="<p>t</p>") == (
        '<figure class="compare-diagram compare-k"><div class="compare-diagram__canvas" '
        'tabindex="0"><svg xmlns="http://www.w3.org/2000/svg" role="img" '
        'aria-labelledby="d-1-title d-1-desc" viewBox="0 0 200 100" class="compare-diagram__svg"'
        ' style="min-width:12.6em;max-width:20em"><title id="d-1-title">T&lt;</title>'
        '<desc id="d-1-desc">D&amp;</desc><g/></svg></div><figcaption><em>c</em></figcaption>'
        '<details class="compare-diagram__text"><summary>The diagram as text</summary><p>t</p>'
        "</details></figure>")
    assert svg.image(diagram_id="d-2", size=(300, 50), font_size=12, title="T",
                     description="D", body="", text_scale=0.8) == (
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="d-2-title '
        'd-2-desc" viewBox="0 0 300 50" class="compare-diagram__svg" '
        'style="min-width:15.8em;width:20em;max-width:100%"><title id="d-2-title">T</title>'
        '<desc id="d-2-desc">D</desc></svg>')


def test_wrapping_breaks_at_spaces_then_hyphens_and_slashes_then_anywhere() -> None:
    assert svg.wrap("alpha beta-gamma/delta epsilonzeta", 60, 10) == [
        "alpha beta-", "gamma/", "delta", "epsilonzeta"]
    assert svg.wrap("", 50, 10) == [""]
    assert svg.wrap("abcdefghijkl", 30, 10) == ["abcd", "efghij", "kl"]
    assert svg.wrap("ab cd", 100, 10, bold=True) == ["ab cd"]
    style = svg.Style("s", 10, 12)
    assert style.widest_word(["ab cd-efgh", "x"]) == pytest.approx(21.7952)
    assert style.widest_word([]) == 0
    assert style.height(["a", "b"]) == 24
    assert style.width("ab") == text_width("ab", 10)


# --- tables, written exactly (render/table.py, render/notes.py) -----------------------------

MARK_HTML = ('<sup class="compare-provenance"><span aria-hidden="true">\u2020</span>'
             '<span class="compare-visually-hidden"> (added in these notes)</span></sup>')
MISSING = ('<span class="compare-missing" aria-hidden="true">\u2014</span>'
           '<span class="compare-visually-hidden">not given</span>')
RIPE = ' <span class="compare-qualifier">(when ripe)</span>'
LEGEND_HIGH = ('<li><span aria-hidden="true">\u25cf\u25cf</span> <strong>High</strong> (Grade):'
               " Ripe &amp; ready</li>")
LEGEND_MARK = ('<li><span class="compare-provenance__legend"><span aria-hidden="true">\u2020'
               "</span> Added in these notes; not from the lecture.</span></li>")


def rating(dots: str, label: str) -> str:
    return (f'<span class="compare-rating"><span class="compare-rating__symbol" '
            f'aria-hidden="true">{dots}</span> <span class="compare-rating__label">{label}'
            "</span></span>")


HIGH, LOW = rating("\u25cf\u25cf", "High"), rating("\u25cf\u25cb", "Low")


def table_datasets(tmp_path: Path) -> Mapping[str, Dataset]:
    data = PROVENANCE_DATA.replace(
        "      - id: high\n        label: High\n",
        "      - id: high\n        label: High\n        description: Ripe & ready\n").replace(
        "  pairs:\n    label: Pairs with\n",
        "  note:\n    label: Note\n    type: text\n    required: false\n"
        "  pairs:\n    label: Pairs with\n").replace(
        "    pairs: Cheese\n", "    pairs: Cheese\n    note: Crunchy\n")
    return fruit(tmp_path, data)


def table_of(tmp_path: Path, orientation: Orientation, items: list[str], fields: list[str],
             caption: str = "c") -> str:
    datasets = table_datasets(tmp_path)
    return render_table(datasets["fruit"], datasets, items=items, fields=fields,
                        orientation=orientation, caption=caption)


def grid(orientation: str, caption: str, head: str, body: str, foot: str) -> str:
    return (f'<div class="compare-table compare-table--{orientation}" tabindex="0">'
            f'<table class="compare-table__grid"><caption>{caption}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table></div>")


def legend(columns: int, *entries: str) -> str:
    return (f'<tfoot><tr><td colspan="{columns}"><ul class="compare-legend">{"".join(entries)}'
            "</ul></td></tr></tfoot>")


def test_a_table_with_items_as_columns_is_written_exactly(tmp_path: Path) -> None:
    html = table_of(tmp_path, "columns", ["apple", "lemon", "quince"],
                    ["taste", "grade", "note", "pairs"], "Fruit *compared*")
    assert html == grid(
        "columns", "Fruit <em>compared</em>",
        '<td></td><th scope="col">Apple</th><th scope="col">Lemon</th>'
        f'<th scope="col">Quince{MARK_HTML}</th>',
        f'<tr><th scope="row">Taste</th><td>Sweet</td><td>Sour{MARK_HTML}</td><td>Tart</td></tr>'
        f'<tr><th scope="row">Grade</th><td>{HIGH}{RIPE}</td><td>{LOW}</td><td>{LOW}</td></tr>'
        f'<tr><th scope="row">Note</th><td>Crunchy</td><td>{MISSING}</td><td>{MISSING}</td>'
        f'</tr><tr><th scope="row">Pairs with{MARK_HTML}</th><td>Cheese</td><td>Fish</td>'
        "<td>Honey</td></tr>",
        legend(4, LEGEND_HIGH, LEGEND_MARK))


def test_a_table_with_items_as_rows_is_written_exactly(tmp_path: Path) -> None:
    html = table_of(tmp_path, "rows", ["apple", "lemon", "quince"],
                    ["taste", "grade", "note", "pairs"])
    assert html == grid(
        "rows", "c",
        '<th scope="col">Item</th><th scope="col">Taste</th><th scope="col">Grade</th>'
        f'<th scope="col">Note</th><th scope="col">Pairs with{MARK_HTML}</th>',
        f'<tr><th scope="row">Apple</th><td>Sweet</td><td>{HIGH}{RIPE}</td><td>Crunchy</td>'
        f'<td>Cheese</td></tr><tr><th scope="row">Lemon</th><td>Sour{MARK_HTML}</td>'
        f"<td>{LOW}</td><td>{MISSING}</td><td>Fish</td></tr>"
        f'<tr><th scope="row">Quince{MARK_HTML}</th><td>Tart</td><td>{LOW}</td>'
        f"<td>{MISSING}</td><td>Honey</td></tr>",
        legend(5, LEGEND_HIGH, LEGEND_MARK))


def test_a_table_has_the_legend_it_needs_and_no_more(tmp_path: Path) -> None:
    assert table_of(tmp_path, "rows", ["lemon"], ["taste"]).endswith(
        f"</tbody>{legend(2, LEGEND_MARK)}</table></div>")
    assert table_of(tmp_path, "columns", ["quince"], ["grade"]).endswith(
        f"</tbody>{legend(2, LEGEND_MARK)}</table></div>")
    assert table_of(tmp_path, "columns", ["lemon"], ["grade"]).endswith(
        "</tbody></table></div>")
    assert table_of(tmp_path, "columns", ["apple"], ["grade"]).endswith(
        f"</tbody>{legend(2, LEGEND_HIGH)}</table></div>")


# --- diagrams against their accepted output (render/ranking.py, render/matrix.py) -----------

def _golden_diagrams(tmp_path: Path) -> dict[str, str]:
    provenance = fruit(tmp_path, PROVENANCE_DATA)["fruit"]
    long = methods(names=("Full virtualization with a long name that wraps",
                          "Paravirtualization", "Containers"),
                   level_label="High, and then some more words")
    return {
        "ranking": render_ranking(ranked(), caption="c", diagram_id="compare-ranking-1"),
        "ranking-described": render_ranking(
            ranked(description="The order, **described**.", apart=()), caption="c",
            diagram_id="compare-ranking-2"),
        "ranking-provenance": render_ranking(provenance, caption="Best fruit",
                                             diagram_id="compare-ranking-3"),
        "matrix": _matrix_html(methods()),
        "matrix-long": _matrix_html(long),
        "matrix-provenance": render_matrix(provenance, x="grade", y="grade",
                                           items=["apple", "lemon", "quince"], caption="c",
                                           diagram_id="compare-matrix-4"),
        "ranking-sensitive": render_ranking(_sensitive_ranking(), caption="c",
                                            diagram_id="compare-ranking-5"),
        "matrix-sensitive": _matrix_html(_sensitive_matrix()),
    }


WORDS = " ".join(["ab", "cd", "ef", "gh", "ij", "kl", "mn", "op", "qr", "st", "uv", "wx", "yz"] * 3)
"""Many short words: any change of the width a text is wrapped to moves a line break."""


def _sensitive_ranking() -> Dataset:
    """A ranking whose every text wraps, with two entries kept apart, one the notes add."""
    return ranked(first=WORDS, last=WORDS, apart=(
        Apart("Emulation", "Niche use.", item="emulation"),
        Apart("Simulation", "Slower still.", source=Source.NOTES)))


def _sensitive_matrix() -> Dataset:
    """A matrix whose axis title and level labels wrap, one item placed by the notes."""
    dataset = methods(level_label=WORDS)
    isolation = dataset.scales["isolation"]
    scales = {**dataset.scales, "isolation": dataclasses.replace(isolation, levels=tuple(
        dataclasses.replace(level, label=f"{level.label} {WORDS}") for level in isolation.levels))}
    fields = {**dataset.fields, "isolation": dataclasses.replace(
        dataset.fields["isolation"], label=f"Isolation {WORDS}")}
    items = (dataclasses.replace(dataset.items[0], value_sources={"overhead": Source.NOTES}),
             *dataset.items[1:])
    return dataclasses.replace(dataset, scales=scales, fields=fields, items=items)


def test_a_ranking_needs_a_ranking() -> None:
    with pytest.raises(ValueError, match=r"^dataset `methods` has no ranking$"):
        render_ranking(methods(), caption="c", diagram_id="d")


def _matrix_html(dataset: Dataset) -> str:
    return render_matrix(dataset, x="overhead", y="isolation",
                         items=[item.id for item in dataset.items], caption="c",
                         diagram_id="compare-matrix-1")


def test_the_diagrams_draw_what_was_accepted(tmp_path: Path) -> None:
    assert changed_drawings(_golden_diagrams(tmp_path)) == [], CHANGED


# --- field types (data/fields.py) -----------------------------------------------------------

REFS_DATA = DATA.replace(
    "  grade:\n    label: Grade\n    type: scale",
    "  friends:\n    label: Friends\n    type: refs\n    dataset: fruit\n    required: false\n"
    "  grade:\n    label: Grade\n    type: scale")


@pytest.mark.parametrize(("data", "message"), [
    (DATA.replace("    label: Taste\n", "    label: [Taste]\n"),
     "fruit.yml:13: `label` of field `taste` must be text, not a list"),
    (DATA.replace("    type: text\n", "    type: [text]\n", 1),
     "fruit.yml:14: `type` of field `taste` must be text, not a list"),
    (DATA.replace("  taste:\n    label: Taste\n    type: text\n", "  taste: text\n"),
     "fruit.yml:12: field `taste` must be a mapping of `key: value` lines"),
    (DATA.replace("    scale: grade\n", "    scale: [grade]\n"),
     "fruit.yml:18: `scale` of field `grade` must be text, not a list"),
    (DATA.replace("    label: Taste\n    type: text\n",
                  "    label: Taste\n    type: text\n    scale: grade\n"),
     "fruit.yml:15: `scale` only applies to fields of type `scale`; remove it from field "
     "`taste` or set `type: scale`"),
    (DATA.replace("    grade: high\n", "    grade: [high]\n", 1),
     "fruit.yml:23: `grade` of item `apple` must be text, not a list"),
    (DATA.replace("    label: Taste\n", "    label: Taste\n    description: [x]\n"),
     "fruit.yml:14: `description` of field `taste` must be text, not a list"),
    (DATA.replace("scales:\n  grade:\n    label: Grade\n    levels:\n      - id: low\n"
                  "        label: Low\n      - id: high\n        label: High\n", ""),
     "fruit.yml:10: field `grade` uses scale `grade`, which this file does not define; the "
     "scales are: none yet: define them under `scales`"),
    (REFS_DATA.replace("    grade: high\n", "    grade: high\n    friends: [[lemon]]\n", 1),
     "fruit.yml:29: entry 1 of `friends` of item `apple` must be text, not a list"),
    (REFS_DATA.replace("    dataset: fruit\n", "    dataset: [fruit]\n"),
     "fruit.yml:18: `dataset` of field `friends` must be text, not a list"),
    (DATA.replace("    label: Taste\n    type: text\n",
                  "    label: Taste\n    type: text\n    scale:\n      grade\n"),
     "fruit.yml:15: `scale` only applies to fields of type `scale`"),
    (DATA.replace("    label: Taste\n", "    label: Taste\n    source: maybe\n"),
     "fruit.yml:14: `source` of field `taste` is `maybe`; write `notes`"),
    (DATA.split("fields:")[0] + "fields: {}\nitems:" + DATA.split("items:")[1],
     "fruit.yml:11: `fields` must not be empty; define at least one field"),
    (DATA.replace("scales:\n", "scales:\n  size:\n    label: Size\n    levels:\n      - id: s\n"
                  "        label: S\n      - id: l\n        label: L\n").replace(
        "    scale: grade\n", "    scale: colour\n"),
     "fruit.yml:25: field `grade` uses scale `colour`, which this file does not define; the "
     "scales are: size, grade"),
])
def test_a_bad_field_or_value_is_named_in_full(tmp_path: Path, data: str, message: str) -> None:
    with pytest.raises(DataError) as caught:
        fruit(tmp_path, data)
    assert str(caught.value).startswith(f"data/{message}")


def test_a_field_may_say_where_it_comes_from(tmp_path: Path) -> None:
    data = DATA.replace("    label: Taste\n", "    label: Taste\n    source: notes\n")
    assert fruit(tmp_path, data)["fruit"].fields["taste"].source is Source.NOTES


def test_each_field_type_says_its_value_in_plain_words_and_in_a_cell(tmp_path: Path) -> None:
    data = REFS_DATA.replace("    grade: high\n", "    grade: high\n    friends: [lemon, apple]\n",
                             1).replace("  taste:\n    label: Taste\n    type: text\n",
                                        "  taste:\n    label: Taste\n    type: list\n")
    data = data.replace("    taste: Sweet\n", "    taste: [Sweet, '*Crisp*']\n").replace(
        "    taste: Sour\n", "    taste: [Sour]\n")
    datasets = fruit(tmp_path, data)
    dataset = datasets["fruit"]
    apple = dataset.item("apple")
    said = {field_id: (field.type.plain(field, apple.values[field_id], datasets, dataset),
                       field.type.cell_html(field, apple.values[field_id], datasets, dataset))
            for field_id, field in dataset.fields.items()}
    assert said == {
        "taste": ("Sweet; Crisp",
                  '<ul class="compare-list"><li>Sweet</li><li><em>Crisp</em></li></ul>'),
        "friends": ("Lemon; Apple",
                    '<ul class="compare-list"><li>Lemon</li><li>Apple</li></ul>'),
        "grade": ("High", rating("\u25cf\u25cf", "High")),
    }


def test_a_field_type_is_registered_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fields_module, "FIELD_TYPES", dict(fields_module.FIELD_TYPES))

    class Colour(fields_module.TextType):
        name = "colour"

    colour = Colour()
    assert fields_module.register_field_type(colour) is colour
    assert fields_module.FIELD_TYPES["colour"] is colour
    with pytest.raises(ValueError, match=r"^a field type `colour` is already registered$"):
        fields_module.register_field_type(Colour())
    with pytest.raises(TypeError, match=r"^expected one text, got \('a',\)$"):
        fields_module.TEXT.plain(Field("t", "T", fields_module.TEXT), ("a",), {}, ranked())
    with pytest.raises(TypeError, match=r"^expected a list, got 'a'$"):
        fields_module.LIST.plain(Field("t", "T", fields_module.LIST), "a", {}, ranked())


def test_a_field_without_its_scale_says_so() -> None:
    with pytest.raises(ValueError, match=r"^field `x` names no scale$"):
        fields_module.SCALE.plain(Field("x", "X", fields_module.SCALE), "a", {}, ranked())


def test_a_table_of_a_dataset_the_notes_add_marks_its_caption_only(tmp_path: Path) -> None:
    datasets = fruit(tmp_path, "source: notes\n" + DATA)
    html = render_table(datasets["fruit"], datasets, items=["apple"], fields=["taste"],
                        orientation="rows", caption="c")
    assert html.count(MARK_HTML) == 1
    assert f"<caption>c{MARK_HTML}</caption>" in html
    assert html.endswith(f"</tbody>{legend(2, LEGEND_MARK)}</table></div>")


def test_the_estimate_of_marks_wide_and_bold_characters() -> None:
    assert text_width("a\u20dd", 10) == text_width("a", 10)  # an enclosing mark
    assert text_width("\uff21", 10) == pytest.approx(10 * 1.12)  # a full-width letter
    assert text_width("\u6f22", 10, bold=True) == pytest.approx(10 * 1.12 * 1.1)
    # An accented letter in bold is as wide as its letter in bold: `ǰ` as `j`.
    assert text_width("\u01f0", 10, bold=True) == pytest.approx(text_width("j", 10, bold=True))


def test_wrapping_keeps_a_line_that_fits_exactly_and_joins_a_words_pieces() -> None:
    assert svg.wrap("ab", text_width("ab", 10), 10) == ["ab"]
    assert svg.wrap("x ab-cd-efghijklmnop", text_width("x ab-cd-", 10) + 1, 10) == [
        "x ab-cd-", "efghijkl", "mnop"]


# --- a block's options (blocks/options.py) --------------------------------------------------

PLAIN = ("title: Plain\nfields:\n  taste:\n    label: Taste\n    type: text\nitems:\n"
         "  - id: apple\n    name: Apple\n    taste: Sweet\n")


@pytest.mark.parametrize(("block", "message"), [
    ("```compare-table\ndataset: fruit\norientation: diagonal",
     "`orientation` is `diagonal`; write `columns` (items as columns) or `rows` (items as rows)"),
    ("```compare-table\ndataset: fruit\norientation: [rows]",
     "`orientation` must be text, not a list; write it on one line"),
    ("```compare-table\ndataset: fruit\ncaption: [x]",
     "`caption` must be text, not a list; write it on one line"),
    ("```compare-table\ndataset: fruit\nitems: [[apple]]",
     "entry 1 of `items` must be text, not a list; write it on one line"),
    ("```compare-table\ndataset: fruit\nitems: apple",
     "`items` must be a list (lines starting with `- `)"),
    ("```compare-table\ndataset: fruit\nfields: [taste, taste]",
     "field `taste` is listed twice in `fields`"),
    ("```compare-matrix\ndataset: fruit\nx: taste\ny: grade",
     "`x` must name a scale field of dataset `fruit`; its scale fields are: grade"),
    ("```compare-matrix\ndataset: plain\nx: taste\ny: taste",
     "`x` must name a scale field of dataset `plain`; its scale fields are: none"),
    ("```compare-matrix\ndataset: fruit\nx: [grade]\ny: grade",
     "`x` must be text, not a list; write it on one line"),
])
def test_a_bad_option_is_named_in_full_at_its_line(
    tmp_path: Path, block: str, message: str
) -> None:
    fruit(tmp_path)
    (tmp_path / "data" / "plain.yml").write_text(PLAIN, encoding="utf-8")
    datasets = load_datasets(tmp_path / "data", tmp_path)
    assert failure(tmp_path, f"# A\n\n{block}\n```\n", datasets) == f"docs/index.md:5: {message}"


def test_a_table_takes_its_orientation_and_caption(tmp_path: Path) -> None:
    html = convert(tmp_path, "```compare-table\ndataset: fruit\norientation: rows\n"
                             "caption: Hi *there*\n```\n")
    assert '<div class="compare-table compare-table--rows" tabindex="0">' in html
    assert "<caption>Hi <em>there</em></caption>" in html


# --- data files' messages (data/dataset.py, scales.py, items.py, provenance.py) -------------

SCALES = ("scales:\n  grade:\n    label: Grade\n    levels:\n      - id: low\n        label: Low\n"
          "      - id: high\n        label: High\n")
BAD_SOURCE = "write `notes` (added in these notes) or `lecture` (from the lecture, the default)"


@pytest.mark.parametrize(("data", "message"), [
    (DATA.replace(SCALES, "scales: [grade]\n"),
     "3: `scales` must be a mapping of `key: value` lines"),
    (DATA.replace(SCALES, "scales:\n  grade: x\n"),
     "4: scale `grade` must be a mapping of `key: value` lines"),
    (DATA.replace(SCALES, "scales:\n  grade:\n    label: Grade\n"),
     "5: scale `grade` is missing `levels`; add a line `levels: ...`"),
    (DATA.replace("    label: Grade\n    levels:", "    label: [Grade]\n    levels:"),
     "5: `label` of scale `grade` must be text, not a list; write it on one line"),
    (DATA.replace(SCALES, "scales:\n  grade:\n    label: Grade\n    levels: low\n"),
     "6: `levels` of scale `grade` must be a list (lines starting with `- `)"),
    (DATA.replace("      - id: low\n        label: Low\n", "      - low\n"),
     "7: level 1 of scale `grade` must be a mapping of `key: value` lines"),
    (DATA.replace("      - id: high\n        label: High\n",
                  "      - id: low\n        label: High\n"),
     "9: level `low` is given twice in scale `grade` (first on line 7); give each level its "
     "own id"),
    (DATA.replace("        label: Low\n", "        label: [Low]\n"),
     "8: `label` of level 1 of scale `grade` must be text, not a list; write it on one line"),
    (DATA.replace("        label: Low\n", "        label: Low\n        description: [x]\n"),
     "9: `description` of level 1 of scale `grade` must be text, not a list; write it on one "
     "line"),
    (DATA.replace("  - id: apple\n", "  - apple\n  - id: apple\n"),
     "20: item 1 must be a mapping of `key: value` lines"),
    (DATA.replace("    name: Apple\n", "    name: [Apple]\n"),
     "21: `name` of item `apple` must be text, not a list; write it on one line"),
    (DATA.replace("    name: Apple\n", "    name: Apple\n    source: maybe\n"),
     f"22: `source` of item `apple` is `maybe`; {BAD_SOURCE}"),
    (DATA.replace("    taste: Sweet\n", "    taste:\n      value: Sweet\n      qualifier: [x]\n"),
     "24: `qualifier` of `taste` of item `apple` must be text, not a list; write it on one line"),
    (DATA.replace("    taste: Sweet\n", "    taste:\n      value: Sweet\n      source: maybe\n"),
     f"24: `source` of `taste` of item `apple` is `maybe`; {BAD_SOURCE}"),
    ("description: [x]\n" + DATA,
     "1: `description` must be text, not a list; write it on one line"),
    (DATA.replace("item_label: Fruit\n", "item_label: [Fruit]\n"),
     "2: `item_label` must be text, not a list; write it on one line"),
    ("source: maybe\n" + DATA, f"1: `source` of the dataset is `maybe`; {BAD_SOURCE}"),
    (DATA + "colour: red\n", "39: unknown key `colour` in the dataset; expected one of: title, "
     "fields, items, description, item_label, scales, ranking, source"),
    (DATA.replace("title: Fruit compared\n", ""),
     "1: the dataset is missing `title`; add a line `title: ...`"),
    # A missing key is told where the mapping starts, after the file's opening comments.
    ("# Fruit, compared.\n\n" + DATA.replace("title: Fruit compared\n", ""),
     "3: the dataset is missing `title`; add a line `title: ...`"),
])
def test_a_bad_data_file_is_named_in_full_at_its_line(
    tmp_path: Path, data: str, message: str
) -> None:
    with pytest.raises(DataError) as caught:
        fruit(tmp_path, data)
    assert str(caught.value) == f"data/fruit.yml:{message}"


def test_a_dataset_and_its_values_keep_what_the_data_says(tmp_path: Path) -> None:
    data = ("source: notes\ndescription: All *fruit*.\n" + DATA).replace(
        "    taste: Sweet\n", "    taste:\n      value: Sweet\n      qualifier: when ripe\n"
                             "      source: lecture\n")
    dataset = fruit(tmp_path, data)["fruit"]
    assert (dataset.source, dataset.description, dataset.item_label) == (
        Source.NOTES, "All *fruit*.", "Fruit")
    apple = dataset.item("apple")
    assert apple.values["taste"] == "Sweet"
    assert apple.qualifiers == {"taste": "when ripe"}
    assert apple.value_sources == {"taste": Source.LECTURE}


# --- parsing a block (blocks/kinds.py) ------------------------------------------------------

GAPPY = DATA.split("ranking:")[0].replace("    grade: low\n", "").replace(
    "    type: scale\n    scale: grade\n",
    "    type: scale\n    scale: grade\n    required: false\n")
"""The fruit without a ranking, and a lemon without a grade."""


@pytest.mark.parametrize(("block", "message"), [
    ("```compare-ranking\ncaption: x\ndataset: fruit",
     "5: dataset `fruit` has no `ranking`; add one to data/fruit.yml"),
    ("```compare-table\ncaption: x\ndataset: nuts",
     "5: unknown dataset `nuts`; the datasets are: fruit"),
    ("```compare-table\n- a",
     "4: the `compare-table` block must be a mapping of `key: value` lines"),
    ("```compare-table\n\ncaption: x",
     "5: the `compare-table` block is missing `dataset`; add a line `dataset: ...`"),
    ("```compare-matrix\ndataset: fruit\nx: grade\ny: grade",
     "4: item `lemon` gives no `grade`, so it cannot be placed; give it one in data/fruit.yml or "
     "leave it out of `items`"),
    ("```compare-table\ncaption: x\ndataset: [fruit]",
     "5: `dataset` must be text, not a list; write it on one line"),
    ("```compare-table\n", "4: `compare-table` block is empty; it needs at least `dataset:`"),
])
def test_a_bad_block_is_named_in_full_at_the_line_at_fault(
    tmp_path: Path, block: str, message: str
) -> None:
    error = failure(tmp_path, f"# A\n\n{block}\n```\n", fruit(tmp_path, GAPPY))
    assert error == f"docs/index.md:{message}"


@pytest.mark.parametrize(("datasets", "known"), [
    ({}, "none: add a .yml file to the data folder"), ({"b": ranked(), "a": ranked()}, "a, b"),
])
def test_a_block_outside_a_page_lists_the_datasets_it_knows(
    datasets: dict[str, Dataset], known: str
) -> None:
    with pytest.raises(BlockError) as caught:
        parse_block(BLOCK_KINDS["compare-table"], "dataset: c", Reader("p.md", 1, BlockError),
                    datasets, "d")
    assert str(caught.value) == f"p.md:1: unknown dataset `c`; the datasets are: {known}"


def test_a_block_kind_is_registered_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kinds_module, "BLOCK_KINDS", {})
    kind = dataclasses.replace(BLOCK_KINDS["compare-table"], name="compare-other")
    assert kinds_module.register(kind) is kind
    assert {"compare-other": kind} == kinds_module.BLOCK_KINDS
    with pytest.raises(ValueError, match=r"^a block kind `compare-other` is already registered$"):
        kinds_module.register(kind)
    assert kind.option_names()[0] == "dataset"


def test_what_a_block_repeats_carries_no_abbreviation(tmp_path: Path) -> None:
    """A table's legend and a diagram's text alternative say facts a second time: their first
    showing has the tooltip, the repeat has none; the text after a repeat keeps its own."""
    data = DATA.replace("        label: High\n",
                        "        label: AB high\n        description: AB\n")
    data = data.replace("verdict: Crisp.", "verdict: AB crisp.")
    page = ("```compare-table\ndataset: fruit\n```\n\n```compare-ranking\ndataset: fruit\n```\n\n"
            "AB after.\n\n*[AB]: A bee\n")
    html = markdown.markdown(page, extensions=[
        "abbr", "pymdownx.superfences", CompareExtension(datasets=fruit(tmp_path, data))])
    root = page_tree(html)
    legend = only(root, ".//tfoot")
    alternative = next(element for element in root.iter("details")
                       if element.get("class") == "compare-diagram__text")
    assert legend.find(".//abbr") is None
    assert "AB" in plain(legend)
    assert alternative.find(".//abbr") is None
    assert "AB crisp." in plain(alternative)
    assert "<strong>AB high</strong>" in ET.tostring(legend, encoding="unicode")
    assert '<span class="compare-rating__label"><abbr title="A bee">AB</abbr> high</span>' in html
    assert html.endswith('<p><abbr title="A bee">AB</abbr> after.</p>')
    assert "None" not in html


def test_scale_fields_and_required_keys_are_listed_in_full(tmp_path: Path) -> None:
    data = DATA.replace("  taste:\n    label: Taste\n    type: text\n",
                        "  taste:\n    label: Taste\n    type: text\n"
                        "  size:\n    label: Size\n    type: scale\n    scale: grade\n"
                        "    required: false\n")
    datasets = fruit(tmp_path, data)
    assert failure(tmp_path, "```compare-matrix\ndataset: fruit\nx: taste\ny: grade\n```\n",
                   datasets) == ("docs/index.md:3: `x` must name a scale field of dataset `fruit`;"
                                 " its scale fields are: size, grade")
    assert failure(tmp_path, "```compare-matrix\n```\n", datasets) == (
        "docs/index.md:2: `compare-matrix` block is empty; it needs at least `dataset:`, `x:`, "
        "`y:`")
    assert failure(tmp_path, "```compare-matrix\n\ndataset: fruit\nx: grade\ny: grade\n"
                             "items: [apple, lemon]\n```\n", fruit(tmp_path, GAPPY)).startswith(
        "docs/index.md:3: item `lemon` gives no `grade`")


def test_a_table_of_references_shows_their_names(tmp_path: Path) -> None:
    data = REFS_DATA.replace("    grade: high\n", "    grade: high\n    friends: [lemon]\n", 1)
    html = convert(tmp_path, "```compare-table\ndataset: fruit\nfields: [friends]\n```\n",
                   fruit(tmp_path, data))
    assert '<td><ul class="compare-list"><li>Lemon</li></ul></td>' in html


def test_an_unknown_dataset_outside_a_page_is_blamed_on_its_line() -> None:
    with pytest.raises(BlockError, match=r"^p\.md:2: unknown dataset `c`"):
        parse_block(BLOCK_KINDS["compare-table"], "caption: x\ndataset: c",
                    Reader("p.md", 1, BlockError), {}, "d")


def test_a_matrix_refuses_a_field_or_an_item_it_cannot_place() -> None:
    with pytest.raises(ValueError,
                       match=r"^field `how` of dataset `methods` is not a scale field$"):
        render_matrix(methods(), x="how", y="isolation", items=["m0"], caption="c",
                      diagram_id="d")
    dataset = methods()
    bare = dataclasses.replace(dataset.items[0], values={"overhead": ("low",),
                                                        "isolation": "strong"})
    with pytest.raises(ValueError, match=r"^item `m0` has no single level for `overhead`$"):
        render_matrix(dataclasses.replace(dataset, items=(bare,)), x="overhead", y="isolation",
                      items=["m0"], caption="c", diagram_id="d")


@pytest.mark.parametrize(("source", "html"), [
    ("[*[a](b)*](c)", '<a href="c"><em>[a](b)</em></a>'),
    ("[**[a](b)**](c)", '<a href="c"><strong>[a](b)</strong></a>'),
    ("[x *y **[a](b)***](c)", '<a href="c">x <em>y <strong>[a](b)</strong></em></a>'),
])
def test_a_link_inside_emphasis_inside_a_link_stays_text(source: str, html: str) -> None:
    assert to_html(source) == html


# --- what a page writes around a block (extension.py, _IntoTree) ----------------------------

def test_text_right_under_a_block_stays_on_the_page(tmp_path: Path) -> None:
    """A line right under the closing fence joins the block's paragraph (superfences leaves
    no blank line): the paragraph is more than the block, so it is not replaced by it."""
    html = convert(tmp_path, "```compare-table\ndataset: fruit\n```\n*Both* are fruit.\n")
    assert '<table class="compare-table__grid"><caption>Fruit compared</caption>' in html
    assert html.endswith("\n<em>Both</em> are fruit.</p>")


def test_a_heading_underline_under_a_block_keeps_the_heading(tmp_path: Path) -> None:
    """`===` under the closing fence makes the block a heading's text (Markdown's setext
    rule): only a paragraph of its own is replaced by the block, so the heading stays."""
    html = convert(tmp_path, "```compare-table\ndataset: fruit\n```\n===\n")
    assert '<table class="compare-table__grid"><caption>Fruit compared</caption>' in html
    assert html.startswith("<h1>")
    assert html.endswith("</h1>")


# --- a matrix's axis title (render/matrix.py) -----------------------------------------------

def _y_title_lines(label: str) -> tuple[list[str], float]:
    """The lines of the y axis' title when the y field is labelled `label`, and the room for
    it: the drawing's width less a margin each side."""
    dataset = methods()
    field = dataclasses.replace(dataset.fields["isolation"], label=label)
    drawing = _matrix_svg(dataclasses.replace(dataset, fields={**dataset.fields,
                                                                "isolation": field}))
    _, _, width, _ = (float(number) for number in drawing.get("viewBox", "").split())
    title = only(drawing, f"{SVG}text")  # drawn first, above the grid
    return [tspan.text or "" for tspan in title], width - 2 * matrix.MARGIN


def test_the_y_axis_title_takes_the_whole_width_between_the_margins() -> None:
    _, room = _y_title_lines("Isolation")
    # Words, then narrow letters, to less than a margin short of the room: one line.
    label = "Isolation"
    for word in itertools.cycle(["of", "the", "guests"]):
        if matrix.AXIS_TITLE.width(f"{label} {word}") > room - matrix.MARGIN:
            break
        label += f" {word}"
    while matrix.AXIS_TITLE.width(label) <= room - matrix.MARGIN:
        label += "i"
    assert room - matrix.MARGIN < matrix.AXIS_TITLE.width(label) <= room
    assert _y_title_lines(label) == ([label], room)
    # One word more than the room holds: two lines, each within it.
    lines, _ = _y_title_lines(f"{label} guests")
    assert lines == [label, "guests"]


# --- question blocks' depth (mkdocs_handout/page.py) ----------------------------------------

def test_an_answer_after_a_hint_within_a_hint_belongs_to_the_question_around_it(
    tmp_path: Path,
) -> None:
    """Closing a `<details>` two deep inside a question goes back one level, not to the top:
    the question is still open when its answer comes, after a question nested in it."""
    content = (
        "<details class='question' id='outer'><summary>Outer</summary>"
        '<details class="question" id="inner"><summary>Inner</summary></details>'
        "<details><summary>Hint</summary><details><summary>More</summary></details></details>"
        '<details class="answer"><summary>A</summary><p>out</p></details></details>')
    html = f'<html><body><article class="md-content__inner">{content}</article></body></html>'
    page = rewrite_page(html, "/", "home", Site(tmp_path, {"/": "home"}, None),
                        answer_class="answer")
    assert [(answer.question_id, answer.question_title, answer.body)
            for answer in page.answers] == [("home--outer", "Outer", "<p>out</p>")]


@pytest.mark.parametrize("tab_length", [2, 3, 4])
def test_a_block_holding_a_tab_is_located_whatever_tabs_the_markdown_expands(
    tmp_path: Path, tab_length: int
) -> None:
    """Python-Markdown expands tabs by its `tab_length` before a block is read: the file is
    searched for the block with tabs expanded the same way, so the error names its line."""
    page = ("# Fruit\n\n```compare-table\ndataset: fruit\ncaption: Sour\tand sweet\n"
            "items: [pear]\n```\n")
    file = tmp_path / "index.md"
    file.write_text(page, encoding="utf-8")
    extension = CompareExtension(datasets=fruit(tmp_path))
    extension.page = PageSource("docs/index.md", file)
    md = markdown.Markdown(extensions=["pymdownx.superfences", extension], tab_length=tab_length)
    with pytest.raises(BlockRenderError) as caught:
        md.convert(page)
    assert str(caught.value).startswith("docs/index.md:6: ")


def test_a_block_is_located_with_tabs_expanded_as_mkdocs_expands_them() -> None:
    """MkDocs' Markdown expands tabs to every fourth column (its `tab_length`), and the plugin
    turned off searches the file for a block the same way."""
    text = "# Page\n\n```compare-table\ndataset: fruit\ncaption: a\tb\n```\n"
    body = ["dataset: fruit", "caption: a\tb".expandtabs(4)]
    assert locate(text, "compare-table", body) == 3
    assert locate(text, "compare-table", ["dataset: fruit", "caption: a\tb".expandtabs(8)],
                  tab_length=8) == 3


def test_the_authors_own_html_blocks_stay_as_written_beside_a_block(tmp_path: Path) -> None:
    """Only the plugin's own output is brought into the page's tree: an HTML block the author
    wrote (not well-formed XML, and with a `&`) is left exactly as written."""
    raw = '<div class="note">Tom &amp; Jerry<br>and <b>friends</b></div>'
    html = convert(tmp_path, f"# Fruit\n\n{raw}\n\n```compare-table\ndataset: fruit\n```\n")
    assert raw in html
    assert "<table" in html
