"""The readiness forecast: retrievability for seen questions, shrunk priors for unseen ones,
the score's distribution, suggestions, stored forecasts and the migration that keeps them."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Card, Rating
from test_records import make_question

from quiz import forecast, learning, paths
from quiz.bank import load_banks
from quiz.blueprint import Blueprint, Domain, plan
from quiz.cli import main
from quiz.exam import ExamConfig, ExamSession
from quiz.forecast import Evidence, chances, readiness, retrievability
from quiz.model import Question
from quiz.store import MIGRATIONS, CardMemory, Store, _statements

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
TWO = Blueprint(
    "Two",
    "",
    "",
    "",
    20,
    40,
    0.7,
    (Domain("Alpha", 50, tags=("Alpha",)), Domain("Beta", 50, tags=("Beta",))),
)


def bank(per_domain: int = 20) -> list[Question]:
    return [
        make_question(id=f"{tag}-{n}", exam_domain=None, topics=(tag,), answer=("A",))
        for tag in ("Alpha", "Beta")
        for n in range(per_domain)
    ]


def answer(store: Store, question: Question, right: bool, when: datetime) -> None:
    learning.record_answer(
        store, question, question.answer if right else ("B",), seconds=30, mode="study", now=when
    )


def test_retrievability_is_fsrs_s(tmp_path: Path) -> None:
    card_json, _ = learning.review_card(None, Rating.Good, NOW - timedelta(days=40))
    card_json, _ = learning.review_card(card_json, Rating.Good, NOW - timedelta(days=30))
    card = Card.from_json(card_json)
    memory = CardMemory(card.stability, card.last_review, card.due)
    expected = learning._SCHEDULER.get_card_retrievability(card, NOW)
    assert retrievability(memory, NOW) == pytest.approx(expected)
    assert 0.3 < expected < 0.95
    with Store(tmp_path / "p.sqlite3") as store:
        question = bank(1)[0]
        answer(store, question, True, NOW - timedelta(days=10))
        (memory,) = store.card_memory().values()
        found = forecast.evidence(store)
        recall = retrievability(memory, NOW)
        prior = (1 + 5 * (2 / 3)) / (1 + 5)  # its groups: one right first answer
        assert chances({"Alpha": [question]}, found, NOW)[question.key] == pytest.approx(
            recall + (1 - recall) * prior
        )


def test_retrievability_counts_fractions_of_a_day() -> None:
    card_json, _ = learning.review_card(None, Rating.Again, NOW - timedelta(hours=20))
    card = Card.from_json(card_json)
    memory = CardMemory(card.stability, card.last_review, card.due)
    assert card.stability is not None and card.stability < 1
    assert learning._SCHEDULER.get_card_retrievability(card, NOW) == 1.0  # 0 whole days
    hours = [retrievability(memory, NOW + timedelta(hours=h)) for h in (-19, -10, 0)]
    assert 1.0 > hours[0] > hours[1] > hours[2] > 0.5


def test_unseen_questions_get_their_groups_first_answers_shrunk_to_the_overall() -> None:
    alpha, beta = (bank(40)[:40], bank(40)[40:])
    # Alpha: 30 first answers, all right; Beta: 2 first answers, both wrong.
    first = {q.key: True for q in alpha[:30]} | {q.key: False for q in beta[:2]}
    found = Evidence(memory={}, first=first, seconds=60)
    got = chances({"Alpha": alpha, "Beta": beta}, found, NOW)
    overall = (30 + 1) / (32 + 2)
    strong = (30 + 5 * overall) / (30 + 5)
    weak = (0 + 5 * overall) / (2 + 5)
    assert got[alpha[35].key] == pytest.approx(strong)  # its tag and its domain agree
    assert got[beta[10].key] == pytest.approx(weak)
    assert weak < overall < strong
    nothing = chances({"Alpha": alpha}, Evidence({}, {}, 60), NOW)
    assert set(nothing.values()) == {0.5}


def test_seen_questions_use_memory_not_the_prior(tmp_path: Path) -> None:
    questions = bank(10)
    with Store(tmp_path / "p.sqlite3") as store:
        for question in questions[:10]:
            answer(store, question, False, NOW - timedelta(days=3))
        found = forecast.evidence(store)
        got = chances(TWO.split(questions), found, NOW)
    seen, unseen = got[questions[0].key], got[questions[15].key]
    fresh = retrievability(found.memory[questions[0].key], NOW)
    overall = 1 / 12
    assert unseen == pytest.approx((0 + 5 * overall) / (0 + 5))  # Beta's groups: no answers
    prior = (0 + 5 * overall) / (10 + 5)  # Alpha's groups: ten wrong first answers
    assert seen == pytest.approx(fresh + (1 - fresh) * prior)
    assert unseen < seen


def evidence_at(skill: float, questions: list[Question]) -> Evidence:
    """Every question tried once; the first ``skill`` share right."""
    right = round(skill * len(questions))
    return Evidence({}, {q.key: i < right for i, q in enumerate(questions)}, 60)


def test_the_pass_chance_rises_with_skill_and_the_band_holds_the_expected_score() -> None:
    questions = bank(30)
    split = TWO.split(questions)
    last = -1.0
    for skill in (0.2, 0.4, 0.6, 0.7, 0.8, 0.95):
        made = forecast.forecast(TWO, split, evidence_at(skill, questions), NOW)
        assert made.pass_chance >= last
        assert made.low <= made.expected <= made.high
        last = made.pass_chance
    assert last > 0.9


def test_the_pass_chance_is_never_said_to_be_certain() -> None:
    questions = bank(30)
    split = TWO.split(questions)
    said = {
        skill: forecast.forecast(TWO, split, evidence_at(skill, questions), NOW)
        for skill in (0.0, 0.75, 1.0)
    }
    assert said[1.0].pass_chance >= 0.995 and said[1.0].pass_chance_text == ">99%"
    assert said[0.0].pass_chance < 0.005 and said[0.0].pass_chance_text == "<1%"
    middle = said[0.75]
    assert middle.pass_chance_text == f"{middle.pass_chance:.0%}"


def test_the_normal_law_matches_seeded_simulated_draws() -> None:
    questions = bank(30)
    split = TWO.split(questions)
    rng = random.Random(5)
    found = Evidence(
        {}, {q.key: rng.random() < (0.9 if "Alpha" in q.key else 0.5) for q in questions}, 60
    )
    made = forecast.forecast(TWO, split, found, NOW)
    chance = chances(split, found, NOW)
    counts = plan(TWO, split).counts
    scores = []
    for _ in range(20_000):
        right = 0
        for domain, count in zip(TWO.domains, counts, strict=True):
            for question in rng.sample(split[domain.name], count):
                right += rng.random() < chance[question.key]
        scores.append(right / 20)
    assert sum(scores) / len(scores) == pytest.approx(made.expected, abs=0.005)
    passed = sum(score >= 0.7 for score in scores) / len(scores)
    assert passed == pytest.approx(made.pass_chance, abs=0.03)
    inside = sum(made.low <= s <= made.high for s in scores) / len(scores)
    assert 0.75 <= inside <= 0.9


def test_what_would_raise_it_most_is_the_domain_with_most_points_per_minute(
    tmp_path: Path,
) -> None:
    questions = bank(10)
    with Store(tmp_path / "p.sqlite3") as store:
        for question in questions[:10]:  # Alpha: all missed, all due by now
            answer(store, question, False, NOW - timedelta(days=60))
        for question in questions[10:]:  # Beta: answered right yesterday
            answer(store, question, True, NOW - timedelta(days=1))
        made = readiness(store, questions, TWO, NOW)
    first = made.suggestions[0]
    assert (first.domain, first.kind, first.questions) == ("Alpha", "due", 10)
    assert first.minutes == pytest.approx(10 * 30 / 60)
    alpha = next(d for d in made.domains if d.name == "Alpha")
    assert (alpha.due, alpha.seen, alpha.drawn) == (10, 10, 10)
    overall = (10 + 1) / (20 + 2)
    prior = (0 + 5 * overall) / (10 + 5)  # Alpha's domain and tag: ten wrong first answers
    studied = 0.9 + 0.1 * prior  # recall raised to FSRS's desired retention
    assert alpha.expected is not None and alpha.expected < studied
    assert first.points == pytest.approx(100 * 10 / 20 / 10 * (10 * (studied - alpha.expected)))
    assert made.weakest is not None and made.weakest.name == "Alpha"


def test_no_suggestion_is_worth_nothing(tmp_path: Path) -> None:
    questions = bank(40)
    with Store(tmp_path / "p.sqlite3") as store:
        for question in questions[:-1]:  # all right yesterday, one of Beta's left new
            answer(store, question, True, NOW - timedelta(days=1))
        made = readiness(store, questions, TWO, NOW)
    assert made.suggestions == ()  # the new one would add 0.001 points: not worth a line


def test_each_mock_exam_keeps_the_forecast_made_before_it(tmp_path: Path) -> None:
    questions = bank(10)
    with Store(tmp_path / "p.sqlite3") as store:
        config = ExamConfig(count=20, minutes=40, seed=1, blueprint="")
        session = ExamSession.start(store, questions, config, lambda: NOW)
        for position in range(15):
            session.go_to(position)
            session.choose(session.current.question.answer)
        session.submit()
        (outcome,) = store.forecast_outcomes()
        assert (outcome.correct, outcome.total, outcome.forecast.blueprint) == (15, 20, "")
        assert outcome.forecast.expected == pytest.approx(0.5)  # nothing known before it
        made = readiness(store, questions, TWO, NOW + timedelta(hours=1))
    assert made.calibration.exams == 1
    assert made.calibration.outcomes == (outcome,)
    assert made.calibration.mean_absolute_error == pytest.approx(25.0)
    band = outcome.forecast.low <= 0.75 <= outcome.forecast.high
    assert made.calibration.in_band == int(band)


def test_an_old_store_is_migrated_and_keeps_its_exams(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path)
    old.create_function("power", 2, pow)
    for number, script in enumerate(MIGRATIONS[:5], start=1):
        for statement in _statements(script):
            old.execute(statement)
        old.execute(f"PRAGMA user_version={number}")
    settings = json.dumps(ExamConfig(count=1).to_dict())
    old.execute(
        "INSERT INTO exams (settings, started_at, deadline, finished_at, end_reason, correct,"
        " total, recorded) VALUES (?, '2025-01-01T00:00:00+00:00', '2025-01-01T02:00:00+00:00',"
        " '2025-01-01T01:00:00+00:00', 'submitted', 1, 1, 1)",
        (settings,),
    )
    old.execute("INSERT INTO exam_items (exam_id, position, question_key) VALUES (1, 0, 'demo/Q')")
    old.commit()
    old.close()
    with Store(path) as store:
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert store.forecast_outcomes() == []  # the old exam had none
        assert [exam.id for exam in store.finished_exams()] == [1]
        assert readiness(store, bank(2), TWO, NOW).calibration.exams == 0


def test_quiz_ready_prints_the_forecast_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ready"]) == 0
    out = capsys.readouterr().out  # no answer yet: no figures that look like a forecast
    assert out.startswith("Professional: no answer yet — practise in the app")
    assert "pass chance" not in out and "weakest:" not in out
    question = load_banks([paths.bundled_bank_dir()]).questions[0]
    with Store(paths.progress_db()) as store:
        answer(store, question, True, datetime.now(UTC))
    assert main(["ready"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Professional: ") and "pass chance" in out and "weakest:" in out
    assert main(["ready", "--blueprint", "associate", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["blueprint"] == "Associate" and data["band_level"] == 0.8
    assert data["calibration"] == {"exams": 0, "mean_absolute_error": None, "in_band": 0}
    assert main(["ready", "--blueprint", "nope"]) == 2
    assert "unknown blueprint 'nope'" in capsys.readouterr().err
