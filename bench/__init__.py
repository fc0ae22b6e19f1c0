"""Benchmarks: run with ``make bench``; figures land in ``bench/results/``."""
