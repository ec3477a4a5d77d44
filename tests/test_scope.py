"""The study scope: which questions it admits, how it is kept, and every mode drawing from it."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_records import make_question

from quiz.bank import Bank
from quiz.exam import ExamConfig, ExamError
from quiz.learning import record_answer
from quiz.model import ExamDomain
from quiz.scope import Scope, describe, facets, match_names
from quiz.store import Store
from quiz.study import EMPTY_SCOPE, Mode, NothingToStudy, Study

NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


def sample_bank() -> Bank:
    """Two banks (one bundled), three levels, domains given both ways."""
    questions = [
        make_question(
            id=f"Q{n}",
            bank="mine" if n < 4 else "shipped",
            level=("L1-Basic", "L2-Intermediate")[n % 2],
            domain="Operations" if n % 3 == 0 else "",
            exam_domain=ExamDomain("Tooling", 20) if n % 3 == 1 else None,
            topics=("Jobs-API" if n < 2 else "Delta-Lake",),
        )
        for n in range(6)
    ]
    return Bank(questions=questions, bundled=frozenset({"shipped/Q4", "shipped/Q5"}))


def ids(questions: list) -> list[str]:
    return [q.id for q in questions]


def test_each_part_of_the_scope_narrows_and_none_ticked_is_all() -> None:
    bank = sample_bank()
    assert Scope().questions(bank) is bank.infos
    assert ids(Scope(banks=frozenset({"mine"})).questions(bank)) == ["Q0", "Q1", "Q2", "Q3"]
    assert ids(Scope(levels=frozenset({"L2-Intermediate"})).questions(bank)) == ["Q1", "Q3", "Q5"]
    # the record's domain and its exam domain's name both count
    assert ids(Scope(domains=frozenset({"Operations"})).questions(bank)) == ["Q0", "Q3"]
    assert ids(Scope(domains=frozenset({"Tooling"})).questions(bank)) == ["Q1", "Q4"]
    assert ids(Scope(bundled=False).questions(bank)) == ["Q0", "Q1", "Q2", "Q3"]
    both = Scope(banks=frozenset({"mine", "shipped"}), levels=frozenset({"L1-Basic"}))
    assert ids(both.questions(bank)) == ["Q0", "Q2", "Q4"]


def test_the_scope_comes_back_from_the_settings_and_damage_means_all() -> None:
    scope = Scope(frozenset({"b"}), frozenset({"L2-Intermediate"}), frozenset({"Ops"}), False)
    assert Scope.from_dict(scope.to_dict()) == scope
    assert Scope.from_dict(None) == Scope() == Scope.from_dict([1])
    damaged = {"banks": "b", "levels": [1], "domains": ["Ops"], "bundled": "no"}
    assert Scope.from_dict(damaged) == Scope(domains=frozenset({"Ops"}))


def test_describe_says_what_is_in_scope() -> None:
    bank = sample_bank()
    assert describe(Scope(), bank, 6) == "Studying: all 2 banks — 6 questions"
    scope = Scope(banks=frozenset({"mine"}), levels=frozenset({"L2-Intermediate"}))
    assert describe(scope, bank, 2) == "Studying: 1 of 2 banks, L2 only — 2 questions"
    scope = Scope(domains=frozenset({"Tooling"}), bundled=False)
    text = "Studying: all 2 banks, 1 of 1 domain, bundled left out — 1 question"
    assert describe(scope, bank, 1) == text
    found = facets(bank)
    assert found.levels == {"L1-Basic": 3, "L2-Intermediate": 3} and found.bundled == 2
    assert found.domains == {"Operations": 2, "Tooling": 2}
    assert found.listed("domains") == {"Tooling": 2}  # the exam domains, when there are any
    assert found.listed("levels") == found.levels


def test_names_match_whatever_their_case_and_levels_by_their_short_name() -> None:
    levels = ["L1-Basic", "L2-Intermediate"]
    assert match_names(["l2", "L1-basic", "L9"], levels, short=True) == (
        ["L2-Intermediate", "L1-Basic"],
        ["L9"],
    )
    assert match_names(["by"], ["by-order_b1", "by-order_b2"]) == ([], ["by"])


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "p.sqlite3")


def study(store: Store, scope: Scope) -> Study:
    return Study(sample_bank(), store, lambda: NOW, random.Random(3), scope)


def test_every_mode_draws_from_the_scope(store: Store) -> None:
    mine = study(store, Scope(banks=frozenset({"mine"})))
    assert sorted(ids(mine.practice().questions)) == ["Q0", "Q1", "Q2", "Q3"]
    assert ids(mine.drill(["Delta-Lake"]).questions) in (["Q2", "Q3"], ["Q3", "Q2"])
    config = ExamConfig(count=10, minutes=20, seed=1)
    assert mine.exam_pool_size(config) == 4
    assert sorted(item.question.id for item in mine.start_exam(config).items) == [
        "Q0",
        "Q1",
        "Q2",
        "Q3",
    ]
    for question in sample_bank().questions:  # every tag tried: weakest from the scope only
        record_answer(store, question, ("B",), seconds=3, mode=Mode.PRACTICE, now=NOW)
    shipped = study(store, Scope(banks=frozenset({"shipped"})))
    assert set(shipped.weakest_tags()) == {"Similar-Options", "Delta-Lake"}  # no Jobs-API
    assert set(ids(shipped.weakest().questions)) == {"Q4", "Q5"}


def test_a_scope_that_leaves_nothing_says_so(store: Store) -> None:
    empty = study(store, Scope(banks=frozenset({"gone"})))
    for start in (empty.practice, empty.review, empty.weakest, lambda: empty.drill(["Jobs-API"])):
        with pytest.raises(NothingToStudy, match=EMPTY_SCOPE):
            start()
    with pytest.raises(ExamError, match="no question is in what you chose to study"):
        empty.start_exam(ExamConfig(count=10, minutes=20, seed=1))
    assert empty.exam_pool_size(ExamConfig(count=10, minutes=20)) == 0
    narrowed = study(store, Scope(banks=frozenset({"shipped"})))
    with pytest.raises(NothingToStudy, match="No question in what you chose to study has the tag"):
        narrowed.drill(["Jobs-API"])
