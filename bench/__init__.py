"""Benchmarks of the `compare` plugin: what it costs, how it scales, what a page weighs.

Run `python -m bench` from the repository's folder (see README.md, "Benchmarks"). Every figure
is measured side by side with its baseline in the same run, repeated, and reported as median,
min and max with the ratio to the baseline; the results go to `bench/results/latest.json` and
`docs/maintainers/benchmarks.md`.
"""
