"""Progress store reliability: kill -9, two writers, damaged and newer databases, flags."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quiz.store import Store, StoreError, back_up_and_reset

NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, UTC
    from pathlib import Path
    from quiz.store import Store
    store = Store(Path(sys.argv[1]))
    for n in range(int(sys.argv[2])):
        store.record_answer(f"demo/{sys.argv[3]}{n}", "A", True, 1.0, "practice",
                            datetime.now(UTC))
        print(n, flush=True)
    if len(sys.argv) > 4:
        sys.stdin.read()  # wait here until killed
    """
)


def writer(db: Path, count: int, prefix: str, *, wait: bool = False) -> subprocess.Popen[str]:
    args = [sys.executable, "-c", WRITER, str(db), str(count), prefix] + (["wait"] if wait else [])
    return subprocess.Popen(
        args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_kill_9_loses_no_answer_given_before(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    process = writer(db, 5, "Q", wait=True)
    assert process.stdout is not None
    lines = [process.stdout.readline() for _ in range(5)]
    assert lines[-1].strip() == "4"
    process.send_signal(signal.SIGKILL)
    process.wait()
    with Store(db) as store:
        assert [a.question_key for a in store.answers()] == [f"demo/Q{n}" for n in range(5)]


def test_two_processes_write_at_once_without_locking_errors(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    Store(db).close()
    processes = [writer(db, 150, prefix) for prefix in ("A", "B")]
    for process in processes:
        _, errors = process.communicate(timeout=120)
        assert process.returncode == 0, errors
    with Store(db) as store:
        assert len(store.answers()) == 300


def test_two_stores_in_one_process_see_each_others_answers(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    with Store(db) as first, Store(db) as second:
        first.record_answer("demo/1", "A", True, 1.0, "practice", NOW)
        second.set_flag("bookmarks", "demo/1", True, NOW)
        assert second.answers()[0].question_key == "demo/1"
        assert first.flagged("bookmarks") == {"demo/1"}


def test_damaged_database_is_a_clear_error_and_can_be_backed_up(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="damaged") as caught:
        Store(db)
    assert str(db) in str(caught.value)
    backup = back_up_and_reset(db, NOW)
    assert backup.read_bytes().startswith(b"this is not")
    with Store(db) as store:
        assert store.answers() == []


def test_newer_database_is_refused_with_its_version(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA user_version=999")
    connection.close()
    with pytest.raises(StoreError, match="newer quiz"):
        Store(db)


def test_flags_toggle_and_unknown_tables_are_refused(tmp_path: Path) -> None:
    with Store(tmp_path / "p.sqlite3") as store:
        store.set_flag("suspended", "demo/1", True, NOW)
        store.set_flag("suspended", "demo/1", True, NOW)
        assert store.flagged("suspended") == {"demo/1"}
        store.set_flag("suspended", "demo/1", False, NOW)
        assert store.flagged("suspended") == set()
        with pytest.raises(ValueError):
            store.flagged("answers; DROP TABLE answers")


def test_answer_totals_follow_inserts_deletes_and_old_answers(tmp_path: Path) -> None:
    from datetime import timedelta

    with Store(tmp_path / "p.sqlite3") as store:
        later = store.record_answer("demo/1", "A", True, 1.0, "practice", NOW)
        store.record_answer("demo/1", "B", False, 1.0, "practice", NOW - timedelta(days=30))
        store.record_answer("demo/2", "B", False, 1.0, "practice", NOW)
        totals = store.answer_totals(NOW)["demo/1"]
        assert (totals.attempts, totals.correct, totals.last_correct) == (2, 1, True)
        assert totals.recent == pytest.approx(1.5) and totals.recent_correct == pytest.approx(1)
        store.connection.execute("DELETE FROM answers WHERE id = ?", (later,))
        totals = store.answer_totals(NOW)["demo/1"]
        assert (totals.attempts, totals.correct, totals.last_correct) == (1, 0, False)
        assert totals.last_answered == NOW - timedelta(days=30)
        store.connection.execute("DELETE FROM answers WHERE question_key = 'demo/1'")
        assert set(store.answer_totals(NOW)) == {"demo/2"}


def test_totals_are_built_for_answers_given_before_the_upgrade(tmp_path: Path) -> None:
    from quiz.store import MIGRATIONS

    db = tmp_path / "p.sqlite3"
    connection = sqlite3.connect(db)
    for script in MIGRATIONS[:2]:
        connection.executescript(script)
    connection.execute(
        "INSERT INTO answers (question_key, chosen, correct, seconds, mode, answered_at)"
        " VALUES ('demo/1', 'A', 1, 1.0, 'practice', '2025-03-14T09:30:00.000000+00:00')"
    )
    connection.execute("PRAGMA user_version=2")
    connection.commit()
    connection.close()
    with Store(db) as store:
        totals = store.answer_totals(NOW)["demo/1"]
        assert (totals.attempts, totals.correct) == (1, 1)
        assert totals.recent == pytest.approx(1.0)


ANSWERER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta, UTC
    from pathlib import Path
    from quiz.learning import record_answer
    from quiz.model import Question
    from quiz.store import Store
    start = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
    question = Question(id="Q1", bank="demo", stem="Which?", options={"A": "a", "B": "b"},
                        answer=("A",))
    process, count = int(sys.argv[2]), int(sys.argv[3])
    store = Store(Path(sys.argv[1]))
    sys.stdin.readline()  # all start together
    for n in range(count):
        chosen = "A" if (n + process) % 3 else "B"
        at = start + timedelta(hours=n, minutes=process)  # the injected clock
        record_answer(store, question, chosen, seconds=1.0, mode="practice", now=at)
    """
)


def test_answers_from_five_processes_to_one_question_lose_no_card_update(tmp_path: Path) -> None:
    from quiz.learning import grade, review_card

    db = tmp_path / "progress.sqlite3"
    Store(db).close()
    count = 15
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", ANSWERER, str(db), str(number), str(count)],
            stdin=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number in range(5)
    ]
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    for process in processes:
        _, errors = process.communicate(timeout=120)
        assert process.returncode == 0, errors
    with Store(db) as store:
        rows = store.connection.execute(
            "SELECT correct, answered_at FROM answers ORDER BY id"
        ).fetchall()
        stored = store.card("demo/Q1")
    assert len(rows) == 5 * count and stored is not None
    card = None
    for correct, at in rows:  # a sequential replay, in commit order
        rating = grade(bool(correct), False, 1.0, [1.0])  # every answer took 1 s: never Easy
        card, due = review_card(card, rating, datetime.fromisoformat(at))
    assert stored == (card, due)


def test_undo_keeps_the_card_of_a_later_answer_from_another_process(tmp_path: Path) -> None:
    from quiz.learning import record_answer, undo_answer
    from quiz.model import Question

    question = Question(id="Q1", bank="demo", stem="?", options={"A": "a", "B": "b"}, answer=("A",))
    with Store(tmp_path / "p.sqlite3") as mine, Store(tmp_path / "p.sqlite3") as other:
        first = record_answer(mine, question, "A", seconds=1, mode="practice", now=NOW)
        record_answer(other, question, "B", seconds=1, mode="practice", now=NOW)
        later = mine.card(question.key)
        undo_answer(mine, first)
        assert mine.card(question.key) == later
        assert [a.chosen for a in mine.answers()] == ["B"]


def test_closing_waits_for_a_read_in_another_thread_and_later_calls_are_refused(
    tmp_path: Path,
) -> None:
    """A worker thread still reading when the app quits: SQLite would crash the process
    if the connection closed under it, so closing waits, and a later call says so."""
    import threading

    from quiz.store import StoreClosedError

    store = Store(tmp_path / "p.sqlite3")
    reading, may_finish, closed = threading.Event(), threading.Event(), threading.Event()

    def slow_read() -> None:
        with store.lock:  # as a guarded call holds it
            reading.set()
            may_finish.wait(5)
            store.answers()

    reader = threading.Thread(target=slow_read)
    reader.start()
    reading.wait(5)
    closer = threading.Thread(target=lambda: (store.close(), closed.set()))
    closer.start()
    assert not closed.wait(0.2)  # closing waits for the read
    may_finish.set()
    reader.join(5)
    closer.join(5)
    assert closed.is_set()
    with pytest.raises(StoreClosedError):
        store.answers()
