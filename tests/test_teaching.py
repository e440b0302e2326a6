"""Teaching quality (issue 9), checked on the site built by the real `mkdocs build --strict`.

The convention these tests hold the pages to (the authoring guide belongs to another part of the
project, so it is written down here):

- A self-check is a collapsible question block, `??? question "Check yourself"` (rendered as
  `<details class="question">`), on the lecture's pages.
- Its model answer is a collapsible block nested in it, `??? success answer "Answer"` (rendered as
  `<details class="success answer">`): collapsed, without JavaScript. It is written from the
  notes, two to five sentences, and ends with a link to the section that explains it. When the
  question block holds a numbered list of questions, the answer holds a numbered list with one
  item per question, and each item follows those rules.
- The Revision page (`virtualization/revision.md`) repeats every question block of the site,
  with its answer, in the navigation's order and in the same words.
- The handout moves the answers (class `answer`) into a key after the last page
  (`answer_class` in `mkdocs.handout.yml`; see `test_handout.py`).

The lab's shell blocks must be commands only: they parse with `bash -n` and hold no prompt
(`$ `, `# `) and no output; Windows commands are in PowerShell blocks with a title.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from conftest import ROOT

REVISION_PAGE = "virtualization/revision.md"
LAB_PAGE = "labs/lab-2-virtual-machine.md"
QUESTION_CLASS = "question"
ANSWER_CLASS = "answer"
SHELL_LANGUAGES = {"bash", "sh", "shell", "console", "zsh"}
PROMPT = re.compile(r"^\s*(\$|#|%|>|PS [A-Z]:\\.*>|PS>)\s")
"""A line that starts like a shell prompt (`$ `, `# `, `% `, `> `) or a PowerShell one."""
SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019)]?(?=\s|$)")
"""The end of a sentence: a full stop, question or exclamation mark, perhaps before a closing
quotation mark or bracket, then a space or the end."""
MIN_SENTENCES, MAX_SENTENCES = 2, 5
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}


# --- a small tree of the built HTML -------------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [node for node in self.iter()
                if node.tag == tag and (cls is None or cls in node.classes)]

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def own(self, skip: set[str]) -> str:
        """The text of this node without nested elements whose tag is in `skip`."""
        return "".join(
            c if isinstance(c, str) else ("" if c.tag in skip else c.own(skip))
            for c in self.children
        )


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID_ELEMENTS:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def tree(path: Path) -> Node:
    builder = TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    return builder.root


def one_line(text: str) -> str:
    return " ".join(text.split())


# --- the site and its pages ----------------------------------------------------------------


@dataclass(frozen=True)
class SitePage:
    src: str
    url: str
    """Site path of the page, `/virtualization/methods/`."""
    content: Node
    """The page's content (Material's `<article class="md-content__inner">`)."""


@cache
def nav_pages() -> list[tuple[str, str]]:
    """(source path, site path) of every page in the navigation, in its order."""
    config: MkDocsConfig = load_config(str(ROOT / "mkdocs.yml"))
    nav = get_navigation(get_files(config), config)
    return [(page.file.src_uri, "/" + page.file.url) for page in nav.pages]


def site_pages(site: Path) -> list[SitePage]:
    pages = []
    for src, url in nav_pages():
        html = tree(site / unquote(url).lstrip("/") / "index.html"
                    if url.endswith("/") else site / unquote(url).lstrip("/"))
        (content,) = html.find_all("article", "md-content__inner")
        pages.append(SitePage(src, url, content))
    return pages


def ids_of(site: Path, url: str) -> set[str]:
    file = site / unquote(url).lstrip("/")
    if url.endswith("/"):
        file = file / "index.html"
    if not file.is_file():
        return set()
    return {node.attrs["id"] for node in tree(file).iter() if "id" in node.attrs}


def resolve(page_url: str, href: str) -> tuple[str, str]:
    """(site path, fragment) a link on the page at `page_url` leads to."""
    target = urlsplit(urljoin(page_url, href))
    return target.path, unquote(target.fragment)


# --- question and answer blocks ------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One question block and its answer, as a reader sees them, with link targets resolved."""

    page: str
    question: str
    questions: tuple[str, ...]
    """The numbered questions it holds, or the whole question text when it has no list."""
    answer: str
    answers: tuple[Node, ...]
    """The answer's units: one list item per numbered question, or the whole answer."""
    targets: tuple[tuple[str, str], ...]
    """Every link in the answer, resolved to (site path, fragment)."""


def blocks(page: SitePage) -> list[Block]:
    found = []
    for details in page.content.find_all("details", QUESTION_CLASS):
        answers = details.find_all("details", ANSWER_CLASS)
        assert len(answers) == 1, f"{page.src}: a question block without exactly one answer"
        (answer,) = answers
        question_lists = [child for child in details.children
                          if isinstance(child, Node) and child.tag == "ol"]
        answer_lists = [child for child in answer.children
                        if isinstance(child, Node) and child.tag == "ol"]
        questions = (tuple(one_line(li.text()) for li in question_lists[0].find_all("li"))
                     if question_lists else (one_line(details.own({"summary", "details"})),))
        units = tuple(answer_lists[0].find_all("li")) if answer_lists else (answer,)
        targets = tuple(resolve(page.url, a.attrs["href"])
                        for a in answer.find_all("a") if "href" in a.attrs)
        found.append(Block(page.src, one_line(details.own({"details"})), questions,
                           one_line(answer.own({"summary"})), units, targets))
    return found


def lecture_blocks(site: Path) -> list[Block]:
    """The question blocks of every page but the Revision page, in navigation order."""
    return [block for page in site_pages(site) if page.src != REVISION_PAGE
            for block in blocks(page)]


def revision_blocks(site: Path) -> list[Block]:
    (page,) = [page for page in site_pages(site) if page.src == REVISION_PAGE]
    return blocks(page)


def test_every_question_block_has_one_collapsed_answer(site: Path) -> None:
    pages = site_pages(site)
    count = 0
    for page in pages:
        for details in page.content.find_all("details", QUESTION_CLASS):
            answers = details.find_all("details", ANSWER_CLASS)
            assert len(answers) == 1, f"{page.src}: question block with {len(answers)} answers"
            assert "open" not in answers[0].attrs, f"{page.src}: answer shown open"
            count += 1
        # An answer outside a question block would answer nothing.
        stray = [node for node in page.content.find_all("details", ANSWER_CLASS)
                 if not any(node in q.iter()
                            for q in page.content.find_all("details", QUESTION_CLASS))]
        assert stray == [], f"{page.src}: answer outside a question block"
    assert count >= 6, "every lecture page with a 'Check yourself' should have been found"


def test_answers_fit_their_questions_and_end_with_a_link_to_an_existing_anchor(
    site: Path,
) -> None:
    problems = []
    for block in lecture_blocks(site):
        where = f"{block.page}: {block.questions[0][:50]!r}"
        if len(block.answers) != len(block.questions):
            problems.append(f"{where}: {len(block.questions)} questions, "
                            f"{len(block.answers)} answers")
        for unit in block.answers:
            text = one_line(unit.own({"summary"}))
            sentences = len(SENTENCE_END.findall(text))
            if not MIN_SENTENCES <= sentences <= MAX_SENTENCES:
                problems.append(f"{where}: {sentences} sentences in {text[:60]!r}")
            links = [a for a in unit.find_all("a") if "href" in a.attrs]
            if not links:
                problems.append(f"{where}: no link in {text[:60]!r}")
                continue
            last = one_line(links[-1].text())
            if not re.search(re.escape(last) + r"[.?!)]*$", text):
                problems.append(f"{where}: does not end with its link: {text[-60:]!r}")
    for block in lecture_blocks(site) + revision_blocks(site):
        for path, fragment in block.targets:
            if not fragment or fragment not in ids_of(site, path):
                problems.append(f"{block.page}: answer links to {path}#{fragment}, which "
                                "does not exist")
    assert problems == []


def test_revision_page_holds_exactly_the_sites_questions_in_nav_order(site: Path) -> None:
    def view(block: Block) -> tuple[str, str, tuple[tuple[str, str], ...]]:
        return block.question, block.answer, block.targets

    lecture = [view(block) for block in lecture_blocks(site)]
    revision = [view(block) for block in revision_blocks(site)]
    assert lecture, "the lecture's pages should have question blocks"
    assert revision == lecture


def test_revision_page_is_in_the_navigation_after_the_questions() -> None:
    sources = [src for src, _ in nav_pages()]
    assert REVISION_PAGE in sources
    assert sources.index(REVISION_PAGE) > sources.index("virtualization/questions.md")


# --- the lab's commands --------------------------------------------------------------------


@dataclass(frozen=True)
class CodeBlock:
    language: str
    title: str
    code: str


FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,})(?P<language>[\w-]*)[^\n]*\n(?P<body>.*?)"
    r"^(?P=indent)(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL)
"""A fenced code block of the page's Markdown: Pygments' HTML does not name the language
(pymdownx.highlight writes no `language-*` class by default), so it is read from the source."""


def code_blocks(site: Path, src: str) -> list[CodeBlock]:
    """The page's code blocks as the built HTML shows them (code and title), each with the
    language its fence in the Markdown source names; both lists must match block for block."""
    (page,) = [page for page in site_pages(site) if page.src == src]
    built = []
    for div in page.content.find_all("div", "highlight"):
        titles = [one_line(span.text()) for span in div.find_all("span", "filename")]
        (code,) = div.find_all("code")
        built.append((titles[0] if titles else "", code.text()))
    source = (ROOT / "docs" / src).read_text(encoding="utf-8")
    fences = []
    for fence in FENCE.finditer(source):
        indent = len(fence["indent"])
        body = "".join(line[indent:] for line in fence["body"].splitlines(keepends=True))
        fences.append((fence["language"], body))
    assert [code for _, code in built] == [body for _, body in fences], (
        "the built code blocks should be the source's fences, in order")
    return [CodeBlock(language, title, code)
            for (language, _), (title, code) in zip(fences, built, strict=True)]


def lab_code_blocks(site: Path) -> list[CodeBlock]:
    return code_blocks(site, LAB_PAGE)


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_lab_shell_blocks_parse_with_bash(site: Path) -> None:
    shell = [block for block in lab_code_blocks(site) if block.language in SHELL_LANGUAGES]
    assert len(shell) >= 10, "the lab's shell blocks should have been found"
    failures = []
    for block in shell:
        result = subprocess.run(["bash", "-n"], input=block.code, capture_output=True,
                                text=True, check=False)
        if result.returncode != 0:
            failures.append(f"{block.code!r}: {result.stderr.strip()}")
    assert failures == []


def test_lab_code_blocks_are_commands_without_prompts(site: Path) -> None:
    problems = []
    for block in lab_code_blocks(site):
        for line in block.code.splitlines():
            if PROMPT.match(line):
                problems.append(f"{block.language} block: prompt in {line!r}")
        if block.language not in SHELL_LANGUAGES | {"powershell"}:
            problems.append(f"code block in {block.language or 'no language'}: {block.code!r}")
    assert problems == []


def test_lab_windows_commands_are_labelled_powershell_blocks(site: Path) -> None:
    powershell = [block for block in lab_code_blocks(site) if block.language == "powershell"]
    assert powershell, "the lab's Windows commands should have been found"
    unlabelled = [block.code for block in powershell if "PowerShell" not in block.title]
    assert unlabelled == []
