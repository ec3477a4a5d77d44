"""Small settings kept between launches (the theme, the last custom exam set-up).

They live in ``paths.settings_file()`` (``settings.json`` in the data dir), one JSON
object. ``load_settings`` reads them, ``save_settings`` merges changes in and writes the
file whole (a new file moved into place, so a crash never leaves half a file).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from quiz.files import write_text_atomically


class SettingsError(Exception):
    """The settings cannot be read or written: one line for the user, naming the file."""


def load_settings(path: Path) -> dict[str, Any]:
    """The saved settings; ``{}`` when there are none yet. ``SettingsError`` when the file
    cannot be read or is not a JSON object."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(f"{path}: cannot be read ({_reason(error)})") from None
    try:
        settings = json.loads(text)
    except json.JSONDecodeError as error:
        raise SettingsError(f"{path}:{error.lineno}: not valid JSON ({error.msg})") from None
    if not isinstance(settings, dict):
        raise SettingsError(f"{path}: not a JSON object")
    return settings


def save_settings(path: Path, changes: Mapping[str, Any]) -> None:
    """Merge ``changes`` into the saved settings and write them (a damaged file is replaced);
    ``SettingsError`` when they cannot be written."""
    try:
        settings = load_settings(path)
    except SettingsError:
        settings = {}
    settings.update(changes)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(path, json.dumps(settings, indent=2, ensure_ascii=False) + "\n")
    except OSError as error:
        raise SettingsError(f"{path}: cannot be written ({_reason(error)})") from None


def _reason(error: Exception) -> str:
    return getattr(error, "strerror", None) or str(error)
