"""'I'm guessing': FSRS grades, the stored mark and its migration, tag scores, forecast, stats."""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating
from test_records import make_question

from quiz.commands.stats import stats_json, stats_table
from quiz.forecast import evidence
from quiz.learning import (
    grade,
    record_answer,
    review_card,
    study_stats,
    tag_scores,
    undo_answer,
)
from quiz.model import Question
from quiz.session import PracticeSession
from quiz.store import MIGRATIONS, Store

NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


def question(number: int, topic: str = "Jobs-API") -> Question:
    return make_question(id=f"Q{number:03d}", answer=("A",), topics=(topic,), traps=())


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "progress.sqlite3") as opened:
        yield opened


def test_grades_wrong_again_guess_hard_sure_good_quick_and_sure_easy() -> None:
    assert grade(False, False, 2.0, [30.0]) == Rating.Again
    assert grade(False, True, 2.0, [30.0]) == Rating.Again
    assert grade(True, True, 2.0, [30.0]) == Rating.Hard  # a quick right guess is still Hard
    assert grade(True, False, 30.0, [30.0]) == Rating.Good
    assert grade(True, False, 9.0, [30.0, 27.0, 60.0]) == Rating.Easy  # under 30 / 3
    assert grade(True, False, 10.0, [30.0]) == Rating.Good  # a third exactly: not under it
    assert grade(True, False, 0.5, []) == Rating.Good  # a first answer is never Easy


def test_a_right_guess_is_stored_guessed_and_graded_hard_and_undo_restores(store: Store) -> None:
    q = question(1)
    recorded = record_answer(store, q, ("A",), seconds=5, mode="practice", now=NOW, guessed=True)
    (stored,) = store.answers()
    assert stored.guessed and stored.correct
    assert store.card(q.key) == review_card(None, Rating.Hard, NOW)
    totals = store.answer_totals(NOW)[q.key]
    assert (totals.guesses, totals.guessed_correct) == (1, 1)
    assert totals.recent_guessed_correct == pytest.approx(1.0)
    undo_answer(store, recorded)
    assert store.answers() == [] and store.card(q.key) is None
    assert store.answer_totals(NOW) == {}


def test_a_quick_sure_answer_after_slower_ones_is_easy(store: Store) -> None:
    q = question(1)
    record_answer(store, q, ("A",), seconds=30, mode="practice", now=NOW)
    card_json = store.card(q.key)
    assert card_json is not None
    later = NOW + timedelta(days=3)
    record_answer(store, q, ("A",), seconds=4, mode="practice", now=later)
    assert store.card(q.key) == review_card(card_json[0], Rating.Easy, later)


def test_the_session_marks_the_current_answer_until_it_is_submitted(store: Store) -> None:
    session = PracticeSession(
        [question(1)], mode="practice", store=store, now=NOW, rng=random.Random(1)
    )
    assert session.toggle_guessing() and session.current.view().guessing
    assert session.toggle_guessing() and not session.current.guessing
    session.toggle_guessing()
    session.pick("A")
    assert session.submit(NOW + timedelta(seconds=5))
    assert not session.toggle_guessing()  # answered: the mark is stored
    assert [a.guessed for a in store.answers()] == [True]


def test_a_right_guess_counts_half_in_tag_scores_and_forecast_priors(store: Store) -> None:
    guessed, sure = question(1, "Guessed"), question(2, "Sure")
    record_answer(store, guessed, ("A",), seconds=5, mode="practice", now=NOW, guessed=True)
    record_answer(store, sure, ("A",), seconds=5, mode="practice", now=NOW)
    scores = {s.tag: s for s in tag_scores([guessed, sure], store.answer_totals(NOW))}
    # overall: (0.5 + 1) / 2 = 0.75; a tag: (its credit + 4 * 0.75) / (1 + 4)
    assert scores["Guessed"].score == pytest.approx((0.5 + 3) / 5)
    assert scores["Sure"].score == pytest.approx((1 + 3) / 5)
    assert scores["Guessed"].correct == 1  # the plain count stays a count of right answers
    assert evidence(store).first == {guessed.key: 0.5, sure.key: 1.0}


def test_stats_say_how_often_guesses_were_right(store: Store) -> None:
    questions = [question(n) for n in range(3)]
    empty = study_stats(store, questions, NOW)
    assert "guesses: none yet" in stats_table(empty)
    for q, chosen in zip(questions, ("A", "B", "B"), strict=True):
        record_answer(store, q, (chosen,), seconds=5, mode="practice", now=NOW, guessed=True)
    record_answer(store, questions[0], ("A",), seconds=5, mode="practice", now=NOW)
    stats = study_stats(store, questions, NOW)
    assert "guesses: 3, 1 right (33%)" in stats_table(stats).splitlines()
    assert (stats_json(stats)["guesses"], stats_json(stats)["guessed_correct"]) == (3, 1)


def test_a_database_from_before_guesses_is_upgraded_and_counts_new_guesses(
    tmp_path: Path,
) -> None:
    db = tmp_path / "p.sqlite3"
    connection = sqlite3.connect(db)
    connection.create_function("power", 2, pow)
    for script in MIGRATIONS[:6]:
        connection.executescript(script)
    connection.execute(
        "INSERT INTO answers (question_key, chosen, correct, seconds, mode, answered_at)"
        " VALUES ('demo/Q001', 'A', 1, 1.0, 'practice', '2025-03-14T09:30:00.000000+00:00')"
    )
    connection.execute("PRAGMA user_version=6")
    connection.commit()
    connection.close()
    with Store(db) as store:
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        (old,) = store.answers()
        assert old.correct and not old.guessed
        q = make_question(id="Q001", bank="demo", answer=("A",))
        recorded = record_answer(
            store, q, ("A",), seconds=2, mode="practice", now=NOW, guessed=True
        )
        totals = store.answer_totals(NOW)[q.key]
        assert (totals.attempts, totals.correct, totals.guesses, totals.guessed_correct) == (
            2,
            2,
            1,
            1,
        )
        undo_answer(store, recorded)
        totals = store.answer_totals(NOW)[q.key]
        assert (totals.attempts, totals.guesses, totals.guessed_correct) == (1, 0, 0)
        assert totals.recent_guessed_correct == pytest.approx(0.0)
