"""Red team in Chromium (issue 12, item 1): hostile data text never runs, whatever reads it.

A fixture site with the course's own theme and Markdown extensions (Material with
`content.tooltips`, which builds a tooltip from an element's `title` as HTML) and data whose
every text carries a payload: a level's description, a field's, an item's value, a ranking's
verdicts and notes, names and captions. It is built and served over HTTP on 127.0.0.1, then
every element with a tooltip (a `title`, an abbreviation, an element Material gave a tooltip)
is hovered and focused. Nothing may run: the payloads' `window.__pwned` flag stays unset, no
dialog opens, and no element the payloads would create (`img[src=x]`, an `onerror` or
`onload` handler) appears in the page.

Twice: without the Content-Security-Policy, so that it is the plugin that keeps data as text
(the policy would hide a leak by refusing the handler), and with it, as the site is published.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from conftest import ROOT, mkdocs_build
from fixture_site import DATA

PAYLOAD = "<img src=x onerror=\"window.__pwned=1;alert(1)\">"
SVG_PAYLOAD = "<svg onload=\"window.__pwned=2\"></svg>"
ATTRIBUTE_PAYLOAD = "\" onmouseover=\"window.__pwned=3\" x=\""


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hostile_data() -> str:
    text = DATA
    edits = [
        ("        label: High\n",
         f"        label: High\n        description: {quoted(PAYLOAD + ' a<b and R&amp;D')}\n"),
        ("        label: Low\n",
         f"        label: Low\n        description: {quoted(ATTRIBUTE_PAYLOAD)}\n"),
        ("    label: Taste\n    type: text\n",
         f"    label: Taste\n    type: text\n    description: {quoted(SVG_PAYLOAD)}\n"),
        ("    taste: Sweet\n", f"    taste: {quoted('A VM ' + PAYLOAD)}\n"),
        ("    taste: Sour\n", f"    taste: {quoted('[VM](javascript:alert(1)) ' + SVG_PAYLOAD)}\n"),
        ("verdict: Crisp.", f"verdict: {quoted('Crisp VM. ' + PAYLOAD)}"),
        ("verdict: Too sour.", f"verdict: {quoted(ATTRIBUTE_PAYLOAD)}\n      notes: "
                               f"[{quoted(SVG_PAYLOAD)}]"),
        ("  title: Best fruit\n", f"  title: {quoted('Best ' + PAYLOAD)}\n"),
        ("  first: Best\n", f"  first: {quoted(SVG_PAYLOAD)}\n"),
    ]
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


PAGE = f"""\
# Fruit

A VM.

```compare-table
dataset: fruit
caption: {quoted('Table ' + PAYLOAD)}
```

```compare-ranking
dataset: fruit
caption: {quoted('Ranking ' + SVG_PAYLOAD)}
```

```compare-matrix
dataset: fruit
x: grade
y: grade
caption: {quoted(ATTRIBUTE_PAYLOAD)}
```
"""


def course_block(key: str) -> str:
    """A top-level block of the course's own mkdocs.yml, as written (its tags included)."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    found = re.search(rf"^{key}:\n(?:(?:[ #].*)?\n)*", config, re.M)
    assert found is not None, key
    return found[0]


def config(*, csp: bool) -> str:
    theme = course_block("theme").replace("custom_dir: overrides",
                                          f"custom_dir: {ROOT / 'overrides'}")
    assert "content.tooltips" in theme
    plugins = "plugins:\n  search: {}\n  compare: {}\n" + ("  csp: {}\n" if csp else "")
    return ("site_name: Red team\nsite_url: http://127.0.0.1/\n" + theme + plugins
            + course_block("markdown_extensions"))


@pytest.fixture(scope="module", params=[False, True], ids=["without CSP", "with CSP"])
def hostile_site(request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The hostile site built with the course's theme, served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("redteam")
    (root / "docs" / "data").mkdir(parents=True)
    (root / "docs" / "includes").mkdir()
    (root / "docs" / "data" / "fruit.yml").write_text(hostile_data(), encoding="utf-8")
    (root / "docs" / "includes" / "abbreviations.md").write_text("*[VM]: Virtual machine\n")
    (root / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    (root / "mkdocs.yml").write_text(config(csp=request.param) + "exclude_docs: includes/\n")
    build = mkdocs_build(root / "mkdocs.yml", root / "site")
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output, build.output
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root / "site")))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """The test reports what went wrong."""


TOOLTIP_OWNERS = ", ".join(f"article {owner}" for owner in
                           ("[title]", "abbr", "[aria-describedby]", "[data-md-tooltip]"))
"""Every element of the page's content with a tooltip (the theme's header and footer hold no
data)."""
INJECTED = "img[src='x'], [onerror], [onload], [onmouseover]"
WATCH_INSERTIONS = f"""
window.__injected = [];
new MutationObserver(records => {{
  for (const record of records) for (const node of record.addedNodes) {{
    if (!(node instanceof Element)) continue;
    for (const found of [node, ...node.querySelectorAll("*")])
      if (found.matches({INJECTED!r})) window.__injected.push(found.outerHTML.slice(0, 80));
  }}
}}).observe(document, {{childList: true, subtree: true}});
"""
"""Records every element a payload would make, even one a tooltip shows for a moment and
removes, and even when the policy refuses its handler."""


@pytest.mark.browser
def test_hovering_and_focusing_every_tooltip_runs_nothing(browser: Any, hostile_site: str) -> None:
    context = browser.new_context()
    context.add_init_script(WATCH_INSERTIONS)
    try:
        page = context.new_page()
        dialogs: list[str] = []

        def dialog_opened(dialog: Any) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", dialog_opened)
        page.goto(hostile_site)
        page.wait_for_load_state("networkidle")
        # Handles, not locators: Material moves a `title` away on the first hover.
        owners = page.query_selector_all(TOOLTIP_OWNERS)
        assert len(owners) >= 3, "the page has too few tooltips to test"
        hovered = 0
        for owner in owners:
            if not owner.is_visible():
                continue
            owner.scroll_into_view_if_needed()
            owner.hover()
            owner.focus()
            page.wait_for_timeout(50)
            hovered += 1
        assert hovered >= 3
        page.wait_for_timeout(300)
        assert page.evaluate("window.__pwned") is None
        assert dialogs == []
        assert page.evaluate(f"document.querySelectorAll({INJECTED!r}).length") == 0
        assert page.evaluate("window.__injected") == []
        # The payloads are shown, as text.
        assert "onerror" in page.inner_text("article")
    finally:
        context.close()
