"""Mock exams: draw, injected clock, timeout, crash and resume, scoring, report, persistence."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_records import make_question

from quiz import learning
from quiz.commands.exam import report_lines
from quiz.exam import (
    EXAM_MODE,
    PRESETS,
    ExamConfig,
    ExamError,
    ExamSession,
    custom_setup,
    describe_selection,
    draw_questions,
    format_remaining,
    holder_is_gone,
    new_holder,
    preset,
    saved_custom_setup,
    tag_weakness,
    unfinished_exam_id,
    urgency,
)
from quiz.model import ExamDomain, Question
from quiz.store import Store

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
TOPICS = ("Delta-Lake", "Streaming", "Unity-Catalog")
TRAPS = ("Similar-Options", "Logical-Trap")


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def exam_bank(size: int = 30, bank: str = "demo") -> list[Question]:
    """Questions cycling through three domains/topics and two traps; every fifth is multi-answer."""
    return [
        make_question(
            id=f"Q-{number:03d}",
            bank=bank,
            domain=f"Domain {number % 3}",
            exam_domain=None,
            topics=(TOPICS[number % 3],),
            traps=(TRAPS[number % 2],),
            answer=("A", "C") if number % 5 == 0 else ("B",),
        )
        for number in range(size)
    ]


def right_letters(question: Question) -> set[str]:
    return set(question.answer)


def wrong_letters(question: Question) -> set[str]:
    return {next(letter for letter in question.options if letter not in question.answer)}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "progress.sqlite3") as opened:
        yield opened


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def start(
    store: Store,
    clock: FakeClock,
    questions: list[Question] | None = None,
    holder: str | None = None,
    **settings,
):
    config = ExamConfig(**{"count": 10, "minutes": 20, "seed": 7, **settings})
    return ExamSession.start(store, questions or exam_bank(), config, clock, holder)


# ---------------------------------------------------------------- set-up and draw


def test_draw_is_without_replacement_and_repeatable_with_a_seed(store, clock) -> None:
    first = start(store, clock, count=25, seed=3)
    again = start(store, clock, count=25, seed=3)
    other = start(store, clock, count=25, seed=4)
    keys = [item.question.key for item in first.items]
    assert len(keys) == len(set(keys)) == 25
    assert keys == [item.question.key for item in again.items]
    assert keys != [item.question.key for item in other.items]


def test_a_small_bank_gives_what_there_is(store, clock) -> None:
    session = start(store, clock, questions=exam_bank(8), count=60)
    assert len(session.items) == 8
    assert session.config.count == 60


def test_tags_and_banks_narrow_the_draw(store, clock) -> None:
    questions = exam_bank(30) + exam_bank(30, bank="other")
    session = start(store, clock, questions=questions, count=60, tags=("streaming",))
    assert {item.question.topics for item in session.items} == {("Streaming",)}
    assert len(session.items) == 20
    session = start(store, clock, questions=questions, count=60, banks=("other",))
    assert {item.question.bank for item in session.items} == {"other"}


def test_no_matching_question_and_bad_settings_are_clear_errors(store, clock) -> None:
    with pytest.raises(ExamError, match="no question matches tag No-Such-Tag"):
        start(store, clock, tags=("No-Such-Tag",))
    with pytest.raises(ExamError, match="an exam lasts 1 to 10080 minutes"):
        start(store, clock, minutes=0)
    with pytest.raises(ExamError, match="pass mark"):
        start(store, clock, pass_mark=1.5)


def test_weak_tags_are_drawn_more_often() -> None:
    pool = exam_bank(60)
    topics = {question.key: question.topics for question in pool}

    def streaming_share(weakness: dict[str, float] | None) -> float:
        draws = [
            [q.key for q in draw_questions(pool, 10, random.Random(seed), weakness)]
            for seed in range(100)
        ]
        assert all(len(set(keys)) == 10 for keys in draws)
        drawn = [key for keys in draws for key in keys]
        return sum(topics[key] == ("Streaming",) for key in drawn) / len(drawn)

    # A third of the pool is Streaming; weighting makes it clearly more than a third.
    assert streaming_share(None) < 0.4 < 0.5 < streaming_share({"Streaming": 1.0})


def test_the_weak_tag_option_uses_the_learning_model(store, clock) -> None:
    pool = exam_bank(60)
    for question in pool[:12]:
        chosen = (
            wrong_letters(question) if "Streaming" in question.topics else right_letters(question)
        )
        learning.record_answer(store, question, chosen, seconds=5, mode="practice", now=clock())
    weakness = tag_weakness(store, pool, clock())
    assert weakness["Streaming"] == 1.0
    assert weakness["Delta-Lake"] == weakness["Unity-Catalog"] == 0.0

    def streaming_drawn(weak_weighting: bool) -> int:
        return sum(
            item.question.topics == ("Streaming",)
            for seed in range(30)
            for item in start(store, clock, pool, seed=seed, weak_weighting=weak_weighting).items
        )

    assert streaming_drawn(False) < streaming_drawn(True)


def test_presets_match_the_real_exams() -> None:
    assert [(p.name, p.count, p.minutes) for p in PRESETS] == [
        ("Professional", 60, 120),
        ("Associate", 45, 90),
        ("Quick", 10, 20),
    ]
    config = ExamConfig.from_preset(preset("associate"), seed=1)
    assert (config.count, config.minutes, config.preset, config.pass_mark) == (
        45,
        90,
        "Associate",
        0.7,
    )
    assert ExamConfig.from_dict(config.to_dict()) == config
    with pytest.raises(ExamError, match="unknown preset"):
        preset("Expert")


# ---------------------------------------------------------------- the clock


def test_countdown_is_computed_from_the_deadline_and_does_not_drift(store, clock) -> None:
    session = start(store, clock, minutes=120)
    elapsed = 0.0
    while elapsed < 7190:
        step = 1.013  # late timer ticks must not accumulate
        clock.advance(step)
        elapsed += step
        assert session.remaining() == timedelta(minutes=120) - (clock.now - START)
    assert abs(session.remaining().total_seconds() - (7200 - elapsed)) < 1e-3


def test_the_exam_submits_itself_at_zero(store, clock) -> None:
    session = start(store, clock)
    for item in session.items[:3]:
        session.choose(right_letters(item.question))
        session.go_to(session.position + 1)
    clock.advance(20 * 60 + 5)
    assert not session.choose({"A"})
    assert session.finished and session.end_reason == "timeout"
    assert session.finished_at == START + timedelta(minutes=20)
    report = session.report()
    assert (report.correct, report.total, report.unanswered) == (3, 10, 7)
    assert report.time_used == timedelta(minutes=20)
    assert not report.passed


def test_urgency_and_format() -> None:
    limit = timedelta(minutes=120)
    assert urgency(timedelta(minutes=30), limit) == "normal"
    assert urgency(timedelta(minutes=10), limit) == "warning"
    assert urgency(timedelta(seconds=59), limit) == "critical"
    assert urgency(timedelta(minutes=6), timedelta(minutes=20)) == "normal"
    assert urgency(timedelta(minutes=5), timedelta(minutes=20)) == "warning"

    assert format_remaining(timedelta(hours=1, minutes=2, seconds=3)) == "1:02:03"
    assert format_remaining(timedelta(seconds=59.2)) == "01:00"
    assert format_remaining(timedelta(0)) == "00:00"


def test_the_countdown_is_red_in_the_last_minute_of_a_short_exam_too() -> None:
    """README: red in the last minute (it was red only in the last tenth of a short exam)."""
    for minutes in (5, 8, 20, 120):
        limit = timedelta(minutes=minutes)
        assert urgency(timedelta(seconds=61), limit) == "warning", minutes
        assert urgency(timedelta(seconds=59), limit) == "critical", minutes
    two_minutes = timedelta(minutes=2)
    assert urgency(two_minutes, two_minutes) == "normal"  # never red from the start
    assert urgency(timedelta(seconds=30), two_minutes) == "critical"


def test_pause_only_when_allowed_and_it_stops_the_clock(store, clock) -> None:
    strict = start(store, clock, allow_pause=False)
    assert not strict.pause()
    relaxed = start(store, clock, allow_pause=True)
    clock.advance(60)
    assert relaxed.pause()
    assert not relaxed.choose({"A"})
    clock.advance(3600)
    assert relaxed.remaining() == timedelta(minutes=19)
    assert relaxed.resume()
    clock.advance(30)
    assert relaxed.remaining() == timedelta(minutes=18, seconds=30)
    assert relaxed.time_used() == timedelta(seconds=90)


# ---------------------------------------------------------------- answers and scoring


def test_multi_answer_scoring_is_all_or_nothing(store, clock) -> None:
    multi = make_question(
        id="M", options={"A": "a", "B": "b", "C": "c", "D": "d"}, answer=("A", "C")
    )
    single = make_question(id="S", answer=("B",))
    session = start(store, clock, questions=[multi, single], count=2)
    by_key = {item.question.id: position for position, item in enumerate(session.items)}
    session.go_to(by_key["M"])
    for picks, correct in ((("A",), False), (("A", "C"), True), (("A", "C", "D"), False)):
        session.choose(picks)
        assert session.current.correct is correct
    session.choose(())
    for letter in ("A", "C"):
        session.toggle(letter)
    assert session.current.chosen == {"A", "C"} and session.current.correct
    session.go_to(by_key["S"])
    session.toggle("A")
    session.toggle("B")
    assert session.current.chosen == {"B"}


def test_a_multi_answer_question_with_too_few_picks_is_partly_answered(store, clock) -> None:
    multi = make_question(
        id="M", options={"A": "a", "B": "b", "C": "c", "D": "d"}, answer=("A", "C")
    )
    single = make_question(id="S", answer=("B",))
    session = start(store, clock, questions=[multi, single], count=2)
    m = next(position for position, item in enumerate(session.items) if item.question.id == "M")
    session.go_to(m)
    session.choose({"A"})
    item = session.current
    assert (item.progress, item.answered, item.wanted) == ("partly", False, 2)
    assert session.partly_answered() == [m] and session.unanswered() == [1 - m]
    assert session.answered_count() == 0 and session.still_open() == [0, 1]
    session.choose({"A", "D"})  # enough picks, wrong ones: answered, scored wrong
    assert item.progress == "answered" and session.answered_count() == 1 and not item.correct
    session.choose({"A"})
    session.submit()
    report = session.report()
    assert report.correct == 0 and report.unanswered == 1  # partly is wrong, not unanswered
    assert report.partly == 1
    outcomes = {result.question.id: result.outcome for result in report.results}
    assert outcomes == {"M": "partly: 1 of 2 picked", "S": "unanswered"}


def test_answers_can_change_until_submit_and_no_change_after(store, clock) -> None:
    session = start(store, clock, count=2, questions=exam_bank(2))
    session.choose(wrong_letters(session.current.question))
    session.choose(right_letters(session.current.question))
    assert session.submit()
    assert not session.choose(wrong_letters(session.current.question))
    assert session.report().correct == 1


# ---------------------------------------------------------------- persistence and resume


def test_every_answer_flag_and_position_is_stored_as_it_happens(store, clock) -> None:
    session = start(store, clock)
    session.choose(wrong_letters(session.current.question))
    session.toggle_flag()
    clock.advance(42)
    session.go_to(4)
    session.choose(right_letters(session.current.question))
    stored = store.exam(session.exam_id)
    assert stored is not None
    assert stored.position == 4
    assert [item.chosen != "" for item in stored.items] == [i in (0, 4) for i in range(10)]
    assert [item.flagged for item in stored.items] == [i == 0 for i in range(10)]
    assert stored.items[0].seconds == 42


def test_a_guess_marked_in_an_exam_is_kept_and_recorded_as_a_guess(
    store: Store, clock: FakeClock
) -> None:
    session = start(store, clock, count=2, questions=exam_bank(2))
    first = session.current.question
    session.choose(right_letters(first))
    assert session.toggle_guessing() and session.current.guessed
    session.go_to(1)
    session.choose(right_letters(session.current.question))
    assert session.toggle_guessing() and session.toggle_guessing()  # marked, then unmarked
    session.release()
    by_key = {question.key: question for question in exam_bank(2)}
    again = ExamSession.load(store, session.exam_id, by_key, clock)
    assert [item.guessed for item in again.items] == [True, False]
    assert again.claim() and again.submit()
    assert again.report().correct == 2  # a guess scores as any answer in the exam itself
    by_key = {answer.question_key: answer for answer in store.answers()}
    assert by_key[first.key].guessed and by_key[first.key].correct
    assert not by_key[again.items[1].question.key].guessed
    assert store.answer_totals(clock())[first.key].guessed_correct == 1
    report = again.report()
    assert report.guesses == "1 guessed, 1 right"
    assert [q["guessed"] for q in report.to_dict()["questions"]] == [True, False]
    assert "guesses    1 guessed, 1 right" in report_lines(report)


CRASHING_CHILD = """
import os, signal, sys
from datetime import datetime, timedelta
sys.path.insert(0, {tests!r})
from test_exam import START, FakeClock, exam_bank, right_letters
from quiz.exam import ExamConfig, ExamSession
from quiz.store import Store

clock = FakeClock(START)
store = Store()
session = ExamSession.start(store, exam_bank(), ExamConfig(count=10, minutes=20, seed=5), clock)
clock.advance(120)
session.choose(right_letters(session.current.question))
session.toggle_flag()
session.go_to(6)
session.choose({{"A"}})
print(session.exam_id, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_resume_after_a_killed_process_keeps_answers_flags_and_time(tmp_path: Path) -> None:
    script = CRASHING_CHILD.format(tests=str(Path(__file__).parent))
    child = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True
    )
    assert child.returncode == -9, child.stderr
    exam_id = int(child.stdout.split()[0])

    clock = FakeClock(START + timedelta(minutes=12))
    with Store() as store:
        assert unfinished_exam_id(store) == exam_id
        by_key = {question.key: question for question in exam_bank()}
        session = ExamSession.load(store, exam_id, by_key, clock)
        assert not session.finished
        assert session.position == 6
        assert session.current.chosen == {"A"}
        assert session.items[0].correct and session.items[0].flagged
        assert session.answered_count() == 2
        assert session.remaining() == timedelta(minutes=8)  # the clock ran while away


def test_an_exam_that_ran_out_while_away_is_submitted_at_its_deadline(store, clock) -> None:
    session = start(store, clock)
    session.choose(right_letters(session.current.question))
    later = FakeClock(START + timedelta(hours=5))
    by_key = {item.question.key: item.question for item in session.items}
    resumed = ExamSession.load(store, session.exam_id, by_key, later)
    assert resumed.finished and resumed.end_reason == "timeout"
    assert resumed.finished_at == START + timedelta(minutes=20)
    assert unfinished_exam_id(store) is None
    assert [answer.mode for answer in store.answers()] == [EXAM_MODE]


def test_a_paused_exam_keeps_its_time_while_away(store, clock) -> None:
    session = start(store, clock, allow_pause=True)
    clock.advance(300)
    session.pause()
    by_key = {item.question.key: item.question for item in session.items}
    resumed = ExamSession.load(store, session.exam_id, by_key, FakeClock(START + timedelta(days=1)))
    assert resumed.paused and resumed.remaining() == timedelta(minutes=15)


def test_an_exam_whose_questions_left_the_bank_cannot_be_loaded(store, clock) -> None:
    session = start(store, clock)
    with pytest.raises(ExamError, match="no longer in the banks"):
        ExamSession.load(store, session.exam_id, {}, clock)
    with pytest.raises(ExamError, match="there is no exam 999"):
        ExamSession.load(store, 999, {}, clock)


def test_discard_leaves_no_trace(store, clock) -> None:
    session = start(store, clock)
    session.choose({"A"})
    session.discard()
    assert store.exam(session.exam_id) is None and unfinished_exam_id(store) is None


# ---------------------------------------------------------------- learning and report


def test_submitted_answers_feed_the_learning_model_once(store, clock) -> None:
    session = start(store, clock)
    session.choose(right_letters(session.current.question))
    session.go_to(1)
    session.choose(wrong_letters(session.current.question))
    clock.advance(10)
    session.submit()
    answers = store.answers()
    assert [(a.question_key, a.correct, a.mode) for a in answers] == [
        (session.items[0].question.key, True, "exam"),
        (session.items[1].question.key, False, "exam"),
    ]
    assert store.card(session.items[0].question.key) is not None  # spaced repetition too
    by_key = {item.question.key: item.question for item in session.items}
    ExamSession.load(store, session.exam_id, by_key, clock)
    assert len(store.answers()) == 2


def test_an_exam_submitted_from_two_windows_is_learned_from_once(store, clock) -> None:
    first = start(store, clock)
    first.choose(right_letters(first.current.question))
    by_key = {item.question.key: item.question for item in first.items}
    second = ExamSession.load(store, first.exam_id, by_key, clock)  # another instance
    clock.advance(10)
    first.submit()
    second.submit()
    assert [answer.question_key for answer in store.answers()] == [first.items[0].question.key]


# ---------------------------------------------------------------- one window at a time


def another_window(store: Store, session: ExamSession, clock: FakeClock, holder: str):
    """The same exam as a second instance of quiz reads it: its own connection and lease id."""
    other = Store(store.path)
    by_key = {item.question.key: item.question for item in session.items}
    return ExamSession.load(other, session.exam_id, by_key, clock, holder=holder)


def test_an_exam_is_open_in_one_window_until_taken_over_explicitly(store, clock) -> None:
    first = start(store, clock, holder="first")
    first.choose(right_letters(first.current.question))
    second = another_window(store, first, clock, "second")
    clock.advance(20)
    lease = second.open_elsewhere()
    assert lease is not None and lease.holder == "first"
    assert clock.now - lease.heartbeat == timedelta(seconds=20)
    assert not second.claim()  # it is open in the first window
    assert not second.choose({"A"}) and not second.submit() and not second.discard()
    assert store.exam(first.exam_id).finished_at is None

    assert second.claim(take_over=True)
    assert second.lost is None and second.open_elsewhere() is None
    assert not first.choose(wrong_letters(first.current.question))  # refused, not stored
    assert first.lost == "the exam was taken over by another window"
    assert not first.tick() and not first.submit()
    assert set(store.exam(first.exam_id).items[0].chosen) == right_letters(first.current.question)
    assert first.current.chosen == right_letters(first.current.question)  # taken back


def test_the_holder_renews_its_lease_and_a_silent_one_goes_stale(store, clock) -> None:
    first = start(store, clock, holder="first")
    second = another_window(store, first, clock, "second")
    for _ in range(30):  # five minutes of ticks every ten seconds: the first window is alive
        clock.advance(10)
        assert first.tick()
    assert not second.claim()
    clock.advance(59)  # the first window was killed: no tick for 59 s, then 61 s
    assert not second.claim()
    clock.advance(2)
    assert second.open_elsewhere() is None and second.claim()
    assert not first.tick() and first.lost


def test_results_are_recorded_once_and_match_the_stored_answers(store, clock) -> None:
    """The trend's score (stored at submission) and the report (built from the stored
    answers, as ``quiz exam --report`` does) agree, whichever window finishes the exam."""
    first = start(store, clock, count=4, questions=exam_bank(4), holder="first")
    second = another_window(store, first, clock, "second")  # read before any answer
    for position in range(3):
        first.go_to(position)
        first.choose(right_letters(first.current.question))
    clock.advance(20 * 60)  # time is up: the second window's stale copy finishes it
    assert second.check_time() and second.end_reason == "timeout"
    assert first.check_time()  # the first window's finish finds it done
    (summary,) = store.finished_exams()
    third = another_window(store, first, clock, "report")
    assert summary.correct == second.report().correct == third.report().correct == 3
    assert first.report().correct == 3
    assert len(store.answers()) == 3  # learned from once


def test_the_lease_of_a_killed_process_frees_the_exam_at_once(tmp_path: Path) -> None:
    """``kill -9`` of the window that had the exam (on this machine): the next window opens
    it straight away instead of waiting a minute for the lease to go stale."""
    script = CRASHING_CHILD.format(tests=str(Path(__file__).parent))
    child = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True
    )
    assert child.returncode == -9, child.stderr
    exam_id = int(child.stdout.split()[0])
    by_key = {question.key: question for question in exam_bank()}
    clock = FakeClock(START + timedelta(seconds=50))
    with Store() as store:
        lease = store.exam_lease(exam_id)
        assert lease is not None and holder_is_gone(lease.holder)
        session = ExamSession.load(store, exam_id, by_key, clock)
        assert session.open_elsewhere() is None and session.claim()
        assert session.choose({"B"}) and store.exam(exam_id).items[6].chosen == "B"


def test_a_live_holder_on_this_machine_or_one_elsewhere_is_not_gone() -> None:
    assert not holder_is_gone(new_holder())
    assert not holder_is_gone(f"elsewhere.example:{os.getpid() + 10**6}-abcd")
    assert not holder_is_gone("1234-abcd")  # written before holders named their machine


def test_report_aggregates_are_weakest_first(store, clock) -> None:
    # Six questions: topics cycle Delta-Lake, Streaming, Unity-Catalog; traps alternate.
    questions = exam_bank(6)
    session = start(store, clock, questions=questions, count=6)
    wrong_topic = "Streaming"
    for position, item in enumerate(session.items):
        session.go_to(position)
        question = item.question
        session.choose(
            wrong_letters(question) if wrong_topic in question.topics else right_letters(question)
        )
        if question.id == "Q-000":
            session.toggle_flag()
    session.submit()
    report = session.report()
    assert (report.correct, report.total) == (4, 6)
    assert report.by_topic[0].name == "Streaming" and report.by_topic[0].accuracy == 0
    assert {t.name: (t.correct, t.total) for t in report.by_topic} == {
        "Streaming": (0, 2),
        "Delta-Lake": (2, 2),
        "Unity-Catalog": (2, 2),
    }
    # Streaming questions are Q-001 (Logical-Trap) and Q-004 (Similar-Options).
    assert {t.name: (t.correct, t.total) for t in report.by_trap} == {
        "Logical-Trap": (2, 3),
        "Similar-Options": (2, 3),
    }
    assert report.by_domain[0].name == "Domain 1"
    assert [r.question.id for r in report.flagged] == ["Q-000"]
    assert {r.question.id for r in report.review("wrong")} == {"Q-001", "Q-004"}
    assert len(report.review("all")) == 6


def test_report_counts_a_question_under_its_exam_domain_when_it_has_one(store, clock) -> None:
    filed = [
        replace(question, exam_domain=ExamDomain("Data Processing", 30) if n < 2 else None)
        for n, question in enumerate(exam_bank(4))
    ]
    filed[1] = replace(filed[1], exam_domain=ExamDomain("Data Processing"))
    session = start(store, clock, questions=filed, count=4)
    session.submit()
    names = {t.name: t.total for t in session.report().by_domain}
    assert names == {"Data Processing (30%)": 1, "Data Processing": 1, "Domain 2": 1, "Domain 0": 1}


def test_trend_compares_with_previous_exams(store, clock) -> None:
    first = start(store, clock, count=4, questions=exam_bank(4))
    first.choose(right_letters(first.current.question))
    first.submit()
    clock.advance(3600)
    second = start(store, clock, count=4, questions=exam_bank(4))
    for position, item in enumerate(second.items):
        second.go_to(position)
        second.choose(right_letters(item.question))
    second.submit()
    report = second.report()
    assert [p.exam_id for p in report.trend] == [first.exam_id, second.exam_id]
    assert report.previous is not None and report.previous.score == 0.25
    assert report.passed and report.score == 1.0
    data = report.to_dict()
    assert data["trend"][0]["score"] == 0.25 and data["passed"] is True
    assert [q["correct"] for q in data["questions"]] == [True] * 4


def test_report_of_a_running_exam_is_refused(store, clock) -> None:
    with pytest.raises(ExamError, match="still running"):
        start(store, clock).report()


def test_the_exam_core_does_not_import_textual() -> None:
    check = (
        "import sys, quiz.exam; print(sorted(m for m in sys.modules if m.startswith('textual')))"
    )
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_custom_set_up_is_kept_as_plain_data_and_read_back() -> None:
    config = ExamConfig(
        count=7, minutes=25, tags=("t",), banks=("b",), pass_mark=0.85, allow_pause=True, seed=9
    )
    data = json.loads(json.dumps(custom_setup(config)))
    assert "seed" not in data and "preset" not in data
    assert saved_custom_setup(data) == replace(config, seed=0, preset="Custom")


@pytest.mark.parametrize(
    "change",
    [
        {"count": "7"},
        {"count": True},
        {"count": 0},
        {"minutes": 7.5},
        {"pass_mark": 0},
        {"pass_mark": float("nan")},
        {"pass_mark": "80%"},
        {"allow_pause": 1},
        {"weak_weighting": None},
        {"tags": "t"},
        {"banks": [1]},
    ],
)
def test_a_damaged_custom_set_up_is_none(change: dict[str, object]) -> None:
    data = {**custom_setup(ExamConfig(count=7)), **change}
    assert saved_custom_setup(data) is None


@pytest.mark.parametrize("data", [None, [], "7 in 25", {"count": 7, "minutes": 25}])
def test_a_missing_or_old_custom_set_up_is_none(data: object) -> None:
    assert saved_custom_setup(data) is None


def test_the_selection_says_tag_and_bank_in_the_singular_for_one() -> None:
    assert describe_selection(ExamConfig()) == "all questions"
    one = ExamConfig(tags=("Streaming",), banks=("jobs",))
    assert describe_selection(one) == "tag Streaming in bank jobs"
    two = ExamConfig(tags=("Streaming", "Delta"), banks=("jobs", "delta"))
    assert describe_selection(two) == "tags Streaming, Delta in banks jobs, delta"
