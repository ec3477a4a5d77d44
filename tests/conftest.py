"""Test fixtures: every test gets its own data dir; shared material is optional."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz import paths

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
