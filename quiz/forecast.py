"""The readiness forecast: would the person pass the exam of a blueprint if they sat it today?

Per question, the chance of answering it right today. Its *prior* is how the person did on
the first answer to questions of the same topic tags and the same blueprint domain, each
group's first-answer accuracy shrunk toward their overall one by ``PRIOR_WEIGHT`` answers
(first answers, because an unseen question is met for the first time; later answers measure
memory). An unseen question's chance is its prior; a question with a review card is
recalled with its FSRS retrievability ``R``, and otherwise worked out like an unseen one:
``R + (1 - R) prior``.

An exam drawn to the blueprint takes ``n_d`` questions at random from domain ``d`` (the
``blueprint.plan``). Its number right ``S`` has mean ``sum n_d m_d`` and variance
``sum n_d m_d (1 - m_d) - n_d (n_d - 1) v_d / (M_d - 1)`` (``m_d``, ``v_d``: mean and
variance of the chances over the domain's ``M_d`` questions; the second term is drawing
without replacement), plus ``(n_d u_d)^2 m_d (1 - m_d) / (t_d + PRIOR_WEIGHT + 1)`` for
what the priors do not know (``u_d``: the unseen share, ``t_d``: first answers in the
domain; a Beta posterior's variance, shared by the domain's unseen questions), plus
``(sum_d n_d l_d)^2 o (1 - o) / (T + 3)`` for what the overall accuracy ``o`` (from ``T``
first answers) does not know, which moves every prior at once (``l_d``: how much the
domain's unseen priors lean on it, ``_Priors.leaning``). The
expected score is that mean over the exam's size; the pass chance and the 80% band come
from a normal law with that mean and variance (with a continuity correction): ``S`` sums
45-60 independent answers, where the normal law is close (``tests/test_forecast.py``
checks it against seeded simulated draws); it is exact in mean and variance and costs
nothing, where a simulation costs time and noise.
No Textual, no clock: ``now`` is a parameter.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from quiz.blueprint import Blueprint, Plan, plan
from quiz.learning import _SCHEDULER, answer_credit
from quiz.model import Described
from quiz.store import CardMemory, ForecastOutcome, Store, StoredForecast
from quiz.words import percent, plural

PRIOR_WEIGHT = 5.0
"""How many answers at the person's overall accuracy a group's prior is worth."""
BAND = 0.8
Z_BAND = 1.2816
"""The standard normal quantile of 90%: the 80% band is the mean ± Z_BAND sd."""
TARGET = _SCHEDULER.desired_retention
"""The chance a question is taken to have once studied (FSRS's desired retention)."""
DEFAULT_SECONDS = 60.0
SECONDS_FROM = 200
"""How many recent answers set the time a question takes (their median)."""
PACE_FROM = 20
"""Below this many answers, a question is taken to need ``DEFAULT_SECONDS`` (a handful of
quick answers would promise dozens of questions in a minute)."""
MIN_SECONDS = 20.0
"""Studying a question (reading, answering, the analysis) takes at least this long."""
SUGGESTIONS = 5
MIN_POINTS = 0.05
"""A suggestion worth less (it would read "+0.0 points") is not made."""
_DECAY = -float(_SCHEDULER.parameters[20])
_FACTOR = 0.9 ** (1 / _DECAY) - 1


def retrievability(memory: CardMemory, now: datetime) -> float:
    """FSRS's chance of recalling a card now: ``Scheduler.get_card_retrievability``, in
    days and fractions of a day (FSRS counts whole days, so a card reviewed in the morning
    would count as certain until midnight, however short its stability)."""
    if memory.stability is None or memory.last_review is None or memory.stability <= 0:
        return 0.0
    days = max(0.0, (now - memory.last_review).total_seconds() / 86400)
    return float((1 + _FACTOR * days / memory.stability) ** _DECAY)


@dataclass(frozen=True)
class Evidence:
    """What the store knows of the person that the forecast reads."""

    memory: Mapping[str, CardMemory]
    first: Mapping[str, float]
    """Per question answered, how much its first answer counts as right (a right guess
    counts half: ``learning.answer_credit``)."""
    seconds: float
    """The time a question takes the person, in seconds (median of recent answers)."""
    outcomes: Sequence[ForecastOutcome] = ()


def evidence(store: Store) -> Evidence:
    """The cards, first answers, answer pace and past forecasts of the store."""
    seconds = store.recent_seconds(SECONDS_FROM)
    pace = statistics.median(seconds) if len(seconds) >= PACE_FROM else DEFAULT_SECONDS
    pace = max(pace, MIN_SECONDS)
    return Evidence(
        store.card_memory(),
        {key: answer_credit(*first) for key, first in store.first_answers().items()},
        max(pace, 1.0),
        store.forecast_outcomes(),
    )


@dataclass(frozen=True)
class _Priors:
    """First answers counted per group (``domain:…``, ``tag:…``) and overall."""

    groups: Mapping[str, tuple[float, int]]
    overall: float
    """Overall first-answer accuracy, with one right and one wrong answer added."""
    tried: int
    known: dict[tuple[str, tuple[str, ...]], tuple[float, float]] = field(default_factory=dict)

    @staticmethod
    def names(domain: str, topics: tuple[str, ...]) -> list[str]:
        """The groups a question of ``domain`` with these topic tags belongs to."""
        return [f"domain:{domain}", *(f"tag:{tag}" for tag in topics)]

    def prior(self, domain: str, question: Described) -> float:
        """The chance of a first answer being right: the mean of its groups' accuracy, each
        shrunk toward the overall one by ``PRIOR_WEIGHT`` answers."""
        return self._of(domain, question.topics)[0]

    def leaning(self, domain: str, question: Described) -> float:
        """How much of ``prior`` is the overall accuracy (0..1): its error moves with it."""
        return self._of(domain, question.topics)[1]

    def _of(self, domain: str, topics: tuple[str, ...]) -> tuple[float, float]:
        known = self.known.get((domain, topics))  # many questions share domain and tags
        if known is None:
            counts = [self.groups.get(name, (0.0, 0)) for name in self.names(domain, topics)]
            prior = [(ok + PRIOR_WEIGHT * self.overall) / (n + PRIOR_WEIGHT) for ok, n in counts]
            leaning = [PRIOR_WEIGHT / (n + PRIOR_WEIGHT) for _, n in counts]
            known = self.known[domain, topics] = (
                sum(prior) / len(prior),
                sum(leaning) / len(leaning),
            )
        return known


def _priors(split: Mapping[str, Sequence[Described]], found: Evidence) -> _Priors:
    groups: dict[str, tuple[float, int]] = {}
    right, tried = 0.0, 0
    for domain, questions in split.items():
        for question in questions:
            first = found.first.get(question.key)
            if first is None:
                continue
            right, tried = right + first, tried + 1
            for name in _Priors.names(domain, question.topics):
                ok, count = groups.get(name, (0.0, 0))
                groups[name] = (ok + first, count + 1)
    return _Priors(groups, (right + 1) / (tried + 2), tried)


def chances(
    split: Mapping[str, Sequence[Described]], found: Evidence, now: datetime
) -> dict[str, float]:
    """Per question key, the chance of answering it right today (see the module doc)."""
    return _chances(split, found, now)[0]


def _chances(
    split: Mapping[str, Sequence[Described]], found: Evidence, now: datetime
) -> tuple[dict[str, float], dict[str, float], _Priors]:
    """The chance of each question today, and its prior (the chance without memory)."""
    priors = _priors(split, found)
    chance: dict[str, float] = {}
    prior: dict[str, float] = {}
    for domain, questions in split.items():
        for question in questions:
            prior[question.key] = priors.prior(domain, question)
            memory = found.memory.get(question.key)
            recall = retrievability(memory, now) if memory is not None else 0.0
            chance[question.key] = with_recall(recall, prior[question.key])
    return chance, prior, priors


def with_recall(recall: float, prior: float) -> float:
    """The chance of a right answer: recalled, or else worked out as an unseen one would be."""
    return recall + (1 - recall) * prior


@dataclass(frozen=True)
class DomainForecast:
    """One blueprint domain: its questions in the bank and the chance of each, on average."""

    name: str
    weight: float
    """Percent, as the blueprint says."""
    drawn: int
    """Questions an exam drawn to the blueprint takes from it."""
    questions: int
    seen: int
    due: int
    expected: float | None
    """The mean chance over its questions (None when the bank has none)."""


@dataclass(frozen=True)
class Suggestion:
    """Studying these questions of a domain would raise the expected score by ``points``."""

    domain: str
    kind: Literal["due", "new"]
    questions: int
    points: float
    """Percentage points of expected exam score, once all are studied."""
    minutes: float

    @property
    def per_minute(self) -> float:
        """Points gained per minute of study."""
        return self.points / self.minutes if self.minutes else 0.0


@dataclass(frozen=True)
class Calibration:
    """How past forecasts compared with the mock exams they were made for."""

    exams: int
    mean_absolute_error: float | None
    """Percentage points between forecast and actual score (None before any exam)."""
    in_band: int
    """Exams whose score fell in the forecast's 80% band."""
    outcomes: tuple[ForecastOutcome, ...] = ()
    """Each exam's forecast and actual score, oldest first."""

    @property
    def summary(self) -> str:
        """How far the forecasts were from the mock exams' scores, or that no exam has one."""
        if self.mean_absolute_error is None:
            return "no mock exam with a forecast yet"
        return (
            f"mean absolute error {self.mean_absolute_error:.1f} points over "
            f"{plural(self.exams, 'exam')}, {self.in_band} in the 80% band"
        )


def drawn_to(outcome: ForecastOutcome) -> str:
    """The blueprint the exam was drawn to, or ``random draw`` for none."""
    return outcome.forecast.blueprint or "random draw"


def outcome_line(outcome: ForecastOutcome, width: int = 0) -> str:
    """``2026-03-01  Professional  forecast 68% (61–75%)  actual 70%`` (``drawn_to`` padded
    to ``width``)."""
    made = outcome.forecast
    return (
        f"{outcome.finished_at:%Y-%m-%d}  {drawn_to(outcome):<{width}}  "
        f"forecast {percent(made.expected)} "
        f"({round(100 * made.low)}–{percent(made.high)})  "
        f"actual {percent(outcome.correct / outcome.total)}"
    )


@dataclass(frozen=True)
class Readiness:
    """Everything the readiness screen, the home line and ``quiz ready`` show (scores 0..1)."""

    blueprint: Blueprint
    made_at: datetime
    questions: int
    """Questions an exam drawn now would have."""
    expected: float
    low: float
    high: float
    pass_chance: float
    domains: tuple[DomainForecast, ...]
    suggestions: tuple[Suggestion, ...]
    thin: tuple[str, ...]
    """Where the bank is too thin for the blueprint (``Plan.thin``)."""
    answered: int
    """Questions of the blueprint the person has answered."""
    unmatched: int
    """Questions no domain of the blueprint claims (left out)."""
    calibration: Calibration

    @property
    def weakest(self) -> DomainForecast | None:
        """The drawn domain with the lowest expected chance."""
        drawn = [d for d in self.domains if d.drawn and d.expected is not None]
        return min(drawn, key=lambda d: d.expected or 0.0) if drawn else None

    @property
    def pass_chance_text(self) -> str:
        """The pass chance in percent; never a certain 0% or 100% (``<1%``, ``>99%``)."""
        if self.pass_chance < 0.005:
            return "<1%"
        return ">99%" if self.pass_chance >= 0.995 else f"{self.pass_chance:.0%}"

    @property
    def margin(self) -> float:
        """Half the band's width (the ``± 6`` of ``68% ± 6``), 0..1."""
        return (self.high - self.low) / 2

    def stored(self) -> StoredForecast:
        """The forecast as kept with an exam."""
        return StoredForecast(
            self.blueprint.name,
            self.expected,
            self.low,
            self.high,
            self.pass_chance,
            self.made_at,
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json`` (scores in percent)."""

        def pct(value: float | None) -> float | None:
            return None if value is None else round(100 * value, 1)

        weakest = self.weakest
        return {
            "blueprint": self.blueprint.name,
            "guide": self.blueprint.guide,
            "guide_date": self.blueprint.guide_date,
            "questions": self.questions,
            "pass_mark": pct(self.blueprint.pass_mark),
            "expected": pct(self.expected),
            "band": [pct(self.low), pct(self.high)],
            "band_level": BAND,
            "pass_chance": pct(self.pass_chance),
            "weakest": weakest.name if weakest else None,
            "answered": self.answered,
            "unmatched": self.unmatched,
            "domains": [
                {
                    "name": d.name,
                    "weight": d.weight,
                    "drawn": d.drawn,
                    "questions": d.questions,
                    "seen": d.seen,
                    "due": d.due,
                    "expected": pct(d.expected),
                }
                for d in self.domains
            ],
            "raise_it_most": [
                {
                    "domain": s.domain,
                    "kind": s.kind,
                    "questions": s.questions,
                    "points": round(s.points, 2),
                    "minutes": round(s.minutes, 1),
                    "points_per_minute": round(s.per_minute, 3),
                }
                for s in self.suggestions
            ],
            "thin": list(self.thin),
            "calibration": {
                "exams": self.calibration.exams,
                "mean_absolute_error": None
                if self.calibration.mean_absolute_error is None
                else round(self.calibration.mean_absolute_error, 1),
                "in_band": self.calibration.in_band,
            },
        }


def readiness(
    store: Store, questions: Iterable[Described], blueprint: Blueprint, now: datetime
) -> Readiness:
    """The forecast for an exam drawn to ``blueprint`` from ``questions`` today."""
    questions = list(questions)
    split = blueprint.split(questions)
    return forecast(blueprint, split, evidence(store), now, len(questions))


def forecast(
    blueprint: Blueprint,
    split: Mapping[str, Sequence[Described]],
    found: Evidence,
    now: datetime,
    total: int | None = None,
) -> Readiness:
    """The forecast from what the store knows (``total``: questions before the split)."""
    drawn = plan(blueprint, split)
    chance, prior, priors = _chances(split, found, now)
    mean = variance = shared = 0.0
    domains: list[DomainForecast] = []
    for domain, count in zip(blueprint.domains, drawn.counts, strict=True):
        keys = [q.key for q in split.get(domain.name, ())]
        values = [chance[key] for key in keys]
        m = statistics.fmean(values) if values else None
        if m is not None and count:
            spread = statistics.pvariance(values, m) if len(values) > 1 else 0.0
            mean += count * m
            variance += count * m * (1 - m)
            if len(values) > 1:
                variance -= count * (count - 1) * spread / (len(values) - 1)
            unseen = sum(1 for key in keys if key not in found.memory) / len(keys)
            tried = sum(1 for key in keys if key in found.first)
            variance += (count * unseen) ** 2 * m * (1 - m) / (tried + PRIOR_WEIGHT + 1)
            shared += count * statistics.fmean(
                priors.leaning(domain.name, q) if q.key not in found.memory else 0.0
                for q in split[domain.name]
            )
        domains.append(
            DomainForecast(
                domain.name,
                domain.weight,
                count,
                len(keys),
                sum(1 for key in keys if key in found.memory),
                sum(1 for key in keys if _is_due(found.memory.get(key), now)),
                m,
            )
        )
    variance += shared**2 * priors.overall * (1 - priors.overall) / (priors.tried + 3)
    size = drawn.total
    expected, low, high, passing = _distribution(mean, variance, size, blueprint.pass_mark)
    claimed = sum(len(questions) for questions in split.values())
    return Readiness(
        blueprint=blueprint,
        made_at=now,
        questions=size,
        expected=expected,
        low=low,
        high=high,
        pass_chance=passing,
        domains=tuple(domains),
        suggestions=tuple(_suggestions(drawn, split, chance, prior, found, now)),
        thin=tuple(drawn.thin()),
        answered=sum(1 for qs in split.values() for q in qs if q.key in found.first),
        unmatched=(total - claimed) if total is not None else 0,
        calibration=calibration(found.outcomes),
    )


def _distribution(
    mean: float, variance: float, size: int, pass_mark: float
) -> tuple[float, float, float, float]:
    """Expected score, the 80% band and the pass chance of ``S`` ~ Normal(mean, variance)."""
    if not size:
        return 0.0, 0.0, 0.0, 0.0
    sd = math.sqrt(max(variance, 0.0))
    needed = math.ceil(pass_mark * size - 1e-9)
    if sd == 0:
        passing = 1.0 if mean >= needed else 0.0
    else:
        passing = 1 - _normal_cdf((needed - 0.5 - mean) / sd)
    low = max(0.0, (mean - Z_BAND * sd) / size)
    high = min(1.0, (mean + Z_BAND * sd) / size)
    return mean / size, low, high, passing


def _normal_cdf(z: float) -> float:
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def _is_due(memory: CardMemory | None, now: datetime) -> bool:
    return memory is not None and memory.due <= now


def _suggestions(
    drawn: Plan,
    split: Mapping[str, Sequence[Described]],
    chance: Mapping[str, float],
    prior: Mapping[str, float],
    found: Evidence,
    now: datetime,
) -> list[Suggestion]:
    """Per domain, its due questions and its new ones: what studying them all would add to
    the expected score (each question's recall raised to ``TARGET``), best per minute first."""
    found_suggestions: list[Suggestion] = []
    for domain, count in zip(drawn.blueprint.domains, drawn.counts, strict=True):
        questions = split.get(domain.name, ())
        if not count or not questions:
            continue
        share = count / drawn.total / len(questions)  # one question's part of the score
        kinds: dict[Literal["due", "new"], list[float]] = {"due": [], "new": []}
        for question in questions:
            memory = found.memory.get(question.key)
            kind: Literal["due", "new"] | None = (
                "new" if memory is None else "due" if _is_due(memory, now) else None
            )
            if kind is not None:
                studied = with_recall(TARGET, prior[question.key])
                kinds[kind].append(max(0.0, studied - chance[question.key]))
        for kind, gains in kinds.items():
            points = 100 * share * sum(gains)
            if points >= MIN_POINTS:
                minutes = len(gains) * found.seconds / 60
                found_suggestions.append(Suggestion(domain.name, kind, len(gains), points, minutes))
    found_suggestions.sort(key=lambda s: (-s.per_minute, s.domain, s.kind))
    return found_suggestions[:SUGGESTIONS]


def calibration(outcomes: Iterable[ForecastOutcome]) -> Calibration:
    """Mean absolute error (points) and band coverage of the stored forecasts."""
    outcomes = tuple(outcomes)
    errors: list[float] = []
    in_band = 0
    for outcome in outcomes:
        actual = outcome.correct / outcome.total
        errors.append(abs(outcome.forecast.expected - actual) * 100)
        in_band += outcome.forecast.low - 1e-9 <= actual <= outcome.forecast.high + 1e-9
    mae = statistics.fmean(errors) if errors else None
    return Calibration(len(errors), mae, in_band, outcomes)
