"""Options of the `course` plugin, as written under `plugins:` in `mkdocs.yml`."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class CourseConfig(Config):
    """Typed options of `CoursePlugin`."""

    enabled = opt.Type(bool, default=True)
    """Turn the plugin off: lecture overviews then show only their own text, the schedule
    block stays empty and no handout is declared."""

    code = opt.Type(str)
    """The course's code, e.g. `T-401-ICYB`: shown beside the university on every lecture
    overview, and the start of every handout's file name (`T-401-ICYB-virtualization.pdf`)."""

    date_format = opt.Type(str, default="%d.%m.%Y")
    """How a lecture's date (written `2025-11-25` in its front matter) is shown, in
    `strftime` codes: on the overview, in the schedule and on the handout's cover."""

    glossary = opt.Optional(opt.Type(str))
    """Source path of the glossary page (`glossary.md`): each of its entries (a definition
    list's terms) gets a line naming the lectures whose pages use the term."""

    downloads_dir = opt.Type(str, default="dist")
    """Folder the `handout` plugin writes the handout files and their list (`handouts.json`)
    to, relative to the config file. The files listed there are published in the site's
    `downloads/` folder and linked from the schedule and each lecture's overview."""

    require_downloads = opt.Type(bool, default=False)
    """Stop the build (a warning, fatal with `--strict`) when a lecture or the course has no
    handout in `downloads_dir`. Off for everyday builds (`mkdocs serve` on a fresh clone);
    the publishing workflow turns it on (`COURSE_REQUIRE_DOWNLOADS=true`)."""

    handout_key = opt.Type(str, default="handout")
    """Page metadata key the `handout` plugin reads a book from: the plugin declares one
    book per lecture under it on the lecture's overview page."""
