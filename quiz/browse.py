"""The question browser's model (no UI): every question with the person's progress on it,
filtered, searched, sorted and counted.

A ``Catalog`` reads the progress database once (totals, due dates, flags, notes: a few
small tables, whatever the number of answers) and then answers every change of filter
from memory and the bank's search index. A ``Filter`` is facets plus a text query: within
a facet any ticked value matches (bank A *or* B), across facets all must (bank A *and*
missed). The query matches the question's text (``quiz.search``) or the person's note.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from quiz.bank import Bank
from quiz.learning import is_leech
from quiz.model import QuestionInfo
from quiz.scope import level_label, question_domains
from quiz.search import fold, search, terms
from quiz.store import Store

SAVED_FILTERS_KEY = "browser_filters"
"""Where the saved filters are kept in the settings file."""
MAX_SAVED_FILTERS = 9


class Status(StrEnum):
    """What a question is to the person; a question can be several at once."""

    NEW = "new"
    DUE = "due"
    MISSED = "missed"
    """The last answer to it was wrong."""
    LEECH = "leech"
    BOOKMARKED = "bookmarked"
    SUSPENDED = "suspended"
    DISPUTED = "disputed"
    NOTED = "noted"
    DOUBTFUL = "doubtful"
    """Repaired from a damaged file, some characters chosen with doubt."""


STATUS_WORD_ORDER = (
    Status.SUSPENDED,
    Status.LEECH,
    Status.DUE,
    Status.MISSED,
    Status.NEW,
)
"""Which status names a row in one word, first found first."""
STATUS_MARKS = {
    Status.BOOKMARKED: "★",
    Status.NOTED: "✎",
    Status.DISPUTED: "⚑",
    Status.DOUBTFUL: "◌",
}
"""The statuses shown as a mark after the word."""


@dataclass(frozen=True)
class Row:
    """One question in the browser: its metadata and the person's progress on it."""

    info: QuestionInfo
    attempts: int = 0
    correct: int = 0
    last_seen: datetime | None = None
    due: datetime | None = None
    statuses: frozenset[Status] = frozenset()

    @property
    def key(self) -> str:
        return self.info.key

    @property
    def accuracy(self) -> float | None:
        """The share of answers that were right (None before the first answer)."""
        return self.correct / self.attempts if self.attempts else None

    @property
    def domain(self) -> str:
        """The exam domain when the question has one, else its own domain field."""
        exam_domain = self.info.exam_domain
        return exam_domain.name if exam_domain else self.info.domain

    @property
    def status_word(self) -> str:
        """The status in one word (``seen`` when none applies), then the marks."""
        word = next((s.value for s in STATUS_WORD_ORDER if s in self.statuses), "seen")
        return word + "".join(mark for s, mark in STATUS_MARKS.items() if s in self.statuses)


class Column(StrEnum):
    """The columns the browser shows and sorts by."""

    KEY = "key"
    BANK = "bank"
    LEVEL = "level"
    DOMAIN = "domain"
    TAGS = "tags"
    STATUS = "status"
    ACCURACY = "accuracy"
    SEEN = "seen"
    DUE = "due"


_NEVER = datetime.min.isoformat()


_DIGITS = re.compile(r"(\d+)")


def _natural(text: str) -> tuple[Any, ...]:
    """A key that sorts ``q2`` before ``q10``."""
    return tuple(int(part) if part.isdigit() else part.casefold() for part in _DIGITS.split(text))


COLUMN_VALUES: dict[Column, Callable[[Row], object]] = {
    Column.KEY: lambda row: row.key,
    Column.BANK: lambda row: row.info.bank,
    Column.LEVEL: lambda row: row.info.level,
    Column.DOMAIN: lambda row: row.domain,
    Column.TAGS: lambda row: row.info.tags,
    Column.STATUS: lambda row: row.status_word,
    Column.ACCURACY: lambda row: row.accuracy,
    Column.SEEN: lambda row: row.last_seen,
    Column.DUE: lambda row: row.due,
}
"""What each column shows of a row, to tell whether a column says anything."""


def silent_columns(rows: Iterable[Row]) -> set[Column]:
    """The columns that say nothing about these rows: empty on every row (nothing answered
    yet: no accuracy, last seen or due date), or the same on every row of two or more (one
    bank, one domain)."""
    silent = set()
    listed = list(rows)
    for column, value in COLUMN_VALUES.items():
        values = {value(row) for row in listed}
        if values <= {None, "", ()} or (len(values) == 1 and len(listed) > 1):
            silent.add(column)
    return silent


SORT_KEYS: dict[Column, Callable[[Row], Any]] = {
    Column.KEY: lambda row: _natural(row.key),
    Column.BANK: lambda row: (row.info.bank.casefold(), _natural(row.info.id)),
    Column.LEVEL: lambda row: (row.info.level.casefold(), _natural(row.key)),
    Column.DOMAIN: lambda row: (row.domain.casefold(), _natural(row.key)),
    Column.TAGS: lambda row: (",".join(row.info.tags).casefold(), _natural(row.key)),
    Column.STATUS: lambda row: (row.status_word, _natural(row.key)),
    Column.ACCURACY: lambda row: (
        row.accuracy is None,
        row.accuracy if row.accuracy is not None else 0.0,
        -row.attempts,
    ),
    Column.SEEN: lambda row: row.last_seen.isoformat() if row.last_seen else _NEVER,
    Column.DUE: lambda row: (row.due is None, row.due.isoformat() if row.due else ""),
}


@dataclass(frozen=True)
class Filter:
    """What the browser shows: a text query and, per facet, the values any of which match."""

    query: str = ""
    banks: frozenset[str] = frozenset()
    levels: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    statuses: frozenset[Status] = frozenset()

    FACETS = ("banks", "levels", "domains", "tags", "statuses")

    @property
    def is_everything(self) -> bool:
        """True when nothing is filtered out."""
        return not terms(self.query) and not any(getattr(self, f) for f in self.FACETS)

    def admits(self, row: Row) -> bool:
        """Whether the row passes every facet (the query is checked apart: it needs the
        bank's search index)."""
        info = row.info
        return (
            (not self.banks or info.bank in self.banks)
            and (not self.levels or info.level in self.levels)
            and (not self.domains or not self.domains.isdisjoint(question_domains(info)))
            and (not self.tags or not self.tags.isdisjoint(info.tags))
            and (not self.statuses or not self.statuses.isdisjoint(row.statuses))
        )

    def describe(self) -> str:
        """The filter in a few words, for a person (``Delta-Lake · missed``)."""
        parts = [f"“{self.query.strip()}”"] if terms(self.query) else []
        for facet in self.FACETS:
            values: frozenset[str] = getattr(self, facet)
            shown = sorted(level_label(v) if facet == "levels" else v for v in values)
            if shown:
                parts.append(" or ".join(shown))
        return " · ".join(parts) or "all questions"

    def to_dict(self) -> dict[str, Any]:
        """The filter as settings data."""
        data: dict[str, Any] = {"query": self.query}
        for facet in self.FACETS:
            data[facet] = sorted(getattr(self, facet))
        return data

    @classmethod
    def from_dict(cls, data: object) -> Filter:
        """A filter read back from settings; what is not understood is left out."""
        if not isinstance(data, Mapping):
            return cls()

        def names(facet: str) -> frozenset[str]:
            values = data.get(facet)
            if not isinstance(values, list):
                return frozenset()
            return frozenset(v for v in values if isinstance(v, str))

        query = data.get("query")
        known = {status.value for status in Status}
        return cls(
            query=query if isinstance(query, str) else "",
            banks=names("banks"),
            levels=names("levels"),
            domains=names("domains"),
            tags=names("tags"),
            statuses=frozenset(Status(s) for s in names("statuses") if s in known),
        )


@dataclass(frozen=True)
class SavedFilter:
    """A filter kept under a name."""

    name: str
    filter: Filter


def saved_filters(data: object) -> list[SavedFilter]:
    """The saved filters in settings data (a list of ``{name, filter}``)."""
    if not isinstance(data, list):
        return []
    found = []
    for entry in data:
        if isinstance(entry, Mapping) and isinstance(entry.get("name"), str) and entry["name"]:
            found.append(SavedFilter(entry["name"], Filter.from_dict(entry.get("filter"))))
    return found[:MAX_SAVED_FILTERS]


def with_saved(saved: list[SavedFilter], name: str, chosen: Filter) -> list[dict[str, Any]]:
    """The saved filters as settings data, ``chosen`` kept under ``name`` (replacing one of
    that name; the oldest goes when there are too many)."""
    kept = [entry for entry in saved if entry.name.casefold() != name.casefold()]
    kept.append(SavedFilter(name, chosen))
    return [{"name": e.name, "filter": e.filter.to_dict()} for e in kept[-MAX_SAVED_FILTERS:]]


@dataclass(frozen=True)
class FacetValues:
    """The values each facet can take in the bank, with how many questions have each."""

    banks: Counter[str] = field(default_factory=Counter)
    levels: Counter[str] = field(default_factory=Counter)
    domains: Counter[str] = field(default_factory=Counter)
    tags: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)


class Catalog:
    """The bank's questions with the person's progress, read once from the store."""

    def __init__(self, bank: Bank, store: Store, now: datetime) -> None:
        self.bank = bank
        totals = store.answer_totals(now)
        dues = store.due_dates()
        bookmarked = store.flagged("bookmarks")
        suspended = store.flagged("suspended")
        self.notes = {note.question_key: note.text for note in store.notes()}
        rows = []
        for info in bank.infos:
            key = info.key
            tally = totals.get(key)
            due = dues.get(key)
            statuses = set()
            if tally is None:
                statuses.add(Status.NEW)
            else:
                if not tally.last_correct:
                    statuses.add(Status.MISSED)
                if is_leech(tally):
                    statuses.add(Status.LEECH)
            if due is not None and due <= now:
                statuses.add(Status.DUE)
            if key in bookmarked:
                statuses.add(Status.BOOKMARKED)
            if key in suspended:
                statuses.add(Status.SUSPENDED)
            if info.disputed:
                statuses.add(Status.DISPUTED)
            if key in self.notes:
                statuses.add(Status.NOTED)
            if info.doubtful:
                statuses.add(Status.DOUBTFUL)
            rows.append(
                Row(
                    info,
                    tally.attempts if tally else 0,
                    tally.correct if tally else 0,
                    tally.last_answered if tally else None,
                    due,
                    frozenset(statuses),
                )
            )
        self.rows = rows
        self._by_key = {row.key: i for i, row in enumerate(rows)}
        self._sort_keys: dict[Column, dict[str, Any]] = {}

    def row(self, key: str) -> Row | None:
        """The row of a question, if the bank has it."""
        at = self._by_key.get(key)
        return None if at is None else self.rows[at]

    def facet_values(self) -> FacetValues:
        """What each facet can be set to, with counts over the whole bank."""
        values = FacetValues()
        for row in self.rows:
            info = row.info
            values.banks[info.bank] += 1
            if info.level:
                values.levels[info.level] += 1
            values.domains.update(question_domains(info))
            values.tags.update(set(info.tags))
            values.statuses.update(status.value for status in row.statuses)
        return values

    def matching(
        self, chosen: Filter, sort: Column = Column.KEY, descending: bool = False
    ) -> list[Row]:
        """The rows the filter admits, sorted."""
        rows: Iterable[Row] = self.rows
        if any(getattr(chosen, facet) for facet in Filter.FACETS):
            rows = (row for row in rows if chosen.admits(row))
        if terms(chosen.query):
            found = set(search(self.bank, chosen.query)) | self._noted(chosen.query)
            rows = (row for row in rows if row.key in found)
        if sort not in self._sort_keys:  # (worked out once per column: 5,000 keys take 10 ms)
            self._sort_keys[sort] = {row.key: SORT_KEYS[sort](row) for row in self.rows}
        keys = self._sort_keys[sort]
        return sorted(rows, key=lambda row: keys[row.key], reverse=descending)

    def _noted(self, query: str) -> set[str]:
        """The questions whose note holds every word of the query."""
        words = terms(query)
        return {key for key, text in self.notes.items() if all(w in fold(text) for w in words)}
