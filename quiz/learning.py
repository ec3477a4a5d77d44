"""The learning model: bank overview, weak tags, FSRS scheduling, what to ask next, leeches, stats.

No Textual and no clock: every function that depends on time takes ``now``; every random
choice takes a ``random.Random``.

Weak tags: each answer weighs ``0.5 ** (age / HALF_LIFE_DAYS)``, so recent answers count
more. A tag's score is the posterior mean of its weighted accuracy with a prior worth
``PRIOR_WEIGHT`` answers at the person's overall accuracy: three answers barely move a tag
away from the person's average (few attempts never look strong, nor hopeless), three
thousand answers are scored by what they say. A right answer marked "I'm guessing" counts
``GUESS_CREDIT`` (half) of a right one: a guess among four options is right a quarter of the
time by chance, so a right guess says less about what the person knows, but not nothing.

FSRS grades (``grade``): a wrong answer is Again, a right guess Hard, a right sure answer
Good, and Easy when it also took under ``EASY_SHARE`` (a third) of the median time of the
person's earlier answers to that question (a first answer is never Easy: with nothing to
compare, speed says little).
"""

from __future__ import annotations

import random
import statistics
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from fsrs import Card, Rating, Scheduler

from quiz.model import Described, Question
from quiz.store import (
    DECAY_HALF_LIFE_DAYS,
    AnswerRecord,
    AnswerTotals,
    DayTotal,
    Review,
    Store,
    StoredCard,
)
from quiz.vocabulary import describe
from quiz.words import percent, plural, span_words

if TYPE_CHECKING:
    from quiz.forecast import Calibration

HALF_LIFE_DAYS = DECAY_HALF_LIFE_DAYS
TREND_DAYS = 30
PRIOR_WEIGHT = 4.0
WEAKEST_COUNT = 3
LEECH_MISSES = 4
SESSION_LENGTH = 20
GUESS_CREDIT = 0.5
EASY_SHARE = 1 / 3
SOON = timedelta(hours=1)
"""Reviews due within this long count as coming back soon: FSRS brings a missed question
back in a learning step minutes away, and "0 due" alone reads as if the miss were forgotten."""

_SCHEDULER = Scheduler(enable_fuzzing=False)
D = TypeVar("D", bound=Described)


@dataclass(frozen=True)
class BankOverview:
    """How many questions there are per bank, topic, trap and level."""

    total: int
    banks: Counter[str]
    topics: Counter[str]
    traps: Counter[str]
    levels: Counter[str]

    def summary(self) -> str:
        """How many questions in how many banks."""
        return f"{plural(self.total, 'question')} in {plural(len(self.banks), 'bank')}"

    def rows(self, top: int = 4) -> list[tuple[str, str]]:
        """(what, the most common names with their counts) for banks, levels, topics and
        traps: at most ``top`` names each, then how many more there are."""

        def line(counter: Counter[str]) -> str:
            parts = [f"{name} {count}" for name, count in counter.most_common(top)]
            more = len(counter) - top
            return " · ".join(parts) + (f" · +{more} more" if more > 0 else "") or "-"

        counters = {
            "banks": self.banks,
            "levels": self.levels,
            "topics": self.topics,
            "traps": self.traps,
        }
        return [(label, line(counter)) for label, counter in counters.items()]


def bank_overview(questions: Iterable[Described]) -> BankOverview:
    """Count the questions per bank, topic tag, trap tag and level."""
    banks: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    traps: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    total = 0
    for question in questions:
        total += 1
        banks[question.bank] += 1
        topics.update(question.topics)
        traps.update(question.traps)
        levels[question.level or "unlevelled"] += 1
    return BankOverview(total, banks, topics, traps, levels)


# ---------------------------------------------------------------- spaced repetition


def grade(correct: bool, guessed: bool, seconds: float, earlier: Sequence[float]) -> Rating:
    """The FSRS rating of an answer (see the module doc); ``earlier``: how long the
    person's earlier answers to the question took, in seconds."""
    if not correct:
        return Rating.Again
    if guessed:
        return Rating.Hard
    if earlier and seconds < EASY_SHARE * statistics.median(earlier):
        return Rating.Easy
    return Rating.Good


def answer_credit(correct: bool, guessed: bool) -> float:
    """How much an answer counts as right: 1, ``GUESS_CREDIT`` for a right guess, or 0."""
    return (GUESS_CREDIT if guessed else 1.0) if correct else 0.0


def review_card(card_json: str | None, rating: Rating, now: datetime) -> tuple[str, datetime]:
    """FSRS: the card after an answer graded ``rating`` and its next due time."""
    card = Card.from_json(card_json) if card_json else Card(card_id=1, due=now)
    card, _ = _SCHEDULER.review_card(card, rating, review_datetime=now)
    return card.to_json(), card.due


@dataclass(frozen=True)
class RecordedAnswer:
    """An answer as stored, with the card it replaced (what ``undo_answer`` needs)."""

    answer_id: int
    question_key: str
    correct: bool
    previous_card: StoredCard | None


def record_answer(
    store: Store,
    question: Question,
    chosen: Collection[str],
    *,
    seconds: float,
    mode: str,
    now: datetime,
    guessed: bool = False,
) -> RecordedAnswer:
    """Score an answer (``guessed``: marked "I'm guessing"), store it and reschedule the
    question from the card as stored at that moment, all in one transaction (so answers
    from several processes add up)."""
    earlier = store.answer_seconds(question.key)
    answer_id, previous = store.record_review(
        question.key, partial(_review, question, chosen, seconds, mode, now, guessed, earlier)
    )
    return RecordedAnswer(answer_id, question.key, question.is_correct(tuple(chosen)), previous)


def record_exam_answers(
    store: Store,
    exam_id: int,
    answers: Iterable[tuple[Question, Collection[str], float, bool]],
    *,
    mode: str,
    now: datetime,
) -> bool:
    """Feed a finished exam's answers (question, letters, seconds, marked as a guess) to
    the learning model: all in one transaction, and only once even if two processes submit
    the same exam. Exam answers are never Easy (no earlier times are read)."""
    reviews = [
        (question.key, partial(_review, question, chosen, seconds, mode, now, guessed, ()))
        for question, chosen, seconds, guessed in answers
    ]
    return store.record_exam_reviews(exam_id, reviews)


def _review(
    question: Question,
    chosen: Collection[str],
    seconds: float,
    mode: str,
    now: datetime,
    guessed: bool,
    earlier: Sequence[float],
    previous: StoredCard | None,
) -> Review:
    """The answer to store and the question's new review card (``previous``: its card)."""
    correct = question.is_correct(tuple(chosen))
    rating = grade(correct, guessed, seconds, earlier)
    card, due = review_card(previous[0] if previous else None, rating, now)
    chosen_text = "".join(sorted(chosen))
    answer = AnswerRecord(question.key, chosen_text, correct, seconds, mode, now, guessed)
    return answer, card, due


def undo_answer(store: Store, recorded: RecordedAnswer) -> None:
    """Forget an answer and restore the review card it replaced."""
    card, due = recorded.previous_card or (None, None)
    store.undo_review(recorded.answer_id, recorded.question_key, card, due)


# ---------------------------------------------------------------- weak tags


@dataclass(frozen=True)
class TagScore:
    """How well the person does on one tag; ``score`` is confidence-aware (see module doc)."""

    tag: str
    kind: str
    questions: int
    attempts: int
    correct: int
    score: float

    @property
    def accuracy(self) -> float | None:
        """Plain share of right answers, or None before the first attempt."""
        return self.correct / self.attempts if self.attempts else None

    @property
    def description(self) -> str:
        """The vocabulary's description of the tag, or an empty string."""
        return describe(self.tag)


def recent_credit(totals: AnswerTotals) -> float:
    """A question's recency-weighted right answers, a right guess counting ``GUESS_CREDIT``."""
    return totals.recent_correct - (1 - GUESS_CREDIT) * totals.recent_guessed_correct


def overall_accuracy(totals: Mapping[str, AnswerTotals]) -> float:
    """The person's recency-weighted accuracy over every answer (0.5 before any)."""
    recent = sum(t.recent for t in totals.values())
    right = sum(recent_credit(t) for t in totals.values())
    return right / recent if recent else 0.5


def tag_scores(
    questions: Iterable[Described], totals: Mapping[str, AnswerTotals]
) -> list[TagScore]:
    """Every topic and trap tag of the questions, weakest first, untried tags last."""
    prior = overall_accuracy(totals)
    sums: dict[tuple[str, str], list[float]] = {}
    for question in questions:
        found = totals.get(question.key)
        for kind, tags in (("topic", question.topics), ("trap", question.traps)):
            for tag in tags:
                entry = sums.setdefault((tag, kind), [0, 0, 0, 0.0, 0.0])
                entry[0] += 1
                if found:
                    entry[1] += found.attempts
                    entry[2] += found.correct
                    entry[3] += found.recent
                    entry[4] += recent_credit(found)
    scores = [
        TagScore(
            tag,
            kind,
            int(count),
            int(attempts),
            int(right),
            (recent_right + PRIOR_WEIGHT * prior) / (recent + PRIOR_WEIGHT),
        )
        for (tag, kind), (count, attempts, right, recent, recent_right) in sums.items()
    ]
    scores.sort(key=lambda s: (s.attempts == 0, s.score, s.tag))
    return scores


def weak_tags(
    questions: Iterable[Described], totals: Mapping[str, AnswerTotals], limit: int = WEAKEST_COUNT
) -> list[TagScore]:
    """The ``limit`` tried tags that score lowest."""
    return [s for s in tag_scores(questions, totals) if s.attempts][:limit]


# ---------------------------------------------------------------- what to ask next


def study_queue(
    questions: Sequence[D],
    *,
    totals: Mapping[str, AnswerTotals],
    due: Mapping[str, datetime],
    suspended: Collection[str],
    now: datetime,
    rng: random.Random,
    limit: int = SESSION_LENGTH,
    only_due: bool = False,
) -> list[D]:
    """What to ask next: due questions (most overdue first), then weak ones, then new ones.

    Weak questions were answered before, are not due, and either were last missed or carry
    one of the weakest tags that score below the person's average; the least accurate come
    first. New questions come in a random
    order; then the rest, soonest due first.
    """
    pool = [q for q in questions if q.key not in suspended]
    due_now = sorted(
        (q for q in pool if q.key in due and due[q.key] <= now), key=lambda q: due[q.key]
    )
    if only_due:
        return due_now[:limit]
    average = overall_accuracy(totals)
    weakest = {s.tag for s in weak_tags(pool, totals) if s.score < average}
    taken = {q.key for q in due_now}
    weak: list[D] = []
    new: list[D] = []
    rest: list[D] = []
    for question in pool:
        if question.key in taken:
            continue
        found = totals.get(question.key)
        if found is None:
            new.append(question)
        elif not found.last_correct or weakest.intersection(question.tags):
            weak.append(question)
        else:
            rest.append(question)
    weak.sort(key=lambda q: _question_score(totals[q.key]))
    rng.shuffle(new)
    far_future = now + timedelta(days=365_000)
    rest.sort(key=lambda q: due.get(q.key, far_future))
    return (due_now + weak + new + rest)[:limit]


def next_questions(
    store: Store,
    questions: Sequence[D],
    now: datetime,
    rng: random.Random,
    *,
    only_due: bool = False,
    limit: int = SESSION_LENGTH,
) -> list[D]:
    """``study_queue`` over the person's stored progress."""
    return study_queue(
        questions,
        totals=store.answer_totals(now),
        due=store.due_dates(),
        suspended=store.flagged("suspended"),
        now=now,
        rng=rng,
        limit=limit,
        only_due=only_due,
    )


def _question_score(found: AnswerTotals) -> float:
    return (recent_credit(found) + 1) / (found.recent + 2)


# ---------------------------------------------------------------- leeches


@dataclass(frozen=True)
class Leech:
    """A question missed again and again."""

    question: Described
    attempts: int
    misses: int
    suspended: bool


def is_leech(tally: AnswerTotals) -> bool:
    """Missed at least ``LEECH_MISSES`` times, and at least half the times it was asked."""
    misses = tally.attempts - tally.correct
    return misses >= LEECH_MISSES and misses * 2 >= tally.attempts


def leeches(
    questions: Iterable[Described],
    totals: Mapping[str, AnswerTotals],
    suspended: Collection[str],
) -> list[Leech]:
    """Questions missed at least ``LEECH_MISSES`` times and at least half the time, worst first."""
    found = []
    for question in questions:
        tally = totals.get(question.key)
        if tally is None:
            continue
        if is_leech(tally):
            misses = tally.attempts - tally.correct
            found.append(Leech(question, tally.attempts, misses, question.key in suspended))
    found.sort(key=lambda leech: (-leech.misses, leech.question.key))
    return found


# ---------------------------------------------------------------- statistics


@dataclass(frozen=True)
class StudyStats:
    """Everything the stats screen and ``quiz stats`` show."""

    answers: int
    correct: int
    questions_answered: int
    questions_total: int
    streak_days: int
    due: DueCount
    days: list[DayTotal]
    forecast: list[tuple[date, int]]
    tags: list[TagScore]
    weakest: list[TagScore]
    forecasts: Calibration
    """Each mock exam's forecast against its score, and their mean absolute error."""
    leeches: list[Leech] = field(default_factory=list)
    guesses: int = 0
    guessed_correct: int = 0

    @property
    def accuracy(self) -> float | None:
        """Share of right answers overall, or None before the first answer."""
        return self.correct / self.answers if self.answers else None

    @property
    def guesses_line(self) -> str:
        """How often answers marked "I'm guessing" were right: ``12, 5 right (42%)``."""
        if not self.guesses:
            return "none yet (mark one with g before submitting)"
        share = percent(self.guessed_correct / self.guesses)
        return f"{self.guesses}, {self.guessed_correct} right ({share})"


def study_stats(
    store: Store,
    questions: Sequence[Described],
    now: datetime,
    *,
    forecast_days: int = 14,
) -> StudyStats:
    """Totals, per-tag scores, per-day history, streak, due forecast (days in ``now``'s zone)
    and how the readiness forecasts compared with the mock exams."""
    from quiz.forecast import calibration  # quiz.forecast imports this module

    known = {q.key for q in questions}
    totals = {k: v for k, v in store.answer_totals(now).items() if k in known}
    due = {k: v for k, v in store.due_dates().items() if k in known}
    suspended = store.flagged("suspended")
    days = recent_days(store, now)
    today = now.date()
    tags = tag_scores(questions, totals)
    return StudyStats(
        answers=sum(t.attempts for t in totals.values()),
        correct=sum(t.correct for t in totals.values()),
        questions_answered=len(totals),
        questions_total=len(questions),
        streak_days=streak(days, today),
        due=due_count((when for key, when in due.items() if key not in suspended), now),
        days=days,
        forecast=due_forecast(due.values(), now, forecast_days),
        tags=tags,
        weakest=[score for score in tags if score.attempts][:WEAKEST_COUNT],
        forecasts=calibration(store.forecast_outcomes()),
        leeches=leeches(questions, totals, suspended),
        guesses=sum(t.guesses for t in totals.values()),
        guessed_correct=sum(t.guessed_correct for t in totals.values()),
    )


@dataclass(frozen=True)
class DueCount:
    """How many reviews are due now, and how many come back within ``SOON``."""

    now: int
    soon: int = 0
    within: int = 0
    """Minutes until the last of the ``soon`` ones is due (rounded up)."""

    @property
    def back(self) -> str:
        """``2 back within 10 min``, or empty when none comes back soon."""
        return f"{self.soon} back within {self.within} min" if self.soon else ""


def due_count(dues: Iterable[datetime], now: datetime, soon: timedelta = SOON) -> DueCount:
    """The reviews in ``dues`` due by ``now``, and those due within ``soon`` after it."""
    waits = [(when - now).total_seconds() for when in dues]
    later = [wait for wait in waits if 0 < wait <= soon.total_seconds()]
    within = -int(-max(later) // 60) if later else 0
    return DueCount(sum(1 for wait in waits if wait <= 0), len(later), within)


def recent_days(store: Store, now: datetime) -> list[DayTotal]:
    """Per-day totals over the last ``TREND_DAYS`` days, reaching further back while the
    streak runs (so a long streak is counted whole without reading every answer)."""
    offset = now.utcoffset() or timedelta(0)
    window = TREND_DAYS
    while True:
        days = store.day_totals(offset, now - timedelta(days=window))
        if streak(days, now.date()) < window - 1 or window > 36_500:
            return days
        window *= 16


def streak(days: Sequence[DayTotal], today: date) -> int:
    """Consecutive days with answers, ending today (or yesterday, if today has none yet)."""
    answered = {d.day for d in days if d.answers}
    day = today if today in answered else today - timedelta(days=1)
    count = 0
    while day in answered:
        count += 1
        day -= timedelta(days=1)
    return count


def due_forecast(dues: Iterable[datetime], now: datetime, days: int) -> list[tuple[date, int]]:
    """How many reviews fall due on each of the next ``days`` days (today counts the overdue)."""
    zone = now.tzinfo
    today = now.date()
    counts = Counter(max(when.astimezone(zone).date(), today) for when in dues)
    return [(today + timedelta(days=n), counts[today + timedelta(days=n)]) for n in range(days)]


# ---------------------------------------------------------------- memory in words

_CARD_STATES = {1: "learning", 2: "in review", 3: "relearning"}


def memory_words(card_json: str | None, now: datetime) -> str:
    """A question's FSRS state for a person: ``in review · next review in 12 days ·
    remembered for about 30 days · 87% likely to be recalled now``."""
    if not card_json:
        return "not studied yet: no review scheduled"
    card = Card.from_json(card_json)
    parts = [_CARD_STATES.get(int(card.state), "scheduled")]
    wait = (card.due - now).total_seconds() / 86400
    parts.append(f"next review in {span_words(wait)}" if wait > 0 else "due now")
    if card.stability:
        parts.append(f"remembered for about {span_words(card.stability)}")
        recall = _SCHEDULER.get_card_retrievability(card, now)
        parts.append(f"{percent(recall)} likely to be recalled now")
    return " · ".join(parts)
