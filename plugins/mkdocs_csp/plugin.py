"""The MkDocs side: note what the templates insert, then give each written page its policy."""

from __future__ import annotations

import re
from typing import Any, Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .config import CspConfig
from .policy import (
    content_security_policy,
    inserted_elements,
    read_markup,
    source_hash,
    with_policy,
)

log = get_plugin_logger(__name__)

INLINE_TAG = re.compile(r"<(?:script|style)", re.IGNORECASE)


class CspPlugin(BasePlugin[CspConfig]):
    """Puts a Content-Security-Policy `<meta>` first in every HTML page the build writes.

    The policy allows scripts and styles from the site itself and, by hash, the inline scripts
    and `<style>` elements that the theme's templates hold. One that a template value brought
    in (a page's content, a title, anything from Markdown or data) gets no hash: it is reported
    and, in the browser, refused. So are inline event handlers and `javascript:` URLs, which no
    hash allows. Style attributes are allowed by the hash of each value the page holds.

    "Brought in" means "passed through a `{{ … }}` expression": Jinja's `finalize` notes each
    such value that holds `<script` or `<style`. A theme's inline script that reaches the page
    through an expression (a macro's output, `{{ super() }}` in an override) is therefore
    refused too, and reported: keep such scripts in files.
    """

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.inserted: list[str] = []
        """What the templates inserted into the page being rendered, where it holds `<script`
        or `<style`."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"],
                   dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if self.config.enabled and self.serving:
            log.info("pages served by `mkdocs serve` carry no Content-Security-Policy: its live "
                     "reload adds an inline script no hash can allow; `mkdocs build` adds it")
        return config

    def on_env(
        self, env: Environment, /, *, config: MkDocsConfig, files: Files
    ) -> Environment | None:
        if not self.config.enabled:
            return env
        previous = env.finalize
        if previous is not None and getattr(previous, "jinja_pass_arg", None) is not None:
            raise PluginError("csp: another plugin gave Jinja a `finalize` that takes a context;"
                              " the csp plugin cannot wrap it")

        def finalize(value: Any) -> Any:
            """Every `{{ … }}` of every template passes here on its way into the page."""
            if previous is not None:
                value = previous(value)
            if isinstance(value, str) and INLINE_TAG.search(value):
                self.inserted.append(str(value))
            return value

        env.finalize = finalize
        return env

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        self.inserted = []
        return context

    def on_template_context(
        self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext | None:
        self.inserted = []
        return context

    # Last, so that the policy allows the page as written, after any other plugin's changes.
    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return output
        inserted, self.inserted = self.inserted, []
        return self._protect(output, inserted, f"{page.file.src_uri}: {page.file.dest_uri}")

    @event_priority(-100)
    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        inserted, self.inserted = self.inserted, []
        if not self.config.enabled or not template_name.endswith((".html", ".htm")):
            return output_content
        return self._protect(output_content, inserted, template_name)

    def _protect(self, page: str, inserted: list[str], where: str) -> str:
        """`page` with its policy; warns about what the policy will refuse to run. `where`
        names the page in messages, which give the line in the written file."""
        markup = read_markup(page)
        refused = inserted_elements(page, markup, inserted)
        for element in refused:
            if element.tag == "style":
                log.warning("%s:%d: an inline <style> from the page's content or another template"
                            " value; the Content-Security-Policy refuses it (only the theme's own"
                            " inline styles apply): put the rules in a file listed in `extra_css`",
                            where, element.line)
            elif element.executable:
                log.warning("%s:%d: an inline <script> from the page's content or another"
                            " template value; the Content-Security-Policy refuses it (only the"
                            " theme's own inline scripts run): put the code in a file listed in"
                            " `extra_javascript`", where, element.line)
        for flagged in markup.handlers:
            log.warning("%s:%d: <%s %s=…> is an inline event handler; the"
                        " Content-Security-Policy refuses it: attach the handler from a script"
                        " file instead", where, flagged.line, flagged.tag, flagged.attribute)
        for flagged in markup.javascript_urls:
            log.warning("%s:%d: <%s %s=\"javascript:…\">; the Content-Security-Policy"
                        " refuses `javascript:` URLs: use a button and a script file instead",
                        where, flagged.line, flagged.tag, flagged.attribute)
        for line in markup.policies:
            log.warning("%s:%d: a Content-Security-Policy <meta> is already there; the"
                        " browser would enforce both: remove it", where, line)
        if self.serving:
            return page
        if markup.insert_at is None:
            log.warning("%s: no <head> tag before the first script; no Content-Security-Policy"
                        " added", where)
            return page
        refused_offsets = {element.offset for element in refused}
        script_hashes = [source_hash(script.text) for script in markup.scripts
                         if script.executable and script.offset not in refused_offsets]
        style_hashes = [source_hash(style.text) for style in markup.style_elements
                        if style.offset not in refused_offsets]
        attribute_hashes = [source_hash(style) for style in markup.style_attributes]
        policy = content_security_policy(script_hashes, style_hashes, attribute_hashes)
        return with_policy(page, markup.insert_at, policy)

