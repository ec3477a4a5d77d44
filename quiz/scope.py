"""What to study: the banks, levels and domains chosen, and whether the bundled banks count.

A ``Scope`` is kept in the settings file (``SETTINGS_KEY``) or given for one run on the
command line; ``quiz.study.Study`` draws every session's questions through it. An empty
choice means all: no bank ticked is every bank.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from quiz.bank import Bank
from quiz.model import Described, QuestionInfo
from quiz.words import noun, plural

SETTINGS_KEY = "study_scope"


def question_domains(question: Described) -> set[str]:
    """The domains a question belongs to: its ``domain`` and its exam domain's name."""
    named = (question.domain, question.exam_domain.name if question.exam_domain else "")
    return {name for name in named if name}


def level_label(level: str) -> str:
    """A level's short name: ``L2`` for ``L2-Intermediate``."""
    return level.split("-", 1)[0] or level


@dataclass(frozen=True)
class Scope:
    """The questions to study: in ``banks``, at ``levels``, in ``domains`` (each: all when
    empty), and the bundled questions only if ``bundled``."""

    banks: frozenset[str] = frozenset()
    levels: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()
    bundled: bool = True

    @property
    def is_everything(self) -> bool:
        """True when nothing is left out."""
        return self == Scope()

    def admits(self, question: Described, bundled_keys: Collection[str]) -> bool:
        """Whether the question is in scope (``bundled_keys``: the bundled questions)."""
        return (
            (self.bundled or question.key not in bundled_keys)
            and (not self.banks or question.bank in self.banks)
            and (not self.levels or question.level in self.levels)
            and (not self.domains or not self.domains.isdisjoint(question_domains(question)))
        )

    def questions(self, bank: Bank) -> list[QuestionInfo]:
        """The bank's questions in scope (their metadata), in bank order."""
        if self.is_everything:
            return bank.infos
        return [q for q in bank.infos if self.admits(q, bank.bundled)]

    def to_dict(self) -> dict[str, Any]:
        """The scope as settings JSON."""
        return {
            "banks": sorted(self.banks),
            "levels": sorted(self.levels),
            "domains": sorted(self.domains),
            "bundled": self.bundled,
        }

    @classmethod
    def from_dict(cls, data: object) -> Scope:
        """The scope kept in the settings; a missing or damaged part means all."""
        if not isinstance(data, dict):
            return cls()

        def names(key: str) -> frozenset[str]:
            value = data.get(key)
            if isinstance(value, list) and all(isinstance(name, str) for name in value):
                return frozenset(value)
            return frozenset()

        bundled = data.get("bundled")
        return cls(
            names("banks"),
            names("levels"),
            names("domains"),
            bundled if isinstance(bundled, bool) else True,
        )


@dataclass(frozen=True)
class Facets:
    """What a bank can be narrowed to, each name with its number of questions."""

    banks: Counter[str]
    levels: Counter[str]
    domains: Counter[str]
    bundled: int
    """How many bundled questions the bank holds."""
    exam_domains: Counter[str] = field(default_factory=Counter)

    def listed(self, part: str) -> Counter[str]:
        """The names to offer for one part of the scope. For domains, the exam domains
        (from topic folders) when the bank has any: the records' own ``domain`` field is
        finer than an exam's blueprint (dozens of names); both still match."""
        if part == "domains" and self.exam_domains:
            return self.exam_domains
        counts: Counter[str] = getattr(self, part)
        return counts


def facets(bank: Bank) -> Facets:
    """Count the bank's questions per bank, level and domain."""
    questions = bank.infos
    return Facets(
        banks=Counter(q.bank for q in questions),
        levels=Counter(q.level for q in questions if q.level),
        domains=Counter(name for q in questions for name in question_domains(q)),
        bundled=sum(q.key in bank.bundled for q in questions),
        exam_domains=Counter(q.exam_domain.name for q in questions if q.exam_domain),
    )


def describe(scope: Scope, bank: Bank, in_scope: int) -> str:
    """One line: ``Studying: 2 of 4 banks, L2 only — 118 questions``."""
    found = facets(bank)
    total = len(found.banks)
    if scope.banks:
        parts = [f"{len(scope.banks & found.banks.keys())} of {plural(total, 'bank')}"]
    else:
        parts = [f"all {plural(total, 'bank')}" if total != 1 else "1 bank"]
    if scope.levels:
        parts.append(", ".join(sorted(level_label(level) for level in scope.levels)) + " only")
    if scope.domains:
        domains = found.listed("domains")
        chosen = len(scope.domains & domains.keys())
        parts.append(f"{chosen} of {len(domains)} {noun(len(domains), 'domain')}")
    if not scope.bundled and found.bundled:
        parts.append("bundled left out")
    return f"Studying: {', '.join(parts)} — {plural(in_scope, 'question')}"


def match_names(
    given: Iterable[str], known: Iterable[str], *, short: bool = False
) -> tuple[list[str], list[str]]:
    """The names as the bank spells them, and those it has not: case is ignored, and with
    ``short`` a level's short name matches it too (``L2`` is ``L2-Intermediate``)."""
    spelled = sorted(set(known))
    found: list[str] = []
    unknown: list[str] = []
    for name in given:
        wanted = name.casefold()
        hits = [k for k in spelled if k.casefold() == wanted]
        if short and not hits:
            hits = [k for k in spelled if level_label(k).casefold() == wanted]
        found.extend(hits)
        if not hits:
            unknown.append(name)
    return found, unknown
