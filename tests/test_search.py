"""Search over the bank's text (quiz.search) and the index's trigram table under it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from quiz import index, records
from quiz.bank import Bank, load_banks, write_record, write_records
from quiz.cli import main
from quiz.model import Explanation, Question
from quiz.search import highlights, prepare, search


def question(number: int, stem: str, **more: object) -> Question:
    fields: dict[str, object] = {
        "id": f"Q-{number}",
        "bank": "b",
        "stem": stem,
        "options": {"A": "Use a cluster pool", "B": "Restart the JOB"},
        "answer": ("A",),
    }
    fields.update(more)
    return Question(**fields)  # type: ignore[arg-type]


SAMPLES = [
    question(1, "Which setting limits max_concurrent_runs of a job?"),
    question(
        2,
        "A table keeps its history.",
        translation="一個表保留它的歷史。",
        explanation=Explanation(mnemonic="我們用記憶法來記住時間旅行", key_points="Time travel"),
    ),
    question(3, "中文題目：如何優化查詢？", options={"A": "快取結果", "B": "重寫"}),
    question(4, 'Quotes "inside" or NEAR(a b) * - ^ stay text', options={"A": "x", "B": "y"}),
]


@pytest.fixture
def bank(tmp_path: Path) -> Bank:
    write_records(tmp_path, SAMPLES)  # primes the index
    return load_banks([tmp_path])


def keys(found: list[str]) -> list[int]:
    return [int(key.rsplit("-", 1)[1]) for key in found]


def test_chinese_is_found_inside_a_sentence(bank: Bank) -> None:
    assert keys(search(bank, "記憶法")) == [2]
    assert keys(search(bank, "歷史")) == [2]  # two characters: below a trigram
    assert keys(search(bank, "快取")) == [3]  # in an option
    assert keys(search(bank, "優化查詢")) == [3]


def test_english_words_parts_of_words_any_case_and_all_words(bank: Bank) -> None:
    assert keys(search(bank, "concurrent")) == [1]
    assert keys(search(bank, "max_conc")) == [1]
    assert keys(search(bank, "TIME travel")) == [2]  # case; the analysis
    assert keys(search(bank, "job")) == [1, 2]  # 2 in an option: "JOB"
    assert keys(search(bank, "job setting")) == [1]
    assert keys(search(bank, "setting history")) == []
    assert keys(search(bank, "j")) == [1, 2]
    assert keys(search(bank, "")) == [1, 2, 3, 4]
    assert keys(search(bank, "job", limit=1)) == [1]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"', [4]),
        ('"inside"', [4]),
        ('inside"', [4]),
        ("NEAR(", [4]),
        ("NEAR(a", [4]),
        ("*", [4]),
        ("-", [4]),
        ("^", [4]),
        ("inside OR pool", []),  # every word, "or" too (FTS would find 1, 2, 4)
        ("inside or", [4]),
        ("quotes AND", []),  # (a syntax error to FTS)
        ("quo\x1bte\x00s", [4]),
        ("\x1b", [1, 2, 3, 4]),  # nothing left: every question
        ("settings OR", []),
    ],
)
def test_a_query_is_data_never_fts_syntax(bank: Bank, query: str, expected: list[int]) -> None:
    assert keys(search(bank, query)) == expected


def test_a_changed_record_is_found_by_its_new_text_a_removed_one_is_gone(tmp_path: Path) -> None:
    write_records(tmp_path, SAMPLES)
    assert keys(search(load_banks([tmp_path]), "concurrent")) == [1]  # the trigrams built
    write_record(tmp_path, replace(SAMPLES[0], stem="Which pool serves photosynthesis?"))
    (tmp_path / "b" / "Q-3.yaml").unlink()
    bank = load_banks([tmp_path])
    assert keys(search(bank, "photosynthesis")) == [1]
    assert keys(search(bank, "concurrent")) == []
    assert keys(search(bank, "快取")) == []
    assert keys(search(bank, "中文")) == []


def test_a_text_with_every_trigram_of_a_word_but_not_the_word_is_not_found(
    tmp_path: Path,
) -> None:
    write_records(tmp_path, [question(1, "ab abc bcd cde 記憶 憶法"), question(2, "abcde 記憶法")])
    bank = load_banks([tmp_path])
    assert keys(search(bank, "abcde")) == [2]
    assert keys(search(bank, "記憶法")) == [2]


def test_the_trigram_table_waits_for_the_first_search(bank: Bank, tmp_path: Path) -> None:
    def tables() -> set[str]:
        with closing(sqlite3.connect(index.index_file(tmp_path))) as connection:
            return {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}

    assert "texts" in tables() and "search" not in tables()
    search(bank, "記憶")  # two characters: a scan
    assert "search" not in tables()
    prepare(bank)
    assert "search" in tables()


def test_records_just_written_are_searchable_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_records(tmp_path, SAMPLES)
    monkeypatch.setattr(records, "parse_yaml", lambda text: pytest.fail("parsed a record"))
    assert keys(search(load_banks([tmp_path]), "記憶法")) == [2]


def test_without_fts5_the_index_is_scanned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "_SEARCH_SCHEMA", ("CREATE VIRTUAL TABLE search USING nothere(x)",))
    write_records(tmp_path, SAMPLES)
    bank = load_banks([tmp_path])
    assert keys(search(bank, "記憶法")) == [2]
    location = bank.location("b/Q-1")
    assert location is not None and location[0]._fts is False
    assert keys(search(bank, "job setting")) == [1]
    assert keys(search(bank, 'NEAR( "')) == [4]


def test_a_failing_index_falls_back_to_the_records(bank: Bank) -> None:
    location = bank.location("b/Q-1")
    assert location is not None
    location[0]._connection.close()  # every query now raises sqlite3.Error
    with pytest.raises(sqlite3.Error):
        location[0]._connection.execute("SELECT 1")
    assert keys(search(bank, "記憶法")) == [2]
    assert keys(search(bank, "job setting")) == [1]


def test_questions_held_in_memory_are_scanned() -> None:
    assert keys(search(Bank(questions=SAMPLES), "記憶法 TIME")) == [2]


def test_an_index_of_the_schema_before_search_is_rebuilt(tmp_path: Path) -> None:
    write_records(tmp_path, SAMPLES)
    with closing(sqlite3.connect(index.index_file(tmp_path))) as old:
        old.executescript("DROP TABLE IF EXISTS search; DROP TABLE texts; PRAGMA user_version = 2;")
    assert keys(search(load_banks([tmp_path]), "記憶法")) == [2]


def test_highlights() -> None:
    text = "Time travel: a TIME-travel table; 記憶法 and 記憶"
    assert highlights(text, "time 記憶") == [(0, 4), (15, 19), (34, 36), (42, 44)]
    assert highlights(text, "travel time-tr") == [(5, 11), (15, 26)]  # overlaps merged
    assert highlights(text, "") == []
    assert highlights(text, '"') == []
    assert highlights("İstanbul", "stan") == [(1, 5)]  # positions are those of the text


def test_list_search(bank: Bank, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--bank-dir", str(tmp_path), "--search", "記憶法"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["b/Q-2"]
    assert main(["list", "--bank-dir", str(tmp_path), "--search", 'NEAR( "']) == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == ["b/Q-4"]
