"""Run every benchmark and write its figures to bench/results/."""

from bench import rerun, resolution

if __name__ == "__main__":
    rerun.main()
    resolution.main([])
