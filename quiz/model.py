"""The question model: plain frozen dataclasses, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

LETTERS = "ABCDEFGH"


@dataclass(frozen=True)
class Reference:
    """An official documentation link."""

    title: str
    url: str


@dataclass(frozen=True)
class Explanation:
    """The analysis of a question; every part is optional Markdown."""

    key_points: str = ""
    correct: str = ""
    wrong: Mapping[str, str] = field(default_factory=dict)
    mnemonic: str = ""
    references: tuple[Reference, ...] = ()
    extra: str = ""

    def is_empty(self) -> bool:
        """True when the source had no analysis at all."""
        return not (
            self.key_points
            or self.correct
            or self.wrong
            or self.mnemonic
            or self.references
            or self.extra
        )


@dataclass(frozen=True)
class Community:
    """What the community voted, when the source records it."""

    answer: tuple[str, ...] = ()
    votes: str = ""


@dataclass(frozen=True)
class Origin:
    """The source file a record was imported from, and the other files that held a
    copy of the same question (``also``)."""

    file: str
    sha256: str
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExamDomain:
    """The exam domain a question was filed under (a topic folder such as
    ``02-<domain name>-20pct``) and the domain's weight in the exam, in percent."""

    name: str
    weight: int | None = None


@dataclass(frozen=True)
class Question:
    """One multiple-choice question with its analysis."""

    id: str
    bank: str
    stem: str
    options: Mapping[str, str]
    answer: tuple[str, ...]
    source: str = ""
    level: str = ""
    domain: str = ""
    exam_domain: ExamDomain | None = None
    topics: tuple[str, ...] = ()
    traps: tuple[str, ...] = ()
    community: Community | None = None
    translation: str = ""  # the stem in the other language, when the source gives both
    explanation: Explanation = field(default_factory=Explanation)
    origin: Origin | None = None

    @property
    def key(self) -> str:
        """The identity of a question across banks: ``bank/id``."""
        return f"{self.bank}/{self.id}"

    @property
    def tags(self) -> tuple[str, ...]:
        """Topic tags then trap tags."""
        return self.topics + self.traps

    @property
    def disputed(self) -> bool:
        """True when the community voted for another answer than the official one."""
        voted = self.community.answer if self.community else ()
        return bool(voted) and set(voted) != set(self.answer)

    @property
    def is_multi(self) -> bool:
        """True when more than one option must be picked."""
        return len(self.answer) > 1

    def is_correct(self, chosen: set[str] | frozenset[str] | tuple[str, ...]) -> bool:
        """All-or-nothing scoring: exactly the right letters."""
        return set(chosen) == set(self.answer)
