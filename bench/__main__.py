"""Run every benchmark and write its figures to bench/results/."""

from bench import rerun, resolution, twitter_speed

if __name__ == "__main__":
    rerun.main()
    resolution.main([])
    twitter_speed.main([])
