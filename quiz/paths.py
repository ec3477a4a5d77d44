"""The only module that knows where quiz keeps its files.

Everything lives under one data directory: ``--data-dir`` wins, then the
``QUIZ_DATA_DIR`` environment variable, then the platform's user data dir.
Nothing is created at import time; ``ensure_dir`` creates it when it is first written.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

_override: Path | None = None


class DataDirError(Exception):
    """The data directory cannot be used: ``data dir X: is a file`` (one line for the user)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"data dir {path}: {reason}")
        self.path = path


def ensure_dir(path: Path) -> Path:
    """Create a directory quiz writes to (with its parents) and check it is writable;
    ``DataDirError`` says why not."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise DataDirError(path, "is a file, not a directory") from None
    except NotADirectoryError:
        raise DataDirError(path, "cannot be created: a file is in the way") from None
    except OSError as error:
        raise DataDirError(path, f"cannot be created ({error.strerror or error})") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise DataDirError(path, "is not writable")
    return path


def check_data_dir() -> None:
    """Raise ``DataDirError`` when the data dir cannot be used (it is created if missing)."""
    ensure_dir(data_dir())


def use_data_dir(path: Path | str | None) -> None:
    """Redirect the data directory for this process (the ``--data-dir`` option)."""
    global _override
    _override = Path(path).expanduser() if path else None


def data_dir() -> Path:
    """The directory holding progress, imported banks and caches."""
    if _override is not None:
        return _override
    env = os.environ.get("QUIZ_DATA_DIR")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("quiz", appauthor=False))


def imported_banks_dir() -> Path:
    """Where ``quiz import`` writes records when no ``--out`` is given."""
    return data_dir() / "banks"


def progress_db() -> Path:
    """The SQLite database of answers, reviews and exams."""
    return data_dir() / "progress.sqlite3"


def settings_file() -> Path:
    """Small settings kept between launches (``quiz.settings``)."""
    return data_dir() / "settings.json"


def cache_dir() -> Path:
    """Compiled caches that can always be rebuilt from the YAML records."""
    return data_dir() / "cache"


def bundled_bank_dir() -> Path:
    """The question bank shipped with quiz (inside the wheel, or the source tree)."""
    installed = Path(__file__).parent / "questions"
    if installed.is_dir():
        return installed
    return Path(__file__).parent.parent / "questions"


def default_bank_dirs() -> list[Path]:
    """The bundled bank plus the user's imported banks, when present."""
    dirs = [bundled_bank_dir()]
    imported = imported_banks_dir()
    if imported.is_dir():
        dirs.append(imported)
    return dirs
