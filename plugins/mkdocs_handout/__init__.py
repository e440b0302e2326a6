"""MkDocs plugin `handout`: the built site's pages as one self-contained HTML file and a PDF."""
