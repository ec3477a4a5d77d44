"""Settings kept between launches: read, merged, written whole, and clear when broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz import paths
from quiz.settings import SettingsError, load_settings, save_settings


def test_no_settings_yet_is_empty(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "settings.json") == {}


def test_saved_settings_merge_and_come_back(tmp_path: Path) -> None:
    path = tmp_path / "data" / "settings.json"
    save_settings(path, {"theme": "textual-light"})
    save_settings(path, {"exam": {"count": 12, "minutes": 30}})
    assert load_settings(path) == {"theme": "textual-light", "exam": {"count": 12, "minutes": 30}}
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]


def test_a_damaged_file_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{\n  "theme": \n}\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=r"settings\.json:3: not valid JSON"):
        load_settings(path)
    save_settings(path, {"theme": "nord"})
    assert load_settings(path) == {"theme": "nord"}


def test_a_file_that_is_not_an_object_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(SettingsError, match="not a JSON object"):
        load_settings(path)


def test_an_unwritable_place_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(SettingsError, match="cannot be written"):
        save_settings(blocker / "settings.json", {"theme": "nord"})


def test_settings_live_in_the_data_dir(isolated_data_dir: Path) -> None:
    assert paths.settings_file() == isolated_data_dir / "settings.json"
