"""Hostile-file benchmark: how long ``compute`` takes to refuse each bad scenario file.

    PYTHONPATH=src .venv/bin/python bench/hostile_bench.py [--count 1000] [--top 10]

Runs the same corrupted and hand-made files as tests/scenario/test_fuzz.py (which checks the
answers: exit 2 with a Danish message, or exit 0) through ``main(["compute", file])`` in this
process and prints the slowest ones, the median and the total. A file that takes seconds is a
way to make the service slow on purpose (deep nesting, huge numbers, alias bombs): look into any
file above a second. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.scenario.test_fuzz import HANDMADE, mutated_documents  # noqa: E402

from ressourcemodel.cli import main as command  # noqa: E402
from ressourcemodel.formatting import format_number  # noqa: E402


def seconds(x: float) -> str:
    return format_number(x, 3) + " s"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Tid pr. fjendtlig scenariefil")
    ap.add_argument("--count", type=int, default=1000, help="antal muterede filer")
    ap.add_argument("--top", type=int, default=10, help="vis de langsomste")
    args = ap.parse_args(argv)
    files = mutated_documents(args.count) + HANDMADE
    took: list[tuple[float, str, int]] = []
    with tempfile.TemporaryDirectory(prefix="hostile-bench-") as tmp:
        for i, (name, content, suffix) in enumerate(files):
            f = Path(tmp) / f"s{i}{suffix}"
            f.write_bytes(content)
            sink = io.StringIO()
            t = time.perf_counter()
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                code = command(["compute", str(f)])
            took.append((time.perf_counter() - t, name, code))
    took.sort(reverse=True)
    times = [t for t, _, _ in took]
    median = seconds(statistics.median(times))
    print(f"{len(files)} filer · i alt {seconds(sum(times))} · median {median}")
    print(f"De {args.top} langsomste:")
    for t, name, code in took[: args.top]:
        print(f"  {seconds(t):>10}  kode {code}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
