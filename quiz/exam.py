"""Mock exams: draw, deadline, answers, flags, pause, submission, scoring and the report.

No Textual and no wall clock here: the time comes from an injected ``clock``
and the draw from a seed. Every change (answer, flag, position, pause,
submission) is written to the ``Store`` as it happens, so an exam survives a
killed app and resumes with its answers, flags and deadline intact; the clock
keeps running while the app is away, unless the exam was paused. A change the
store cannot write (``StoreError``, e.g. a full disk) is taken back, so the
session stays as it was and doing it again retries it.

An unfinished exam is open in one window at a time: the session holding its lease (see
``ExamSession.claim``). Its clock tick renews the lease; another window may take it over
explicitly, or freely once the lease is ``LEASE_STALE`` (a killed app). A change from a
window that lost the lease is refused and the session says why (``lost``).

The remaining time is always ``deadline - now``, never a count of ticks, so it
cannot drift. Scoring is all-or-nothing per question; unanswered is wrong.
"""

from __future__ import annotations

import functools
import os
import random
import secrets
import socket
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Concatenate, Literal, ParamSpec, TypeVar

from quiz import blueprint as blueprints
from quiz import forecast, learning
from quiz.bank import with_tags
from quiz.blueprint import Blueprint, BlueprintError
from quiz.model import Described, Question
from quiz.store import (
    ExamLease,
    ExamLeaseError,
    ExamSummary,
    Store,
    StoredExam,
    StoredExamItem,
    StoreError,
    to_text,
)
from quiz.words import noun

Clock = Callable[[], datetime]
EndReason = Literal["submitted", "timeout"]
ReviewFilter = Literal["all", "wrong", "flagged"]
Progress = Literal["answered", "partly", "unanswered"]

DEFAULT_PASS_MARK = 0.7
WEAK_BOOST = 3.0
"""A question on the person's weakest tag is up to ``1 + WEAK_BOOST`` times as likely."""
EXAM_MODE = "exam"
"""The mode exam answers are recorded with in the learning model."""
LEASE_STALE = timedelta(minutes=1)
"""A window that has not renewed its lease for this long is taken to be gone."""
LEASE_RENEW = timedelta(seconds=10)
"""How often the window holding an exam renews its lease."""


def new_holder() -> str:
    """An id for the window opening an exam: its machine, its process and a random token."""
    return f"{socket.gethostname()}:{os.getpid()}-{secrets.token_hex(4)}"


def holder_is_gone(holder: str) -> bool:
    """True when the holder was a process of this machine that has ended (a killed app):
    its lease need not wait to go stale. A holder elsewhere, or alive, is not gone."""
    host, _, process = holder.rpartition(":")
    pid = process.partition("-")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, but another user's
        return False
    return False


class ExamError(Exception):
    """An exam cannot be set up or loaded as asked (one line for the user)."""


MAX_EXAM_QUESTIONS = 10_000
MAX_EXAM_MINUTES = 7 * 24 * 60
"""Bounds that no real exam reaches (and that keep every count and time storable)."""


@dataclass(frozen=True)
class Preset:
    """A named exam format: how many questions, how long, whether pausing is allowed."""

    name: str
    count: int
    minutes: int
    allow_pause: bool


PRESETS: tuple[Preset, ...] = (
    Preset("Professional", 60, 120, allow_pause=False),
    Preset("Associate", 45, 90, allow_pause=False),
    Preset("Quick", 10, 20, allow_pause=True),
)


def preset(name: str) -> Preset:
    """The preset with this name (case-insensitive)."""
    for candidate in PRESETS:
        if candidate.name.casefold() == name.casefold():
            return candidate
    raise ExamError(f"unknown preset {name!r} (known: {', '.join(p.name for p in PRESETS)})")


@dataclass(frozen=True)
class ExamConfig:
    """What the person asked for; stored with the exam so it can be resumed and reported."""

    count: int = 60
    minutes: int = 120
    tags: tuple[str, ...] = ()
    banks: tuple[str, ...] = ()
    weak_weighting: bool = False
    pass_mark: float = DEFAULT_PASS_MARK
    allow_pause: bool = False
    preset: str = "Custom"
    seed: int = 0
    blueprint: str = ""
    """The blueprint the exam is drawn to (its name), or "" for a plain random draw."""

    @classmethod
    def from_blueprint(cls, chosen: Blueprint, **changes: Any) -> ExamConfig:
        """A configuration with a blueprint's name, questions, minutes and pass mark."""
        base = cls(
            count=chosen.questions,
            minutes=chosen.minutes,
            pass_mark=chosen.pass_mark,
            preset=chosen.name,
            blueprint=chosen.name,
        )
        return replace(base, **changes)

    @classmethod
    def from_preset(cls, chosen: Preset, **changes: Any) -> ExamConfig:
        """A configuration starting from a preset's count, minutes and pause rule."""
        base = cls(
            count=chosen.count,
            minutes=chosen.minutes,
            allow_pause=chosen.allow_pause,
            preset=chosen.name,
        )
        return replace(base, **changes)

    def check(self) -> None:
        """Raise ``ExamError`` for settings that make no exam."""
        if not 1 <= self.count <= MAX_EXAM_QUESTIONS:
            raise ExamError(
                f"an exam has 1 to {MAX_EXAM_QUESTIONS} questions (asked for {self.count})"
            )
        if not 1 <= self.minutes <= MAX_EXAM_MINUTES:
            raise ExamError(
                f"an exam lasts 1 to {MAX_EXAM_MINUTES} minutes (asked for {self.minutes})"
            )
        if not 0 < self.pass_mark <= 1:
            raise ExamError(f"the pass mark must be between 1% and 100% (got {self.pass_mark:.0%})")

    @property
    def time_limit(self) -> timedelta:
        """The time allowed, pauses excluded."""
        return timedelta(minutes=self.minutes)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for storage and JSON."""
        data = asdict(self)
        data["tags"] = list(self.tags)
        data["banks"] = list(self.banks)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExamConfig:
        """The inverse of ``to_dict``; unknown keys are ignored."""
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        known["tags"] = tuple(known.get("tags", ()))
        known["banks"] = tuple(known.get("banks", ()))
        return cls(**known)


CUSTOM_SETUP = ("count", "minutes", "allow_pause", "pass_mark", "weak_weighting", "tags", "banks")
"""What is kept of the last custom exam set-up (``custom_setup`` / ``saved_custom_setup``)."""


MINUTES_PER_QUESTION = 2
"""The real exams' pace (60 questions in 120 minutes, 45 in 90)."""


def paced_config(count: int) -> ExamConfig:
    """An exam of ``count`` questions (at most a real exam's 60) at the real exams' pace,
    pauses allowed: a mock exam of questions picked by hand."""
    count = max(1, min(count, PRESETS[0].count))
    return ExamConfig(count=count, minutes=count * MINUTES_PER_QUESTION, allow_pause=True)


def custom_setup(config: ExamConfig) -> dict[str, Any]:
    """The set-up of a custom exam as plain data to keep between launches (no seed)."""
    data = config.to_dict()
    return {name: data[name] for name in CUSTOM_SETUP}


def saved_custom_setup(data: object) -> ExamConfig | None:
    """The custom exam kept by ``custom_setup``; None when it is missing, damaged or makes
    no exam (an old or hand-edited settings file), so the set-up falls back to its defaults."""
    if not isinstance(data, dict) or not all(name in data for name in CUSTOM_SETUP):
        return None
    kinds_right = (
        all(_is_whole(data[name]) for name in ("count", "minutes"))
        and (_is_whole(data["pass_mark"]) or isinstance(data["pass_mark"], float))
        and all(isinstance(data[name], bool) for name in ("allow_pause", "weak_weighting"))
        and all(_is_names(data[name]) for name in ("tags", "banks"))
    )
    if not kinds_right:
        return None
    config = ExamConfig.from_dict({name: data[name] for name in CUSTOM_SETUP})
    try:
        config.check()
    except ExamError:
        return None
    return config


def _is_whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_names(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(name, str) for name in value)


D = TypeVar("D", bound=Described)


def eligible_questions(
    questions: Iterable[D], tags: Sequence[str] = (), banks: Sequence[str] = ()
) -> list[D]:
    """The questions an exam may draw from: any of ``tags`` (if given), in ``banks`` (if given)."""
    wanted_banks = {bank.casefold() for bank in banks}
    pool = [q for q in questions if not wanted_banks or q.bank.casefold() in wanted_banks]
    return with_tags(pool, tags) if tags else pool


def tag_weakness(store: Store, questions: Iterable[Described], now: datetime) -> dict[str, float]:
    """Each tried tag's weakness from the learning model: 1 for the weakest, 0 for the strongest."""
    totals = store.answer_totals(now, learning.HALF_LIFE_DAYS)
    tried = [score for score in learning.tag_scores(questions, totals) if score.attempts]
    if not tried:
        return {}
    best = max(score.score for score in tried)
    span = best - min(score.score for score in tried)
    return {score.tag: (best - score.score) / span if span else 0.0 for score in tried}


def draw_questions(
    pool: Sequence[D],
    count: int,
    rng: random.Random,
    weakness: Mapping[str, float] | None = None,
) -> list[D]:
    """Draw ``count`` questions (or all there are) without replacement, in random order.

    ``weakness`` maps a tag to 0 (strong) .. 1 (weakest); when given, a question
    weighs ``1 + WEAK_BOOST * its weakest tag`` (Efraimidis–Spirakis weighted sampling).
    """
    count = min(count, len(pool))
    if not weakness:
        return rng.sample(list(pool), count)

    def weight(question: D) -> float:
        worst = max((weakness.get(tag, 0.0) for tag in question.tags), default=0.0)
        return 1.0 + WEAK_BOOST * min(max(worst, 0.0), 1.0)

    keyed = sorted(
        ((rng.random() ** (1.0 / weight(question)), index) for index, question in enumerate(pool)),
        reverse=True,
    )
    chosen = [pool[index] for _, index in keyed[:count]]
    rng.shuffle(chosen)
    return chosen


def draw_to_blueprint(
    pool: Sequence[D],
    chosen: Blueprint,
    rng: random.Random,
    weakness: Mapping[str, float] | None = None,
) -> tuple[list[D], list[str], blueprints.Plan]:
    """Draw each domain's share of the blueprint (``blueprint.plan``) from the questions it
    claims, in random order: the questions, the domain of each, and the plan."""
    split = chosen.split(pool)
    counts = blueprints.plan(chosen, split)
    drawn: list[tuple[D, str]] = []
    for domain, count in zip(chosen.domains, counts.counts, strict=True):
        picked = draw_questions(split[domain.name], count, rng, weakness)
        drawn += [(question, domain.name) for question in picked]
    rng.shuffle(drawn)
    return [q for q, _ in drawn], [name for _, name in drawn], counts


def find_blueprint(name: str, questions: Iterable[Described]) -> Blueprint:
    """The blueprint of this name (shipped, the person's, or a bank's); ``ExamError`` if none."""
    try:
        return blueprints.catalogue(questions).find(name)
    except BlueprintError as error:
        raise ExamError(str(error)) from None


def _pool_blueprint(config: ExamConfig) -> Blueprint:
    """A plain exam as a blueprint of one domain (its forecast is kept under no name)."""
    domain = blueprints.Domain(POOL_DOMAIN, 100.0)
    return Blueprint("", "", "", "", config.count, config.minutes, config.pass_mark, (domain,))


POOL_DOMAIN = "all questions"


def picks_wanted(question: Question) -> int:
    """How many options a question asks for ("Choose 2")."""
    return max(1, len(question.answer))


def progress_of(question: Question, chosen: frozenset[str]) -> Progress:
    """Answered, partly answered (fewer options than asked for), or unanswered."""
    if len(chosen) >= picks_wanted(question):
        return "answered"
    return "partly" if chosen else "unanswered"


def picks_made(question: Question, chosen: frozenset[str]) -> str:
    """How far a partly answered question got: ``1 of 2 picked``."""
    return f"{len(chosen)} of {picks_wanted(question)} picked"


@dataclass
class ExamItem:
    """One question of a running exam and what the person did with it."""

    question: Question
    chosen: frozenset[str] = frozenset()
    flagged: bool = False
    seconds: float = 0.0
    guessed: bool = False
    """Marked "I'm guessing" (graded as a guess when the exam is recorded)."""

    @property
    def answered(self) -> bool:
        """True once as many options are chosen as the question asks for."""
        return self.progress == "answered"

    @property
    def wanted(self) -> int:
        """How many options the question asks for ("Choose 2")."""
        return picks_wanted(self.question)

    @property
    def progress(self) -> Progress:
        """Answered, partly answered (fewer options than asked for), or unanswered."""
        return progress_of(self.question, self.chosen)

    @property
    def correct(self) -> bool:
        """All-or-nothing: exactly the right letters (unanswered or partly is wrong)."""
        return self.question.is_correct(self.chosen) and bool(self.chosen)


_P = ParamSpec("_P")


def _all_or_nothing(
    change: Callable[Concatenate[ExamSession, _P], bool],
) -> Callable[Concatenate[ExamSession, _P], bool]:
    """A change of the session that the store cannot write is taken back in memory too;
    refused because another window has the exam, it also returns False and sets ``lost``."""

    @functools.wraps(change)
    def run(session: ExamSession, /, *args: _P.args, **kwargs: _P.kwargs) -> bool:
        state = dict(vars(session))
        items = [dict(vars(item)) for item in session.items]

        def take_back() -> None:
            vars(session).update(state)
            for item, saved in zip(session.items, items, strict=True):
                vars(item).update(saved)

        try:
            return change(session, *args, **kwargs)
        except StoreError:
            take_back()
            raise
        except ExamLeaseError as error:
            take_back()
            session.lost = str(error)
            return False

    return run


class ExamSession:
    """A mock exam in progress (or finished), written through to the ``Store``.

    Create one with ``start`` (it holds the new exam) or ``load`` (``claim`` it before
    changing it). Every method that changes the exam first checks the deadline: past
    it, the exam submits itself (at the deadline) and the change is refused (the method
    returns ``False``); so it is, with ``lost`` saying why, once another window has it.
    """

    def __init__(
        self,
        store: Store,
        clock: Clock,
        stored: StoredExam,
        questions: Sequence[Question],
        holder: str,
    ) -> None:
        self.store = store
        self.clock = clock
        self.holder = holder
        self.lost: str | None = None
        """Why this window may no longer change the exam (None while it may)."""
        self._renewed_at = clock()
        self.exam_id = stored.id
        self.config = ExamConfig.from_dict(stored.settings)
        self.started_at = stored.started_at
        self.deadline = stored.deadline
        self.paused_at = stored.paused_at
        self.finished_at = stored.finished_at
        self.end_reason: EndReason | None = stored.end_reason  # type: ignore[assignment]
        self.position = stored.position
        domains = stored.settings.get("domains")
        self.domains: tuple[str, ...] | None = (
            tuple(str(name) for name in domains)
            if isinstance(domains, list) and len(domains) == len(stored.items)
            else None
        )
        """The blueprint domain of each question (exams drawn to a blueprint)."""
        self.items = [
            ExamItem(question, frozenset(item.chosen), item.flagged, item.seconds, item.guessed)
            for question, item in zip(questions, stored.items, strict=True)
        ]
        self._shown_at = clock()

    # ------------------------------------------------------------ creating

    @classmethod
    def start(
        cls,
        store: Store,
        questions: Sequence[Described],
        config: ExamConfig,
        clock: Clock,
        holder: str | None = None,
        *,
        fetch: Callable[[Iterable[str]], list[Question]] | None = None,
    ) -> ExamSession:
        """Draw the questions, store the exam with its deadline, and start the clock; the
        session holds the exam. ``fetch`` reads the questions drawn whole (needed when
        ``questions`` are metadata only)."""
        config.check()
        pool = eligible_questions(questions, config.tags, config.banks)
        if not pool:
            raise ExamError(f"no question matches {describe_selection(config)}")
        now = clock()
        weakness = tag_weakness(store, questions, now) if config.weak_weighting else None
        rng = random.Random(config.seed)
        settings = config.to_dict()
        if config.blueprint:
            chosen = replace(find_blueprint(config.blueprint, questions), questions=config.count)
            drawn, settings["domains"], _ = draw_to_blueprint(pool, chosen, rng, weakness)
            if not drawn:
                raise ExamError(f"no question matches a domain of blueprint {chosen.name}")
            split = chosen.split(pool)
        else:
            drawn = draw_questions(pool, config.count, rng, weakness)
            chosen, split = _pool_blueprint(config), {POOL_DOMAIN: list(pool)}
        made = forecast.forecast(chosen, split, forecast.evidence(store), now)
        whole = (
            fetch(question.key for question in drawn)
            if fetch is not None
            else [question for question in drawn if isinstance(question, Question)]
        )
        if len(whole) != len(drawn):
            raise ExamError("the questions drawn could not be read: `quiz validate` says why")
        holder = holder or new_holder()
        exam_id = store.create_exam(
            settings,
            [question.key for question in whole],
            now,
            now + config.time_limit,
            holder,
            made.stored(),
        )
        stored = store.exam(exam_id)
        assert stored is not None
        return cls(store, clock, stored, whole, holder)

    @classmethod
    def load(
        cls,
        store: Store,
        exam_id: int,
        questions_by_key: Mapping[str, Question],
        clock: Clock,
        holder: str | None = None,
    ) -> ExamSession:
        """Read a stored exam (``claim`` it to change it); one whose deadline passed while
        away is submitted at once."""
        stored = store.exam(exam_id)
        if stored is None:
            raise ExamError(f"there is no exam {exam_id}")
        missing = [
            item.question_key for item in stored.items if item.question_key not in questions_by_key
        ]
        if missing:
            raise ExamError(
                f"exam {exam_id} uses questions no longer in the banks: {', '.join(missing[:5])}"
                + (" …" if len(missing) > 5 else "")
            )
        session = cls(
            store,
            clock,
            stored,
            [questions_by_key[item.question_key] for item in stored.items],
            holder or new_holder(),
        )
        if session.finished and not stored.recorded:
            session._record_for_learning()
        session.check_time()
        return session

    # ------------------------------------------------------------ state

    @property
    def finished(self) -> bool:
        """True once submitted (by the person or by the clock)."""
        return self.finished_at is not None

    @property
    def paused(self) -> bool:
        """True while the clock is stopped."""
        return self.paused_at is not None and not self.finished

    @property
    def current(self) -> ExamItem:
        """The question being shown."""
        return self.items[self.position]

    def remaining(self) -> timedelta:
        """Time left, computed from the deadline (frozen while paused, zero once finished)."""
        if self.finished:
            return timedelta(0)
        moment = self.paused_at or self.clock()
        return max(timedelta(0), self.deadline - moment)

    def time_used(self) -> timedelta:
        """Time spent on the exam so far, pauses excluded (the deadline moved by each pause)."""
        moment = self.finished_at or self.paused_at or self.clock()
        return min(self.config.time_limit, self.config.time_limit - (self.deadline - moment))

    def urgency(self) -> Literal["normal", "warning", "critical"]:
        """How the countdown should look now (see ``urgency``)."""
        return urgency(self.remaining(), self.config.time_limit)

    def unanswered(self) -> list[int]:
        """Positions without any option chosen."""
        return [index for index, item in enumerate(self.items) if not item.chosen]

    def partly_answered(self) -> list[int]:
        """Positions with fewer options chosen than the question asks for."""
        return [index for index, item in enumerate(self.items) if item.progress == "partly"]

    def still_open(self) -> list[int]:
        """Positions not fully answered (unanswered or partly)."""
        return [index for index, item in enumerate(self.items) if not item.answered]

    def flagged(self) -> list[int]:
        """Positions flagged for review."""
        return [index for index, item in enumerate(self.items) if item.flagged]

    def answered_count(self) -> int:
        """How many questions are fully answered (partly answered ones are not)."""
        return sum(item.answered for item in self.items)

    # ------------------------------------------------------------ which window has it

    def open_elsewhere(self) -> ExamLease | None:
        """The lease of another window that has the exam open now (not stale), if any."""
        lease = self.store.exam_lease(self.exam_id)
        if lease is None or lease.holder == self.holder or holder_is_gone(lease.holder):
            return None
        return lease if lease.heartbeat > self.clock() - LEASE_STALE else None

    @_all_or_nothing
    def claim(self, take_over: bool = False) -> bool:
        """Open the exam in this window. Refused (False) while another window has it open,
        unless ``take_over``: then that window's next change is refused."""
        now = self.clock()
        take_over = take_over or self.open_elsewhere() is None
        if self.store.claim_exam(self.exam_id, self.holder, now, now - LEASE_STALE, take_over):
            return False
        self._reload()  # what the other window did until now
        self.lost = None
        self._renewed_at = self._shown_at = now
        return True

    @_all_or_nothing
    def tick(self) -> bool:
        """The clock tick of the window that has the exam open: renews its lease when due,
        submits the exam at its deadline. False once the exam left this window."""
        if self.lost is not None:
            return False
        now = self.clock()
        if not self.finished and now - self._renewed_at >= LEASE_RENEW:
            self.store.renew_exam_lease(self.exam_id, self.holder, now)
            self._renewed_at = now
        return not self.check_time()

    def release(self) -> None:
        """Close the exam in this window: any window may open it now."""
        if self.lost is None and not self.finished:
            self.store.release_exam_lease(self.exam_id, self.holder)

    # ------------------------------------------------------------ changes

    def _refused(self) -> bool:
        """True when a change cannot be made now: another window has the exam, the time is
        up (the exam submits itself), or the clock is paused."""
        return self.lost is not None or self.check_time() or self.paused

    @_all_or_nothing
    def check_time(self) -> bool:
        """Submit the exam if its deadline has passed; returns ``finished``."""
        if not self.finished and not self.paused and self.clock() >= self.deadline:
            self._finish("timeout", self.deadline)
        return self.finished

    @_all_or_nothing
    def go_to(self, position: int) -> bool:
        """Show another question (clamped to the exam)."""
        if self._refused():
            return False
        position = max(0, min(position, len(self.items) - 1))
        if position != self.position:
            self._spend_time()
            left, self.position = self.position, position
            self._save_item(left)
        return True

    @_all_or_nothing
    def choose(self, letters: Iterable[str]) -> bool:
        """Set the current question's answer (an empty set clears it)."""
        if self._refused():
            return False
        item = self.current
        item.chosen = frozenset(letter for letter in letters if letter in item.question.options)
        self._spend_time()
        self._save_item(self.position)
        return True

    def toggle(self, letter: str) -> bool:
        """Pick or unpick one option; on a single-answer question picking replaces the answer."""
        item = self.current
        if letter not in item.question.options:
            return False
        if letter in item.chosen:
            return self.choose(item.chosen - {letter})
        if item.question.is_multi:
            return self.choose(item.chosen | {letter})
        return self.choose({letter})

    @_all_or_nothing
    def toggle_flag(self) -> bool:
        """Flag the current question for review, or unflag it."""
        if self._refused():
            return False
        self.current.flagged = not self.current.flagged
        self._save_item(self.position)
        return True

    @_all_or_nothing
    def toggle_guessing(self) -> bool:
        """Mark the current answer "I'm guessing", or unmark it."""
        if self._refused():
            return False
        self.current.guessed = not self.current.guessed
        self._save_item(self.position)
        return True

    @_all_or_nothing
    def pause(self) -> bool:
        """Stop the clock, when the exam allows pausing."""
        if not self.config.allow_pause or self._refused():
            return False
        self._spend_time()
        self.paused_at = self.clock()
        self.store.save_exam_clock(self.exam_id, self.deadline, self.paused_at, self.holder)
        return True

    @_all_or_nothing
    def resume(self) -> bool:
        """Restart a paused clock; the deadline moves by the length of the pause."""
        if not self.paused or self.lost is not None:
            return False
        now = self.clock()
        self.deadline += now - self.paused_at  # type: ignore[operator]
        self.paused_at = None
        self._shown_at = now
        self.store.save_exam_clock(self.exam_id, self.deadline, None, self.holder)
        return True

    @_all_or_nothing
    def submit(self) -> bool:
        """Hand the exam in now (a paused exam is resumed first)."""
        self.resume()
        if self._refused():
            return False
        self._spend_time()
        self._save_item(self.position)
        self._finish("submitted", self.clock())
        return True

    @_all_or_nothing
    def discard(self) -> bool:
        """Throw an unfinished exam away (it leaves no trace)."""
        if self.lost is not None:
            return False
        self.store.delete_exam(self.exam_id, self.holder)
        return True

    # ------------------------------------------------------------ report

    def report(self) -> ExamReport:
        """The report of a finished exam, with the trend of every finished exam so far."""
        if not self.finished:
            raise ExamError(f"exam {self.exam_id} is still running")
        return build_report(self, self.store.finished_exams())

    # ------------------------------------------------------------ internals

    def _spend_time(self) -> None:
        now = self.clock()
        if not self.paused:
            self.current.seconds += max(0.0, (now - self._shown_at).total_seconds())
        self._shown_at = now

    def _save_item(self, position: int) -> None:
        item = self.items[position]
        self.store.save_exam_item(
            self.exam_id,
            position,
            StoredExamItem(
                item.question.key,
                "".join(sorted(item.chosen)),
                item.flagged,
                item.seconds,
                item.guessed,
            ),
            self.position,
            self.holder,
        )

    def _finish(self, reason: EndReason, at: datetime) -> None:
        """Submit: the holder, or anyone once the time is up. The score is counted from the
        stored answers, and the session then shows what was stored (if another window
        finished the exam first, its submission stands)."""

        def score(stored: Sequence[StoredExamItem]) -> int:
            return sum(
                ExamItem(item.question, frozenset(answer.chosen)).correct
                for item, answer in zip(self.items, stored, strict=True)
            )

        holder = None if reason == "timeout" else self.holder
        self.store.finish_exam(self.exam_id, at, reason, score, holder)
        self._reload()
        self._record_for_learning()

    def _reload(self) -> None:
        """Take the stored state of the exam (answers, flags, clock, outcome) as this one's."""
        stored = self.store.exam(self.exam_id)
        if stored is None:
            raise ExamLeaseError("the exam was discarded in another window")
        for item, answer in zip(self.items, stored.items, strict=True):
            item.chosen, item.flagged = frozenset(answer.chosen), answer.flagged
            item.seconds, item.guessed = answer.seconds, answer.guessed
        self.deadline, self.paused_at, self.position = (
            stored.deadline,
            stored.paused_at,
            stored.position,
        )
        self.finished_at = stored.finished_at
        self.end_reason = stored.end_reason  # type: ignore[assignment]

    def _record_for_learning(self) -> None:
        """Feed every answered question to the learning model, once."""
        assert self.finished_at is not None
        learning.record_exam_answers(
            self.store,
            self.exam_id,
            [
                (item.question, item.chosen, item.seconds, item.guessed)
                for item in self.items
                if item.chosen
            ],
            mode=EXAM_MODE,
            now=self.finished_at,
        )


def urgency(remaining: timedelta, limit: timedelta) -> Literal["normal", "warning", "critical"]:
    """Warning in the last 10 minutes (last quarter if shorter), critical in the last minute
    (in an exam under 4 minutes, its last quarter: an exam never starts critical)."""
    warning = min(timedelta(minutes=10), limit / 4)
    if remaining <= min(timedelta(minutes=1), warning):
        return "critical"
    if remaining <= warning:
        return "warning"
    return "normal"


def format_remaining(remaining: timedelta) -> str:
    """``H:MM:SS`` (or ``MM:SS`` under an hour), rounded up so zero means time is up."""
    total = max(0, int(-(-remaining.total_seconds() // 1)))
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


def describe_selection(config: ExamConfig) -> str:
    """Where the questions come from, in words."""
    parts = []
    if config.tags:
        parts.append(f"{noun(len(config.tags), 'tag')} {', '.join(config.tags)}")
    if config.banks:
        parts.append(f"{noun(len(config.banks), 'bank')} {', '.join(config.banks)}")
    return " in ".join(parts) if parts else "all questions"


def unfinished_exam_id(store: Store) -> int | None:
    """The exam to offer to resume (the latest unfinished one), if any."""
    ids = store.unfinished_exam_ids()
    return ids[-1] if ids else None


# ---------------------------------------------------------------- the report


@dataclass(frozen=True)
class Tally:
    """Correct answers out of a total, for a domain or a tag."""

    name: str
    correct: int
    total: int

    @property
    def accuracy(self) -> float:
        """Fraction correct (0 when there is nothing to count)."""
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True)
class ItemResult:
    """How one question of a finished exam turned out."""

    number: int
    question: Question
    chosen: frozenset[str]
    correct: bool
    flagged: bool
    seconds: float
    guessed: bool = False

    @property
    def answered(self) -> bool:
        """True when an answer was given."""
        return bool(self.chosen)

    @property
    def progress(self) -> Progress:
        """Answered, partly answered (fewer options than asked for), or unanswered."""
        return progress_of(self.question, self.chosen)

    @property
    def outcome(self) -> str:
        """``right``, ``wrong``, ``unanswered`` or ``partly: 1 of 2 picked`` (which is wrong)."""
        if self.correct:
            return "right"
        if self.progress == "answered":
            return "wrong"
        if self.progress == "partly":
            return f"partly: {picks_made(self.question, self.chosen)}"
        return "unanswered"


@dataclass(frozen=True)
class TrendPoint:
    """One finished exam in the person's history."""

    exam_id: int
    finished_at: datetime
    correct: int
    total: int
    passed: bool

    @property
    def score(self) -> float:
        """Fraction correct."""
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True)
class ExamReport:
    """Everything the report screen and ``quiz exam --report`` show."""

    exam_id: int
    config: ExamConfig
    started_at: datetime
    finished_at: datetime
    end_reason: str
    time_used: timedelta
    results: tuple[ItemResult, ...]
    by_domain: tuple[Tally, ...]
    by_topic: tuple[Tally, ...]
    by_trap: tuple[Tally, ...]
    trend: tuple[TrendPoint, ...] = field(default=())

    @property
    def correct(self) -> int:
        """Questions answered right."""
        return sum(result.correct for result in self.results)

    @property
    def total(self) -> int:
        """Questions in the exam."""
        return len(self.results)

    @property
    def score(self) -> float:
        """Fraction correct."""
        return self.correct / self.total if self.total else 0.0

    @property
    def passed(self) -> bool:
        """True when the score reaches the pass mark."""
        return self.score >= self.config.pass_mark

    @property
    def unanswered(self) -> int:
        """Questions left without an answer (they count as wrong)."""
        return sum(not result.answered for result in self.results)

    @property
    def partly(self) -> int:
        """Questions given fewer picks than they ask for (they count as wrong)."""
        return sum(result.progress == "partly" for result in self.results)

    @property
    def flagged(self) -> tuple[ItemResult, ...]:
        """The flagged questions and how they turned out."""
        return tuple(result for result in self.results if result.flagged)

    @property
    def guesses(self) -> str:
        """The answers marked "I'm guessing" and how many were right (``""``: none)."""
        guessed = [result for result in self.results if result.guessed and result.answered]
        if not guessed:
            return ""
        return f"{len(guessed)} guessed, {sum(result.correct for result in guessed)} right"

    @property
    def previous(self) -> TrendPoint | None:
        """The exam finished before this one, for comparison."""
        earlier = [point for point in self.trend if point.exam_id != self.exam_id]
        return earlier[-1] if earlier else None

    def review(self, which: ReviewFilter = "all") -> tuple[ItemResult, ...]:
        """The results to walk in review mode: all, only wrong (incl. unanswered), or flagged."""
        if which == "wrong":
            return tuple(result for result in self.results if not result.correct)
        if which == "flagged":
            return self.flagged
        return self.results

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``."""

        def tallies(rows: Iterable[Tally]) -> list[dict[str, Any]]:
            return [
                {
                    "name": t.name,
                    "correct": t.correct,
                    "total": t.total,
                    "accuracy": round(t.accuracy, 4),
                }
                for t in rows
            ]

        return {
            "exam": self.exam_id,
            "settings": self.config.to_dict(),
            "started_at": to_text(self.started_at),
            "finished_at": to_text(self.finished_at),
            "end": self.end_reason,
            "time_limit_seconds": self.config.time_limit.total_seconds(),
            "time_used_seconds": round(self.time_used.total_seconds(), 3),
            "correct": self.correct,
            "total": self.total,
            "score": round(self.score, 4),
            "pass_mark": self.config.pass_mark,
            "passed": self.passed,
            "unanswered": self.unanswered,
            "partly_answered": self.partly,
            "by_domain": tallies(self.by_domain),
            "by_topic": tallies(self.by_topic),
            "by_trap": tallies(self.by_trap),
            "questions": [
                {
                    "number": r.number,
                    "key": r.question.key,
                    "chosen": "".join(sorted(r.chosen)),
                    "answer": "".join(r.question.answer),
                    "correct": r.correct,
                    "progress": r.progress,
                    "flagged": r.flagged,
                    "guessed": r.guessed,
                    "seconds": round(r.seconds, 3),
                }
                for r in self.results
            ],
            "trend": [
                {
                    "exam": p.exam_id,
                    "finished_at": to_text(p.finished_at),
                    "correct": p.correct,
                    "total": p.total,
                    "score": round(p.score, 4),
                    "passed": p.passed,
                }
                for p in self.trend
            ],
        }


def tally(
    results: Iterable[ItemResult], names: Callable[[Question], Iterable[str]]
) -> tuple[Tally, ...]:
    """Accuracy per name (domain, topic or trap), weakest first, then the most asked."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for result in results:
        for name in names(result.question):
            counts[name][0] += result.correct
            counts[name][1] += 1
    rows = [Tally(name, correct, total) for name, (correct, total) in counts.items()]
    return tuple(sorted(rows, key=lambda t: (t.accuracy, -t.total, t.name)))


def domain_name(question: Question) -> str:
    """The domain a report counts a question under: its exam domain (with the weight)
    when it was filed under one, else its own domain field."""
    exam_domain = question.exam_domain
    if exam_domain is None:
        return question.domain or "(no domain)"
    weight = f" ({exam_domain.weight}%)" if exam_domain.weight is not None else ""
    return f"{exam_domain.name}{weight}"


def blueprint_tally(results: Sequence[ItemResult], domains: Sequence[str]) -> tuple[Tally, ...]:
    """Accuracy per blueprint domain (the domain each question was drawn for), weakest first."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for result, domain in zip(results, domains, strict=True):
        counts[domain][0] += result.correct
        counts[domain][1] += 1
    rows = tuple(Tally(name, correct, total) for name, (correct, total) in counts.items())
    return tuple(sorted(rows, key=lambda t: (t.accuracy, -t.total, t.name)))


def build_report(session: ExamSession, history: Sequence[ExamSummary]) -> ExamReport:
    """Score, aggregates and trend of a finished exam."""
    assert session.finished_at is not None and session.end_reason is not None
    results = tuple(
        ItemResult(
            number,
            item.question,
            item.chosen,
            item.correct,
            item.flagged,
            item.seconds,
            item.guessed,
        )
        for number, item in enumerate(session.items, start=1)
    )
    trend = tuple(
        TrendPoint(
            past.id,
            past.finished_at,
            past.correct,
            past.total,
            past.total > 0
            and past.correct / past.total >= ExamConfig.from_dict(past.settings).pass_mark,
        )
        for past in history
        if past.finished_at is not None and past.started_at <= session.started_at
    )
    return ExamReport(
        exam_id=session.exam_id,
        config=session.config,
        started_at=session.started_at,
        finished_at=session.finished_at,
        end_reason=session.end_reason,
        time_used=session.time_used(),
        results=results,
        by_domain=tally(results, lambda q: [domain_name(q)])
        if session.domains is None
        else blueprint_tally(results, session.domains),
        by_topic=tally(results, lambda q: q.topics),
        by_trap=tally(results, lambda q: q.traps),
        trend=trend,
    )
