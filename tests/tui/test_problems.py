"""What the app does with a damaged or newer database and with records that fail to load."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from quiz.bank import load_banks, write_record
from quiz.store import Store
from quiz.tui.app import QuizApp
from quiz.tui.screens import DatabaseProblemScreen, HomeScreen
from tui.conftest import SIZE
from tui.fixture_bank import fixture_questions


async def test_damaged_database_is_backed_up_and_a_fresh_one_opened(
    make_app: Callable[..., QuizApp], tmp_path: Path
) -> None:
    db = tmp_path / "progress.sqlite3"
    db.write_bytes(b"not sqlite at all" * 200)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, DatabaseProblemScreen)
        assert "damaged" in app.screen.message and str(db) in app.screen.message
        await pilot.press("b")
        assert isinstance(app.screen, HomeScreen)
    backups = list(tmp_path.glob("progress.sqlite3.broken-*"))
    assert len(backups) == 1 and backups[0].read_bytes().startswith(b"not sqlite")
    with Store(db) as store:
        assert store.answers() == []


async def test_newer_database_can_be_left_untouched(
    make_app: Callable[..., QuizApp], tmp_path: Path
) -> None:
    db = tmp_path / "progress.sqlite3"
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA user_version=999")
    connection.close()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert "newer quiz" in app.screen.message
        await pilot.press("q")
    assert app.return_code == 0
    assert not list(tmp_path.glob("*.broken-*"))


async def test_record_that_fails_to_load_is_named_in_a_warning(
    make_app: Callable[..., QuizApp], tmp_path: Path
) -> None:
    bank_dir = tmp_path / "bank"
    for question in fixture_questions(3):
        write_record(bank_dir, question)
    broken = bank_dir / "delta" / "broken.yaml"
    broken.write_text("id: [unclosed\n")
    app = make_app(bank=load_banks([bank_dir]))
    async with app.run_test(size=SIZE):
        messages = [n.message for n in app._notifications]
        assert any(str(broken) in message for message in messages)
        assert isinstance(app.screen, HomeScreen)


def test_database_problem_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    message = "~/progress.sqlite3: the progress database is damaged (file is not a database)"

    async def show_problem(pilot) -> None:
        await pilot.app.push_screen(DatabaseProblemScreen(message))

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=show_problem)
