"""Pure renderers: validated data in, HTML or SVG text out."""
