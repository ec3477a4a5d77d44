"""What the app does with a damaged, newer, read-only or full database and with records that
fail to load."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from damaged_stores import DAMAGES, USABLE, damaged, snapshot

from quiz.bank import load_banks, write_record
from quiz.exam import ExamConfig, ExamSession
from quiz.store import Store, StoreError, utc_now
from quiz.tui.app import QuizApp
from quiz.tui.screens.database import DatabaseProblemScreen, StoreWriteScreen
from quiz.tui.screens.exam_run import ExamScreen
from quiz.tui.screens.home import HomeScreen
from quiz.tui.screens.practice import PracticeScreen
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


# ---------------------------------------------------------------- damaged and full


@pytest.mark.parametrize("kind", sorted(DAMAGES))
async def test_app_start_and_one_answer_on_a_damaged_database(
    kind: str, make_app: Callable[..., QuizApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "progress.sqlite3"
    damaged(db, kind, monkeypatch)
    before = snapshot(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        if kind in USABLE:
            await pilot.press("p", "1", "enter")
            assert isinstance(app.screen, PracticeScreen) and app.screen.practice.history
            return
        dialog = app.screen
        assert isinstance(dialog, DatabaseProblemScreen) and str(db) in dialog.message
        assert snapshot(tmp_path) == before
        await pilot.press("b")
        if kind == "read-only":
            assert "read-only" in dialog.message and not dialog.can_reset
            assert app.screen is dialog and not list(tmp_path.glob("*.broken-*"))
            return
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("p", "1", "enter")
        assert isinstance(app.screen, PracticeScreen) and app.screen.practice.history
    (backup,) = tmp_path.glob("progress.sqlite3.broken-*")
    assert snapshot(tmp_path)[backup.name] == before["progress.sqlite3"]


async def test_a_database_damaged_while_answering_offers_the_back_up(
    make_app: Callable[..., QuizApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "1")
        broken = sqlite3.DatabaseError("database disk image is malformed")
        monkeypatch.setattr(Store, "transaction", raising(broken))
        await pilot.press("enter")
        assert isinstance(app.screen, DatabaseProblemScreen) and "damaged" in app.screen.message
        monkeypatch.undo()
        await pilot.press("b")
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 2
    assert len(list(tmp_path.glob("progress.sqlite3.broken-*"))) == 1


def raising(error: Exception) -> Callable[..., object]:
    @contextmanager
    def transaction(self: Store) -> Iterator[None]:
        raise error
        yield

    return transaction


DISK_FULL = sqlite3.OperationalError("database or disk is full")


async def test_a_full_disk_keeps_the_practice_question_and_retries(
    make_app: Callable[..., QuizApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "1", "enter", "n", "2")
        practice = app.screen
        assert isinstance(practice, PracticeScreen) and len(practice.practice.history) == 1
        monkeypatch.setattr(Store, "transaction", raising(DISK_FULL))
        await pilot.press("enter")
        assert isinstance(app.screen, StoreWriteScreen) and "disk is full" in app.screen.message
        await pilot.press("escape")  # not now: the question stays, unanswered
        assert app.screen is practice and not practice.practice.current.submitted
        assert practice.practice.current.picked == {"B"}
        await pilot.press("enter")
        assert isinstance(app.screen, StoreWriteScreen)
        monkeypatch.undo()
        await pilot.press("r")
        assert app.screen is practice and practice.practice.current.submitted
        assert app.screen.query_one("#verdict")
    with Store(tmp_path / "progress.sqlite3") as store:
        assert len(store.answers()) == 2


async def test_a_full_disk_takes_back_an_exam_pick_until_it_is_saved(
    make_app: Callable[..., QuizApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    app.exam_request = ExamConfig(count=4, minutes=60, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ExamScreen)
        monkeypatch.setattr(Store, "transaction", raising(DISK_FULL))
        await pilot.press("b")
        assert isinstance(app.screen, StoreWriteScreen)
        assert screen.session.items[0].chosen == frozenset()
        monkeypatch.undo()
        await pilot.press("r")
        assert app.screen is screen and screen.session.items[0].chosen == {"B"}
        exam_id = screen.session.exam_id
    with Store(tmp_path / "progress.sqlite3") as store:
        stored = store.exam(exam_id)
        assert stored is not None and stored.items[0].chosen == "B"


async def test_a_full_disk_at_the_start_of_an_exam_starts_it_on_retry(
    make_app: Callable[..., QuizApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        monkeypatch.setattr(Store, "transaction", raising(DISK_FULL))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StoreWriteScreen)
        monkeypatch.undo()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ExamScreen)
    with Store(tmp_path / "progress.sqlite3") as store:
        assert len(store.unfinished_exam_ids()) == 1


READS = (
    "answer_totals",
    "day_totals",
    "due_dates",
    "flagged",
    "unfinished_exam_ids",
    "create_exam",
)


@pytest.mark.parametrize("key", ["p", "r", "d", "w", "e", "s"])
async def test_a_database_that_fails_on_opening_a_screen_offers_the_back_up(
    key: str, make_app: Callable[..., QuizApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every way to start studying reads the database: a failure there is the dialog, not a
    crash (and leaving the dialog leaves nothing half-open)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.store is not None
        damage = StoreError(app.store.path, "the progress database is damaged (malformed)")
        for name in READS:
            monkeypatch.setattr(Store, name, raising_method(damage))
        await pilot.press(key)
        if key == "e" and not isinstance(app.screen, DatabaseProblemScreen):
            await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DatabaseProblemScreen), app.screen
        assert app.is_running
        monkeypatch.undo()
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


def raising_method(error: Exception) -> Callable[..., object]:
    def method(self: Store, *args: object, **kwargs: object) -> object:
        raise error

    return method


async def test_an_unfinished_exam_with_unreadable_settings_opens_the_dialog(
    make_app: Callable[..., QuizApp], tmp_path: Path
) -> None:
    with Store(tmp_path / "progress.sqlite3") as store:
        ExamSession.start(store, fixture_questions(), ExamConfig(count=2), utc_now)
        store.connection.execute("UPDATE exams SET settings = '{not json'")
        store.connection.commit()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DatabaseProblemScreen) and app.is_running
        assert "unreadable" in app.screen.message
