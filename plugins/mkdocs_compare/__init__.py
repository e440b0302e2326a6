"""Comparison tables and diagrams rendered from structured data, for Python-Markdown and MkDocs.

The package is a pipeline, one folder a stage, each importing only from the stages before it:

- `data`: data files read as located YAML, checked against the schema, loaded into the model;
- `render`: pure functions, validated data in, HTML or SVG text out;
- `blocks`: the block kinds an author writes in a page, their options and renderers;
- `extension`: the Python-Markdown extension that renders blocks (usable without MkDocs);
- `plugin`: the MkDocs plugin on top (watching, the stylesheet, clean build failures).

`errors` and `instrument` serve every stage.
"""
