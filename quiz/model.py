"""The question model: plain frozen dataclasses, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from quiz.text import preview

LETTERS = "ABCDEFGH"
FIRST_WORDS = 120
"""How many characters of a stem's preview a ``QuestionInfo`` keeps."""


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
    """The source file a record was imported from, the other files that held a copy of
    the same question (``also``), and, when the file was damaged and repaired, where in
    it (line, column) a character was chosen with doubt (``doubt``)."""

    file: str
    sha256: str
    also: tuple[str, ...] = ()
    doubt: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class ExamDomain:
    """The exam domain a question was filed under (a topic folder such as
    ``02-<domain name>-20pct``) and the domain's weight in the exam, in percent."""

    name: str
    weight: int | None = None


class Filed:
    """What ``Question`` and ``QuestionInfo`` derive from their bank, ID and tags."""

    id: str
    bank: str
    topics: tuple[str, ...]
    traps: tuple[str, ...]

    @property
    def key(self) -> str:
        """The identity of a question across banks: ``bank/id``."""
        return f"{self.bank}/{self.id}"

    @property
    def tags(self) -> tuple[str, ...]:
        """Topic tags then trap tags."""
        return self.topics + self.traps


@dataclass(frozen=True)
class Question(Filed):
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

    @property
    def info(self) -> QuestionInfo:
        """What lists, counts and pools need of the question (no text but its first words)."""
        return QuestionInfo(
            id=self.id,
            bank=self.bank,
            level=self.level,
            domain=self.domain,
            exam_domain=self.exam_domain,
            topics=self.topics,
            traps=self.traps,
            first_words=preview(self.stem, FIRST_WORDS),
            answers=len(self.answer),
            disputed=self.disputed,
            doubtful=len(self.origin.doubt) if self.origin else 0,
        )


class Described(Protocol):
    """What a question is filed under: a ``Question`` or a ``QuestionInfo``."""

    @property
    def key(self) -> str: ...
    @property
    def bank(self) -> str: ...
    @property
    def level(self) -> str: ...
    @property
    def domain(self) -> str: ...
    @property
    def exam_domain(self) -> ExamDomain | None: ...
    @property
    def topics(self) -> tuple[str, ...]: ...
    @property
    def traps(self) -> tuple[str, ...]: ...
    @property
    def tags(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class QuestionInfo(Filed):
    """A question's metadata, without its text: what lists, counts, scopes and pools read
    (``Bank.question`` fetches the whole question by key)."""

    id: str
    bank: str
    level: str = ""
    domain: str = ""
    exam_domain: ExamDomain | None = None
    topics: tuple[str, ...] = ()
    traps: tuple[str, ...] = ()
    first_words: str = ""
    """The stem's start on one line (``quiz.text.preview``, ``FIRST_WORDS`` long at most)."""
    answers: int = 1
    """How many options the answer has."""
    disputed: bool = False
    """True when the community voted for another answer than the official one."""
    doubtful: int = 0
    """How many of its characters the repair of a damaged file chose with doubt."""

    @property
    def is_multi(self) -> bool:
        """True when more than one option must be picked."""
        return self.answers > 1

    def preview(self, width: int) -> str:
        """The stem's start in at most ``width`` (< ``FIRST_WORDS``) characters."""
        text = self.first_words
        return text if len(text) <= width else text[: width - 1].rstrip() + "…"
