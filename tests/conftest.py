"""Test fixtures: a fixed terminal environment, every test its own data dir; shared
material is optional."""

from __future__ import annotations

import os
from collections.abc import MutableMapping
from pathlib import Path

import pytest

# The environment the suite runs in, whatever the caller's terminal says: set before Textual
# is imported (it reads some of these at import, NO_COLOR when an app is made), and inherited
# by every subprocess a test starts.
FIXED_ENVIRONMENT = {
    "TERM": "xterm-256color",
    "COLORTERM": "truecolor",
    "COLUMNS": "80",
    "LINES": "24",
    "LC_ALL": "C.UTF-8",
    "LANG": "C.UTF-8",
}
UNSET_PREFIXES = ("TEXTUAL", "NO_COLOR", "FORCE_COLOR", "CLICOLOR", "TTY_COMPATIBLE")
KEPT = {"TEXTUAL_SNAPSHOT_TEMPDIR"}  # set by the snapshot plugin for its own use


def fix_environment(environ: MutableMapping[str, str]) -> None:
    """Make ``environ`` the suite's fixed terminal environment."""
    for name in [n for n in environ if n.startswith(UNSET_PREFIXES) and n not in KEPT]:
        del environ[name]
    environ.update(FIXED_ENVIRONMENT)


fix_environment(os.environ)

from quiz import paths  # noqa: E402

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point QUIZ_DATA_DIR at a fresh temporary directory so no test touches a real home."""
    data = tmp_path / "data"
    monkeypatch.setenv("QUIZ_DATA_DIR", str(data))
    paths.use_data_dir(None)
    return data


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture
def dev_corpus() -> Path:
    """The development corpus of real question files (skips when absent)."""
    return shared_path("corpus", "dev")


@pytest.fixture
def seeds() -> Path:
    """The damaged seed files (skips when absent)."""
    return shared_path("seeds")
