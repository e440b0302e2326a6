"""MkDocs plugin: a Content-Security-Policy `<meta>` in every built page, allowing the site's own
scripts and the hashes of its templates' inline scripts, nothing else."""
