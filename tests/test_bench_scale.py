"""bench/scale_bench.py run small, as a user runs it: every figure printed, and the checks it
makes (the command's totals, and the incremental and parameter-change results against a full
``compute``) agree. A benchmark that stopped working would otherwise only be found by hand."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_scale_bench_runs_small_and_its_checks_agree(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "bench/scale_bench.py", "--sizes", "300,600", "--runs", "1",
         "--no-office", "--workdir", str(tmp_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "AFVIGER" not in out, out
    assert out.count("samme totaler som compute()") == 2, out
    for label in ("indlæsning", "motor", "ende-til-ende", "inkrementel", "parameterændring"):
        assert out.count(f"  {label} ") >= 2, (label, out)
    assert "vækst 600/300 (lineært 2,00)" in out, out
