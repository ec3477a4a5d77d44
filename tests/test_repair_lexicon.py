"""The repair lexicon's cache: what is written is what comes back."""

from __future__ import annotations

import pytest

from quiz.repair import lexicon
from quiz.repair.grouped import Grouped, block
from quiz.repair.lexicon import Lexicon


def _small() -> Lexicon:
    """Words with and without a part of speech, prefixes, symbols and bigrams."""
    return Lexicon(
        {"資": None, "資料": -7.5, "資料庫": -9.25, "正": -5.0, "確": -6.0},
        -20.0,
        {"資料": "n", "資料庫": "n", "正": "a"},
        {("n", "v"): 0.5, ("^", "n"): -1.0},
        {"😀": -12.0},
        ({"資": -8.0, "料": -9.0}, {"資料": -11.0, "料庫": -13.5}, -16.0),
    )


def test_the_cached_lexicon_loads_back_equal_to_the_built_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lexicon, "build_lexicon", _small)
    built = lexicon.load_lexicon.__wrapped__()  # builds and writes the cache
    monkeypatch.setattr(lexicon, "build_lexicon", lambda: pytest.fail("not from the cache"))
    loaded = lexicon.load_lexicon.__wrapped__()
    assert loaded == built == _small()
    assert loaded.log_probability("資") is None and loaded.log_probability("資料庫") == -9.25


def test_an_empty_lexicon_round_trips() -> None:
    empty = Lexicon({}, -20.0)
    assert lexicon._unflatten(lexicon._flatten(empty)) == empty


def test_grouped_words_make_a_block_only_when_one_of_its_words_is_asked_for() -> None:
    made: list[int] = []

    def make(number: int) -> dict[str, float | None]:
        made.append(number)
        return [{"資": None, "資料": -7.5}, {"正": -5.0}][number]

    words = Grouped("資正", make)
    assert words.get("資料") == -7.5 and "資" in words and words.get("資") is None
    assert "料" not in words and words.get("") is None and made == [0]
    assert block(words, "資") == {"資": None, "資料": -7.5} and block(words, "X") == {}
    assert dict(words) == {"資": None, "資料": -7.5, "正": -5.0} and len(words) == 3
    assert made == [0, 1]
    plain = {"正": -5.0}
    assert block(plain, "資") is plain


def test_the_cached_lexicon_is_held_by_first_character(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "build_lexicon", _small)
    lexicon.load_lexicon.__wrapped__()
    loaded = lexicon.load_lexicon.__wrapped__()
    assert isinstance(loaded.entries, Grouped) and isinstance(loaded.tags, Grouped)
    assert block(loaded.tags, "資") == {"資料": "n", "資料庫": "n"}


def test_every_line_of_the_field_s_words_is_a_word_and_its_tag() -> None:
    text = (lexicon.resources.files("quiz.repair") / lexicon.TERMS).read_text(encoding="utf-8")
    lines = [line.partition("#")[0].split() for line in text.splitlines()]
    entries = [fields for fields in lines if fields]
    assert len(lexicon._terms()) == len(entries) > 300  # none dropped, none twice
    assert all(len(fields) == 2 and fields[1].isalpha() for fields in entries)


def test_the_cache_is_named_by_the_field_s_words(monkeypatch: pytest.MonkeyPatch) -> None:
    now = lexicon._cache_path()
    monkeypatch.setattr(lexicon, "TERMS", "__init__.py")  # other words: another cache
    assert lexicon._cache_path() != now
    assert lexicon._cache_path().parent == now.parent
