"""The browser's model: statuses from progress, facets, the query (text and notes), sort."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_records import make_question

from quiz.bank import Bank
from quiz.browse import (
    Catalog,
    Column,
    Filter,
    Row,
    Status,
    saved_filters,
    silent_columns,
    with_saved,
)
from quiz.learning import memory_words, record_answer
from quiz.model import Community, ExamDomain, Explanation
from quiz.store import Store
from quiz.words import span, span_words

NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


def _bank() -> Bank:
    return Bank(
        questions=[
            make_question(
                id="Q-2",
                bank="jobs",
                stem="Which endpoint triggers a run now?",
                topics=("Jobs-API",),
                traps=("Similar-Options",),
                level="L1-Basic",
                exam_domain=ExamDomain("Databricks Tooling", 20),
            ),
            make_question(
                id="Q-10",
                bank="jobs",
                stem="在一個句子裡面的記憶法很重要",
                topics=("Delta-Lake",),
                traps=(),
                level="L2-Intermediate",
                exam_domain=None,
                domain="Data Processing",
                community=Community(answer=("B",), votes="B (70%)"),
            ),
            make_question(
                id="Q-3",
                bank="delta",
                stem="What does OPTIMIZE do?",
                topics=("Delta-Lake",),
                traps=("Default-Value",),
                level="L2-Intermediate",
                exam_domain=None,
                domain="Data Processing",
                explanation=Explanation(mnemonic="Z-ORDER clusters the files"),
            ),
        ]
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "p.sqlite3") as opened:
        yield opened


def _answer(store: Store, bank: Bank, key: str, correct: bool, at: datetime) -> None:
    question = bank.question(key)
    chosen = set(question.answer) if correct else {"B"}
    record_answer(store, question, chosen, seconds=10.0, mode="practice", now=at)


def _keys(catalog: Catalog, chosen: Filter, **sort: object) -> list[str]:
    return [row.key for row in catalog.matching(chosen, **sort)]  # type: ignore[arg-type]


def test_statuses_come_from_the_progress_database(store: Store) -> None:
    bank = _bank()
    for correct in (False, False, True, False, False):
        _answer(store, bank, "jobs/Q-2", correct, NOW - timedelta(days=3))
    _answer(store, bank, "delta/Q-3", True, NOW - timedelta(days=2))
    store.set_flag("bookmarks", "delta/Q-3", True, NOW)
    store.set_flag("suspended", "jobs/Q-2", True, NOW)
    store.set_note("jobs/Q-10", "look again", NOW)
    catalog = Catalog(bank, store, NOW)
    statuses = {row.key: row.statuses for row in catalog.rows}
    assert statuses["jobs/Q-2"] == {Status.MISSED, Status.LEECH, Status.SUSPENDED, Status.DUE}
    assert statuses["jobs/Q-10"] == {Status.NEW, Status.DISPUTED, Status.NOTED}
    assert statuses["delta/Q-3"] == {Status.BOOKMARKED, Status.DUE}  # (a learning step)
    q2 = catalog.row("jobs/Q-2")
    assert q2 is not None and (q2.attempts, q2.correct) == (5, 1)
    assert q2.status_word == "suspended"
    assert catalog.row("jobs/Q-10").status_word == "new✎⚑"  # type: ignore[union-attr]
    assert catalog.row("delta/Q-3").status_word == "due★"  # type: ignore[union-attr]
    assert Row(bank.infos[0], 1, 1, NOW).status_word == "seen"
    for status, expected in [
        (Status.NEW, ["jobs/Q-10"]),
        (Status.DUE, ["delta/Q-3", "jobs/Q-2"]),
        (Status.MISSED, ["jobs/Q-2"]),
        (Status.LEECH, ["jobs/Q-2"]),
        (Status.BOOKMARKED, ["delta/Q-3"]),
        (Status.SUSPENDED, ["jobs/Q-2"]),
        (Status.DISPUTED, ["jobs/Q-10"]),
        (Status.NOTED, ["jobs/Q-10"]),
    ]:
        assert _keys(catalog, Filter(statuses=frozenset({status}))) == expected, status


def test_facets_match_any_value_within_and_all_across(store: Store) -> None:
    catalog = Catalog(_bank(), store, NOW)
    assert _keys(catalog, Filter(banks=frozenset({"delta"}))) == ["delta/Q-3"]
    assert _keys(catalog, Filter(levels=frozenset({"L2-Intermediate"}))) == [
        "delta/Q-3",
        "jobs/Q-10",
    ]
    assert _keys(catalog, Filter(domains=frozenset({"Databricks Tooling"}))) == ["jobs/Q-2"]
    assert _keys(catalog, Filter(tags=frozenset({"Delta-Lake", "Similar-Options"}))) == [
        "delta/Q-3",
        "jobs/Q-2",
        "jobs/Q-10",
    ]
    both = Filter(tags=frozenset({"Delta-Lake"}), banks=frozenset({"jobs"}))
    assert _keys(catalog, both) == ["jobs/Q-10"]
    assert _keys(catalog, Filter(statuses=frozenset({Status.NEW, Status.DISPUTED}))) == [
        "delta/Q-3",
        "jobs/Q-2",
        "jobs/Q-10",
    ]
    values = catalog.facet_values()
    assert values.banks == {"jobs": 2, "delta": 1}
    assert values.tags["Delta-Lake"] == 2


def test_the_query_finds_english_words_chinese_inside_a_sentence_and_notes(store: Store) -> None:
    bank = _bank()
    store.set_note("delta/Q-3", "Remember the 小檔案 problem", NOW)
    catalog = Catalog(bank, store, NOW)
    assert _keys(catalog, Filter(query="RUN now")) == ["jobs/Q-2"]
    assert _keys(catalog, Filter(query="記憶法")) == ["jobs/Q-10"]
    assert _keys(catalog, Filter(query="z-order")) == ["delta/Q-3"]  # in the analysis
    assert _keys(catalog, Filter(query="小檔案")) == ["delta/Q-3"]  # in the note only
    assert _keys(catalog, Filter(query="run nothing-has-this")) == []
    assert _keys(catalog, Filter(query='"*) OR 1')) == []  # a query is data


def test_every_column_sorts_both_ways(store: Store) -> None:
    bank = _bank()
    _answer(store, bank, "jobs/Q-2", False, NOW - timedelta(days=1))
    _answer(store, bank, "delta/Q-3", True, NOW - timedelta(days=5))
    catalog = Catalog(bank, store, NOW)
    everything = Filter()
    assert _keys(catalog, everything) == ["delta/Q-3", "jobs/Q-2", "jobs/Q-10"]  # natural order
    assert _keys(catalog, everything, sort=Column.ACCURACY) == [
        "jobs/Q-2",
        "delta/Q-3",
        "jobs/Q-10",
    ]
    assert _keys(catalog, everything, sort=Column.SEEN, descending=True)[0] == "jobs/Q-2"
    assert _keys(catalog, everything, sort=Column.BANK)[0] == "delta/Q-3"
    for column in Column:
        ascending = _keys(catalog, everything, sort=column)
        assert sorted(ascending) == sorted(_keys(catalog, everything, sort=column, descending=True))


def test_a_filter_is_kept_by_name_and_read_back(store: Store) -> None:
    chosen = Filter(query="run", tags=frozenset({"Jobs-API"}), statuses=frozenset({Status.DUE}))
    data = with_saved([], "jobs due", chosen)
    data = with_saved(saved_filters(data), "other", Filter())
    data = with_saved(saved_filters(data), "JOBS DUE", chosen)  # same name: replaced
    kept = saved_filters(data)
    assert [entry.name for entry in kept] == ["other", "JOBS DUE"]
    assert kept[1].filter == chosen
    assert saved_filters([{"name": "bad", "filter": {"statuses": ["nope", 3]}}, 7])[0].filter == (
        Filter()
    )
    assert chosen.describe() == "“run” · Jobs-API · due"


def test_memory_and_time_in_words() -> None:
    assert memory_words(None, NOW) == "not studied yet: no review scheduled"
    from fsrs import Rating

    from quiz.learning import review_card

    card, due = review_card(None, Rating.Good, NOW)
    card, due = review_card(card, Rating.Good, NOW + timedelta(days=1))
    words = memory_words(card, NOW + timedelta(days=1))
    assert words.startswith("in review · next review in ")
    assert "likely to be recalled now" in words
    assert memory_words(card, due + timedelta(days=1)).split(" · ")[1] == "due now"
    assert (span(0.5), span(3), span(15), span(70), span(800)) == ("12h", "3d", "2w", "2mo", "2y")
    assert (span(0.0001), span(2 / 1440)) == ("<1m", "2m")
    assert span_words(12) == "12 days" and span_words(1 / 24) == "1 hour"


def test_a_question_repaired_with_doubt_is_doubtful(store: Store) -> None:
    from quiz.model import Origin

    doubtful = make_question(id="Q-9", origin=Origin("b1/Q-9.md", "0" * 64, doubt=((3, 5), (7, 1))))
    bank = Bank(questions=[make_question(), doubtful])
    assert bank.infos[1].doubtful == 2 and bank.infos[0].doubtful == 0
    catalog = Catalog(bank, store, NOW)
    assert _keys(catalog, Filter(statuses=frozenset({Status.DOUBTFUL}))) == ["demo/Q-9"]
    assert catalog.row("demo/Q-9").status_word == "new◌"  # type: ignore[union-attr]


def test_silent_columns_are_empty_on_every_row_or_the_same_on_all(store: Store) -> None:
    bank = _bank()
    fresh = silent_columns(Catalog(bank, store, NOW).rows)
    assert fresh == {Column.ACCURACY, Column.SEEN, Column.DUE}  # (nothing answered yet)
    _answer(store, bank, "jobs/Q-2", True, NOW - timedelta(days=2))
    rows = Catalog(bank, store, NOW).rows
    assert silent_columns(rows) == set()
    jobs = [row for row in rows if row.info.bank == "jobs"]
    assert silent_columns(jobs) == {Column.BANK}
    one = [row for row in rows if row.key == "delta/Q-3"]
    assert silent_columns(one) == {Column.ACCURACY, Column.SEEN, Column.DUE}  # (empty)
