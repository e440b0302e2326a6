"""Options of the `handout` plugin, as written under `plugins:` in an MkDocs config."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class CoverConfig(Config):
    """What the handout's first page says. Each line is left out when it is not set."""

    title = opt.Optional(opt.Type(str))
    """The handout's title; default: `site_name`."""

    subtitle = opt.Optional(opt.Type(str))
    """A line under the title, e.g. the course."""

    author = opt.Optional(opt.Type(str))
    """Who wrote or gave what the handout holds; default: `site_author`."""

    organization = opt.Optional(opt.Type(str))
    """University, school or company."""

    date = opt.Optional(opt.Type(str))
    """Written as it should be printed (quote it in YAML: `date: "25 November 2025"`)."""


class HandoutConfig(Config):
    """Typed options of `HandoutPlugin`."""

    enabled = opt.Type(bool, default=True)
    """Turn the plugin off: the build then writes the site only."""

    output_dir = opt.Dir(default="dist")
    """Folder the handout files are written to, relative to the config file: two files per
    book and their list, `handouts.json` (name, size and pages of each file, and the page
    that declared the book), which a site build reads to link them. Nothing else in it is
    touched."""

    filename = opt.Type(str, default="handout")
    """Name of the whole site's book without extension: `<filename>.html` and
    `<filename>.pdf`."""

    book_key = opt.Type(str, default="handout")
    """Page metadata key that declares a book of its own, besides the whole site's:
    `{filename: …, pages: [source paths], cover: {title: …, subtitle: …, author: …,
    organization: …, date: …}}`. The `course` plugin declares one per lecture on its
    overview page; front matter can declare one too. Its pages go in in the navigation's
    order, `exclude` applying as for the whole book."""

    exclude = opt.ListOfItems(opt.Type(str), default=[])
    """Pages of the navigation left out, as glob patterns of their source paths relative to
    `docs_dir` (`authoring/*`). Everything else in the navigation goes in, in its order."""

    cover = opt.SubConfig(CoverConfig)
    """The whole site's book's first page: title, subtitle, author, organization and date."""

    contents_title = opt.Type(str, default="Contents")
    """Heading of the table of contents (translate it for a site in another language)."""

    answer_class = opt.Optional(opt.Type(str))
    """Class of the collapsible blocks (`<details>`) that hold model answers, e.g. `answer` for
    `??? success answer "Answer"`. Each is taken out of its page and printed in an answer key
    after the last page, with a link back to its question; in its place the page keeps a link
    to it. Not set: answers stay where they are."""

    answer_key_title = opt.Type(str, default="Answer key")
    """Heading of the answer key (and its entry in the table of contents)."""

    answer_reference = opt.Type(str, default="Answer: in the answer key")
    """Text of the link each question keeps to its answer in the key."""

    pdf = opt.Type(bool, default=True)
    """Also print the HTML file to a PDF with a headless Chromium (needs the `handout` extra:
    Playwright)."""

    chromium = opt.Type(str, default="/usr/bin/chromium")
    """The Chromium executable that prints the PDF; checked only when `pdf` is on."""

    paper = opt.Choice(("A4", "A3", "A5", "Letter", "Legal"), default="A4")
    """Paper size of the PDF."""
