"""The study core: every mode over a bank, a store, a fixed clock and a seeded rng."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_records import make_question

from quiz.bank import Bank
from quiz.learning import record_answer
from quiz.store import Store
from quiz.study import Mode, NothingToStudy, Study

NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


@pytest.fixture
def study(tmp_path: Path) -> Study:
    questions = [
        make_question(id=f"Q{n}", topics=("Jobs-API" if n % 2 else "Delta-Lake",)) for n in range(6)
    ]
    return Study(
        Bank(questions=questions), Store(tmp_path / "p.sqlite3"), lambda: NOW, random.Random(3)
    )


def answer(study: Study, key: str, right: bool) -> None:
    question = study.bank.by_key()[key]
    chosen = question.answer if right else ("D",)
    record_answer(study.store, question, chosen, seconds=3, mode=Mode.PRACTICE, now=NOW)


def test_modes_are_an_enum_whose_values_are_recorded(study: Study) -> None:
    assert Mode("practice") is Mode.PRACTICE and Mode.EXAM == "exam"
    plan = study.practice()
    session = study.session(plan)
    for letter in session.current.question.answer:
        session.pick(letter)
    assert session.submit(NOW)
    assert [a.mode for a in study.store.answers()] == ["practice"]


def test_on_an_empty_store_each_mode_asks_or_says_why_not(study: Study) -> None:
    assert len(study.practice().questions) == 6
    for start, why in [
        (study.review, "Nothing is due"),
        (study.weakest, "Answer a few questions first"),
        (study.bookmarked, "No bookmarks yet"),
        (lambda: study.drill(["No-Such-Tag"]), "No question has the tag No-Such-Tag"),
        (lambda: study.retry([]), "Nothing to retry"),
    ]:
        with pytest.raises(NothingToStudy, match=why):
            start()


def test_drill_and_weakest_ask_only_their_tags(study: Study) -> None:
    plan = study.plan(Mode.DRILL, ["Delta-Lake"])
    assert (plan.mode, plan.title) == (Mode.DRILL, "Drill: Delta-Lake")
    assert {q.key.split("/")[-1] for q in plan.questions} == {"Q0", "Q2", "Q4"}
    first = study.bank.questions[1].key
    answer(study, first, right=False)
    weakest = study.weakest()
    assert weakest.mode is Mode.WEAKEST and "Jobs-API" in weakest.title


def test_bookmarked_lists_and_asks_only_bookmarks_and_never_suspended(study: Study) -> None:
    keys = [q.key for q in study.bank.questions]
    study.set_flag("bookmarks", keys[4], True)
    study.set_flag("bookmarks", keys[1], True)
    assert [q.key for q in study.bookmarked_questions()] == [keys[1], keys[4]]
    study.set_flag("suspended", keys[4], True)
    plan = study.plan(Mode.BOOKMARKED)
    assert plan.mode is Mode.BOOKMARKED and [q.key for q in plan.questions] == [keys[1]]
    assert [q.key for q in study.suspended_questions()] == [keys[4]]
    study.set_flag("suspended", keys[4], False)
    assert study.suspended_questions() == []
    assert len(study.bookmarked().questions) == 2


def test_retry_keeps_the_missed_order(study: Study) -> None:
    missed = study.bank.questions[3:1:-1]
    plan = study.retry(missed)
    assert plan.mode is Mode.RETRY and plan.questions == list(missed)
    with pytest.raises(ValueError, match="needs more"):
        study.plan(Mode.RETRY)


def test_unfinished_exam_is_offered_once_started(study: Study) -> None:
    from quiz.exam import ExamConfig

    assert study.unfinished_exam() is None
    config = ExamConfig(count=4, minutes=5, seed=1)
    assert study.exam_pool_size(config) == 6
    started = study.start_exam(config)
    resumed = study.unfinished_exam()
    assert resumed is not None and [i.question.key for i in resumed.items] == [
        i.question.key for i in started.items
    ]


def test_tags_match_whatever_their_case(study: Study) -> None:
    from quiz.study import match_tags

    found, unknown = match_tags(study.bank.questions, ["delta-lake", "Nope"])
    assert (found, unknown) == (["Delta-Lake"], ["Nope"])
