"""Engine benchmark: time `compute()` on synthetic scenarios of growing size.

    .venv/bin/python bench/engine_bench.py [--sizes 3000,10000,30000] [--incremental]
                                           [--data both|individual|templates] [--profile]

Prints best and median of 3 runs per size, µs per resident and the growth ratios, for the
original data (every døgnskema individual) and for data where 70 % of the døgnskemaer are copies
of 200 shared templates (see bench/generate.py). Data generation and YAML parsing are timed
separately from the engine. ``--incremental`` times ``incremental.update`` after one citizen's
døgnskema entry or stay is changed (best and median over 5 citizens) and after a parameter
change (indirect share, 3 values), and checks the result against ``compute()``. Not a test:
figures depend on the machine; record them in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import platform
import pstats
import statistics
import sys
import time
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import generate
from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.incremental import prepare, update
from ressourcemodel.engine.model import Scenario


def timed(fn, runs: int = 3) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def _data(n: int, kind: str) -> Scenario:
    return generate(n, templates=kind == "templates")


def bench_compute(sizes: list[int], kind: str) -> None:
    label = "alle døgnskemaer individuelle" if kind == "individual" else "70 % fra 200 skabeloner"
    print(f"\ncompute() — {label}")
    print(f"{'beboere':>8} {'tilbud':>7} {'bedste s':>9} {'median s':>9} {'µs/beboer':>10}")
    best: dict[int, float] = {}
    for n in sizes:
        sc = _data(n, kind)
        runs = timed(lambda sc=sc: compute(sc))
        best[n] = min(runs)
        print(
            f"{n:>8} {len(sc.facilities):>7} {min(runs):>9.3f} {statistics.median(runs):>9.3f} "
            f"{min(runs) / n * 1e6:>10.1f}"
        )
    for a, b in itertools.pairwise(sizes):
        print(f"vækst {b}/{a}: {best[b] / best[a]:.2f} (lineært: {b / a:.2f})")
    if 30000 in best:
        print(f"mål 30.000 beboere ≤ 0,3 s: {'nået' if best[30000] <= 0.3 else 'ikke nået'}")


def _changed(sc: Scenario, i: int, what: str) -> Scenario:
    c = sc.citizens[i]
    if what == "døgnskema":
        a = c.assessments[0]
        e = a.entries[0]
        entries = (replace(e, end=(e.end - 5) % 1440), *a.entries[1:])
        c = replace(c, assessments=(replace(a, entries=entries), *c.assessments[1:]))
    else:
        s = c.stays[-1]
        c = replace(c, stays=(*c.stays[:-1], replace(s, move_in=s.move_in + timedelta(days=9))))
    return replace(sc, citizens=(*sc.citizens[:i], c, *sc.citizens[i + 1 :]))


def bench_incremental(sizes: list[int], kind: str) -> None:
    print(f"\nincremental.update() efter én ændring ({kind}), bedste/median af 5 borgere, ms")
    for n in sizes:
        sc = _data(n, kind)
        t = time.perf_counter()
        state = prepare(sc)
        t_prepare = time.perf_counter() - t
        for what in ("døgnskema", "ophold"):
            times = []
            for i in range(n // 7, n, n // 5)[:5]:
                if not sc.citizens[i].assessments[0].entries:
                    continue
                new_sc = _changed(sc, i, what)
                t = time.perf_counter()
                new = update(state, new_sc, changed_citizens={sc.citizens[i].id})
                times.append(time.perf_counter() - t)
                assert new.result == compute(new_sc), "incremental ≠ compute"
            print(
                f"{n:>8} beboere: prepare {t_prepare:.2f} s; {what:<9} "
                f"{min(times) * 1e3:7.1f} ms (median {statistics.median(times) * 1e3:.1f} ms)"
            )
        times = []
        for k in range(1, 4):
            p = sc.parameters
            new_sc = replace(
                sc, parameters=replace(p, indirect_share=p.indirect_share + Decimal(k) / 100)
            )
            t = time.perf_counter()
            new = update(state, new_sc)
            times.append(time.perf_counter() - t)
        assert new.result == compute(new_sc), "incremental ≠ compute"
        print(
            f"{n:>8} beboere: {'parameter':<9} {min(times) * 1e3:7.1f} ms "
            f"(median {statistics.median(times) * 1e3:.1f} ms; mål ≤ 300 ms)"
        )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="3000,10000,30000")
    ap.add_argument("--data", choices=["both", "individual", "templates"], default="both")
    ap.add_argument("--incremental", action="store_true")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    kinds = ["individual", "templates"] if args.data == "both" else [args.data]
    print(
        f"Python {platform.python_version()} · {platform.machine()} · {time.strftime('%Y-%m-%d')}"
    )
    for kind in kinds:
        bench_compute(sizes, kind)
    if args.incremental:
        for kind in kinds:
            bench_incremental(sizes, kind)
    if 3000 in sizes and not args.incremental:
        import yaml

        from ressourcemodel.scenario.dump import scenario_to_dict
        from ressourcemodel.scenario.load import parse_scenario

        text = yaml.safe_dump(scenario_to_dict(generate(3000)), allow_unicode=True)
        t = min(timed(lambda: parse_scenario(text), runs=1))
        print(
            f"indlæsning af YAML-scenarie med 3.000 beboere ({len(text) / 1e6:.1f} MB): {t:.2f} s"
        )
    if args.profile:
        sc = _data(max(sizes), kinds[-1])
        prof = cProfile.Profile()
        prof.runcall(compute, sc)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
