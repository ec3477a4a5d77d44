"""The suite does not depend on the caller's terminal: NO_COLOR, TERM=dumb, LC_ALL=C."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = {"NO_COLOR": "1", "TERM": "dumb", "LC_ALL": "C", "COLUMNS": "33", "TEXTUAL": "debug"}


def test_the_fixed_environment_is_in_force() -> None:
    assert "NO_COLOR" not in os.environ
    assert os.environ["TERM"] == "xterm-256color" and os.environ["COLUMNS"] == "80"


def test_a_snapshot_passes_under_a_hostile_terminal() -> None:
    """A colour snapshot, run by a fresh pytest in an environment that asks for no colour."""
    env = {**os.environ, **HOSTILE}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/tui/test_problems.py::test_database_problem_snapshot",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:]
