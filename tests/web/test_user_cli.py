"""`ressourcemodel user create | deactivate | reset-password` on a fresh SQLite database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def test_user_commands(tmp_path: Path) -> None:
    if os.environ.get("RESSOURCEMODEL_DB") == "postgres":
        pytest.skip("uses a fresh SQLite file")
    env = {**os.environ, "RESSOURCEMODEL_DB_PATH": str(tmp_path / "u.sqlite3")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ressourcemodel.cli", *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    assert run("demo", "--no-serve").returncode == 0
    made = run(
        "user", "create", " Ny.Bruger ", "--role", "kobende_kommune", "--municipality", "751"
    )
    assert made.returncode == 0, made.stderr
    password = made.stdout.strip().splitlines()[-1]
    assert len(password) >= 12
    assert run("user", "create", "ny.bruger", "--role", "ledelse").returncode == 2  # exists
    bad = run("user", "create", "x", "--role", "konge")
    assert bad.returncode == 2
    assert "Ukendt rolle" in bad.stderr
    assert "Ny midlertidig" in run("user", "reset-password", "NY.BRUGER").stdout
    assert run("user", "deactivate", "ny.bruger").returncode == 0
    last = run("user", "deactivate", "admin")
    assert last.returncode == 2
    assert "sidste administrator" in last.stderr
    token = run("token", "create", "okonomi")
    assert token.returncode == 0
    assert token.stdout.strip().splitlines()[-1].startswith("rm_")
