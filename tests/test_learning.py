"""The learning model with an injected clock: FSRS, weak tags, what to ask next, leeches, stats."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from test_records import make_question

from quiz.learning import (
    LEECH_MISSES,
    bank_overview,
    due_count,
    due_forecast,
    leeches,
    record_answer,
    streak,
    study_queue,
    study_stats,
    tag_scores,
    undo_answer,
    weak_tags,
)
from quiz.model import Question
from quiz.session import PracticeSession
from quiz.store import DayTotal, Store

NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


def question(number: int, topic: str = "Jobs-API", trap: str = "Similar-Options") -> Question:
    return make_question(id=f"Q{number:03d}", answer=("A",), topics=(topic,), traps=(trap,))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "progress.sqlite3") as opened:
        yield opened


def answer(store: Store, q: Question, right: bool, at: datetime, mode: str = "practice"):
    return record_answer(store, q, ("A",) if right else ("B",), seconds=3.0, mode=mode, now=at)


def totals(store: Store, now: datetime = NOW):
    return store.answer_totals(now)


def test_bank_overview_counts_banks_tags_and_levels() -> None:
    questions = [question(1), question(2, "Delta-Lake"), make_question(id="X", bank="other")]
    overview = bank_overview(questions)
    assert overview.total == 3
    assert overview.banks == {"demo": 2, "other": 1}
    assert overview.topics["Jobs-API"] == 2 and overview.topics["Delta-Lake"] == 1
    assert overview.summary() == "3 questions in 2 banks"
    assert [label for label, _ in overview.rows()] == ["banks", "levels", "topics", "traps"]


def test_right_answer_schedules_later_than_wrong(store: Store) -> None:
    right, wrong = question(1), question(2)
    answer(store, right, True, NOW)
    answer(store, wrong, False, NOW)
    due = store.due_dates()
    assert NOW < due[wrong.key] < due[right.key]
    [record] = store.answers(right.key)
    assert record.correct and record.chosen == "A" and record.mode == "practice"


def test_good_answers_push_the_review_further_out(store: Store) -> None:
    q = question(1)
    moment, gaps = NOW, []
    for _ in range(4):
        answer(store, q, True, moment)
        due = store.due_dates()[q.key]
        gaps.append(due - moment)
        moment = due
    assert gaps == sorted(gaps) and gaps[-1] > timedelta(days=1)


def test_undo_removes_the_answer_and_restores_the_card(store: Store) -> None:
    q = question(1)
    answer(store, q, True, NOW)
    before = store.card(q.key)
    recorded = answer(store, q, False, NOW + timedelta(days=1))
    undo_answer(store, recorded)
    assert store.card(q.key) == before
    assert len(store.answers(q.key)) == 1
    first = store.answers(q.key)
    undo_answer(store, answer(store, question(2), True, NOW))
    assert store.card(question(2).key) is None and store.answers() == first


def test_few_answers_do_not_look_strong_and_many_do(store: Store) -> None:
    lucky, solid, weak = question(1, "Delta-Lake"), question(2, "Streaming"), question(3)
    answer(store, lucky, True, NOW)
    for n in range(30):
        answer(store, solid, True, NOW - timedelta(hours=n + 1))
        answer(store, weak, n % 2 == 0, NOW - timedelta(hours=n + 1))
    scores = {s.tag: s for s in tag_scores([lucky, solid, weak], totals(store))}
    assert scores["Streaming"].score > scores["Delta-Lake"].score > scores["Jobs-API"].score
    assert scores["Delta-Lake"].score < 0.9
    assert [s.tag for s in weak_tags([lucky, solid, weak], totals(store), limit=1)] == ["Jobs-API"]


def test_recent_answers_weigh_more(store: Store) -> None:
    improving, slipping = question(1, "Delta-Lake"), question(2, "Streaming")
    for n in range(10):
        old, recent = NOW - timedelta(days=120 + n), NOW - timedelta(days=n)
        answer(store, improving, False, old)
        answer(store, improving, True, recent)
        answer(store, slipping, True, old)
        answer(store, slipping, False, recent)
    scores = {s.tag: s for s in tag_scores([improving, slipping], totals(store))}
    assert scores["Delta-Lake"].accuracy == scores["Streaming"].accuracy == 0.5
    assert scores["Delta-Lake"].score > scores["Streaming"].score


def test_untried_tags_come_last_and_are_not_weakest(store: Store) -> None:
    tried, untried = question(1), question(2, "Delta-Lake", "Default-Value")
    answer(store, tried, True, NOW)
    scores = tag_scores([tried, untried], totals(store))
    assert [s.attempts for s in scores][-2:] == [0, 0]
    assert {s.tag for s in weak_tags([tried, untried], totals(store))} == {
        "Jobs-API",
        "Similar-Options",
    }


def test_queue_puts_due_then_weak_then_new_and_skips_suspended(store: Store) -> None:
    due_q, weak_q, new_q, gone_q = (question(n) for n in range(1, 5))
    fine_q = question(5, "Delta-Lake", "Default-Value")
    answer(store, due_q, True, NOW - timedelta(days=30))
    answer(store, weak_q, False, NOW - timedelta(seconds=30))
    answer(store, fine_q, True, NOW - timedelta(seconds=30))
    answer(store, gone_q, False, NOW - timedelta(days=30))
    store.set_flag("suspended", gone_q.key, True, NOW)
    pool = [new_q, fine_q, weak_q, due_q, gone_q]
    queue = study_queue(
        pool,
        totals=totals(store),
        due=store.due_dates(),
        suspended=store.flagged("suspended"),
        now=NOW,
        rng=random.Random(1),
    )
    assert queue[:3] == [due_q, weak_q, new_q]
    assert gone_q not in queue
    review = study_queue(
        pool,
        totals=totals(store),
        due=store.due_dates(),
        suspended=set(),
        now=NOW,
        rng=random.Random(1),
        only_due=True,
    )
    assert [q.id for q in review] == [gone_q.id, due_q.id]  # missed: due sooner


def test_new_questions_are_shuffled_by_the_seed(store: Store) -> None:
    pool = [question(n) for n in range(20)]

    def queue(seed: int) -> list[Question]:
        return study_queue(
            pool, totals={}, due={}, suspended=(), now=NOW, rng=random.Random(seed), limit=20
        )

    assert queue(3) == queue(3) and queue(3) != queue(4)
    assert sorted(q.key for q in queue(3)) == sorted(q.key for q in pool)


def test_leeches_are_questions_missed_again_and_again(store: Store) -> None:
    leech, unlucky = question(1), question(2)
    for n in range(LEECH_MISSES):
        answer(store, leech, False, NOW - timedelta(days=n))
        answer(store, unlucky, n == 0, NOW - timedelta(days=n))
    found = leeches([leech, unlucky], totals(store), {leech.key})
    assert [(f.question, f.misses, f.suspended) for f in found] == [(leech, LEECH_MISSES, True)]


def test_streak_counts_back_from_today_or_yesterday() -> None:
    today = NOW.date()
    days = [DayTotal(today - timedelta(days=n), 1, 1) for n in (1, 2, 3, 5)]
    assert streak(days, today) == 3
    assert streak([*days, DayTotal(today, 2, 0)], today) == 4
    assert streak(days, today + timedelta(days=2)) == 0


def test_forecast_puts_overdue_reviews_on_today() -> None:
    dues = [NOW - timedelta(days=3), NOW + timedelta(hours=1), NOW + timedelta(days=2)]
    forecast = due_forecast(dues, NOW, 3)
    assert [count for _, count in forecast] == [2, 0, 1]


def test_stats_sum_up_answers_days_and_tags_in_local_days(store: Store) -> None:
    tokyo = timezone(timedelta(hours=9))
    q1, q2 = question(1), question(2, "Delta-Lake")
    late_evening_utc = datetime(2025, 3, 13, 20, 0, tzinfo=UTC)  # 05:00 on the 14th in Tokyo
    answer(store, q1, True, late_evening_utc)
    answer(store, q2, False, late_evening_utc - timedelta(days=1))
    stats = study_stats(store, [q1, q2], NOW.astimezone(tokyo))
    assert (stats.answers, stats.correct, stats.questions_answered) == (2, 1, 2)
    assert stats.accuracy == 0.5
    assert [(d.day.isoformat(), d.answers) for d in stats.days] == [
        ("2025-03-13", 1),
        ("2025-03-14", 1),
    ]
    assert stats.streak_days == 2
    assert stats.weakest[0].tag == "Delta-Lake"
    assert sum(count for _, count in stats.forecast) == 2


def test_session_records_each_answer_at_once_and_undo_takes_it_back(store: Store) -> None:
    multi = make_question(id="M", answer=("A", "C"))
    single = question(1)
    session = PracticeSession(
        [multi, single], mode="drill", store=store, now=NOW, rng=random.Random(0)
    )
    assert not session.submit(NOW)
    session.pick("A")
    session.pick("C")
    assert session.submit(NOW + timedelta(seconds=12))
    assert [(a.chosen, a.correct, a.seconds) for a in store.answers()] == [("AC", True, 12.0)]
    assert not session.pick("B")
    session.go_next(NOW)
    session.pick("B")
    session.pick("A")
    assert session.current.picked == {"A"}
    session.submit(NOW)
    assert session.undo(NOW)
    assert session.current.question == single and not session.current.submitted
    assert len(store.answers()) == 1
    session.pick("B")
    session.submit(NOW)
    summary = session.summary(NOW + timedelta(minutes=2))
    assert (summary.answered, summary.correct, summary.seconds) == (2, 1, 120.0)
    assert summary.missed == [single] and summary.missed_tags["Jobs-API"] == 1


def test_shuffled_options_keep_their_letters_and_places_pick_by_position(store: Store) -> None:
    q = make_question(answer=("B",))
    orders = set()
    for seed in range(6):
        session = PracticeSession(
            [q], mode="practice", store=store, now=NOW, rng=random.Random(seed), shuffle=True
        )
        attempt = session.current
        orders.add(attempt.order)
        assert sorted(attempt.view().order) == sorted(q.options)  # labels are the own letters
        assert session.pick_at(attempt.order.index("B"))  # "1".."5" pick by place
        assert attempt.picked == {"B"}
        session.submit(NOW)
        assert attempt.correct
    assert len(orders) > 1


def test_a_pick_two_question_is_not_submitted_with_one_pick(store: Store) -> None:
    multi = make_question(id="M", answer=("A", "C"))
    session = PracticeSession([multi], mode="practice", store=store, now=NOW, rng=random.Random(0))
    session.pick("A")
    assert session.current.missing == 1
    assert not session.submit(NOW)
    assert store.answers() == [] and not session.current.submitted
    session.pick("C")
    assert session.current.missing == 0 and session.submit(NOW)


def test_due_count_says_how_many_come_back_soon_and_within_how_long() -> None:
    dues = [NOW - timedelta(days=1), NOW, NOW + timedelta(minutes=1)]
    dues += [NOW + timedelta(minutes=9, seconds=20), NOW + timedelta(hours=2)]
    found = due_count(dues, NOW)
    assert (found.now, found.soon, found.back) == (2, 2, "2 back within 10 min")
    assert due_count(dues[:2], NOW).back == ""
    assert due_count(dues, NOW, soon=timedelta(minutes=1)).back == "1 back within 1 min"
