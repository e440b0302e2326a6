"""A course of lectures on one MkDocs site.

Each lecture's overview page carries the lecture's metadata in its front matter (title, date,
lecturer, university, labs); everything that shows them reads them from there:

- `lectures`: the front matter read and checked, with located errors;
- `downloads`: the handout files (`handouts.json`, written by the `handout` plugin) a build links;
- `render`: the overview's heading and facts, the schedule, the glossary's "used in" lines;
- `plugin`: the MkDocs plugin (`course`);
- `cli`: the `add-lecture` command.
"""
