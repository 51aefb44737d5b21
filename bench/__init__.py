"""Benchmarks: `python -m bench` writes docs/performance.md."""
