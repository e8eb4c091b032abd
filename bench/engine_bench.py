"""Engine benchmark: time `compute()` on synthetic scenarios of growing size.

    .venv/bin/python bench/engine_bench.py [--sizes 3000,10000,30000] [--profile]

Prints best and median of 3 runs per size, µs per resident and the growth ratios. Data
generation and YAML parsing are timed separately from the engine. Not a test: figures depend on
the machine; record them in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import cProfile
import platform
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import itertools

from generate import generate
from ressourcemodel.engine.compute import compute


def timed(fn, runs: int = 3) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="3000,10000,30000")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"Python {platform.python_version()} · {platform.machine()} · {time.strftime('%Y-%m-%d')}"
    )
    print(f"{'beboere':>8} {'tilbud':>7} {'bedste s':>9} {'median s':>9} {'µs/beboer':>10}")
    best: dict[int, float] = {}
    for n in sizes:
        sc = generate(n)
        runs = timed(lambda sc=sc: compute(sc))
        best[n] = min(runs)
        print(
            f"{n:>8} {len(sc.facilities):>7} {min(runs):>9.3f} {statistics.median(runs):>9.3f} "
            f"{min(runs) / n * 1e6:>10.1f}"
        )
    for a, b in itertools.pairwise(sizes):
        print(f"vækst {b}/{a}: {best[b] / best[a]:.2f} (lineært: {b / a:.2f})")
    if 30000 in best:
        print(f"mål 30.000 beboere ≤ 1,0 s: {'nået' if best[30000] <= 1.0 else 'ikke nået'}")
    if 3000 in sizes:
        import yaml

        from ressourcemodel.scenario.dump import scenario_to_dict
        from ressourcemodel.scenario.load import parse_scenario

        text = yaml.safe_dump(scenario_to_dict(generate(3000)), allow_unicode=True)
        t = min(timed(lambda: parse_scenario(text), runs=1))
        print(
            f"indlæsning af YAML-scenarie med 3.000 beboere ({len(text) / 1e6:.1f} MB): {t:.2f} s"
        )
    if args.profile:
        sc = generate(max(sizes))
        prof = cProfile.Profile()
        prof.runcall(compute, sc)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
