"""The repair lexicon's cache: what is written is what comes back."""

from __future__ import annotations

import pytest

from quiz.repair import lexicon
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
