"""The record emitter: any text reads back as written, and real records are written as
PyYAML writes them (long lines left unfolded)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import paths
from quiz.emitter import emit
from quiz.records import parse_yaml

# Pieces of text that YAML treats specially somewhere, mixed with arbitrary characters.
TRICKY = st.sampled_from(
    [" ", "  ", "\n", "\n\n", "\t", "#", " #", ": ", ":", "- ", "-", "? ", "?", ",", "[", "]",
     "{", "}", "&a", "*a", "!", "|", ">", "%", "@", "`", "'", '"', "\\", "---", "...", "yes",
     "no", "On", "null", "Null", "~", "<<", "=", "12", "0x1F", "1.5", ".inf", "2024-01-01",
     "🏢", "👨\u200d👩\u200d👧", "中文", "\u2028", "\u2029", "\x85", "\ufeff", "\ufffe", "\r",
     "\r\n", "\x00", "\x1b[31m", "\x7f", "\xa0", "\u3000", "A", "Q-001"]
)  # fmt: skip
ANY_CHARACTER = st.characters(blacklist_categories=("Cs",))  # UTF-8 files hold no surrogates
TEXT = st.lists(TRICKY | st.text(ANY_CHARACTER, max_size=3), max_size=8).map("".join)
VALUES = st.recursive(
    TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6,
)
RECORDS = st.dictionaries(TEXT, VALUES, max_size=4)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(RECORDS)
def test_any_record_reads_back_as_written(record: dict[str, Any]) -> None:
    assert parse_yaml(emit(record)) == record


@settings(max_examples=200, deadline=None, derandomize=True)
@given(TEXT)
def test_any_text_reads_back_in_every_place(text: str) -> None:
    """As a value, a key, a list item, an item of a block list, a nested mapping."""
    record = {
        "value": text,
        text: "key",
        "inline": [text, "x"],
        "block": [text + "\n", {"title": text, "url": text}],
        "nested": {"deeper": {text: [text]}},
    }
    assert parse_yaml(emit(record)) == record


class PyYamlDumper(yaml.SafeDumper):
    """How records were written before: multi-line text as blocks, short lists inline."""


PyYamlDumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None
    ),
)
PyYamlDumper.add_representer(
    list,
    lambda dumper, items: dumper.represent_sequence(
        "tag:yaml.org,2002:seq",
        items,
        flow_style=all(isinstance(item, str) and "\n" not in item for item in items),
    ),
)


def written_by_pyyaml(record: dict[str, Any]) -> str:
    return yaml.dump(
        record,
        Dumper=PyYamlDumper,
        allow_unicode=True,
        sort_keys=False,
        width=10**9,  # never fold
        default_flow_style=False,
    )


def test_the_bundled_bank_is_written_as_pyyaml_writes_it() -> None:
    files = sorted(paths.bundled_bank_dir().rglob("*.yaml"))
    assert len(files) > 50
    for path in files:
        record = parse_yaml(path.read_text(encoding="utf-8"))
        assert emit(record) == written_by_pyyaml(record), path


def test_the_dev_corpus_is_written_as_pyyaml_writes_it(dev_corpus: Path, tmp_path: Path) -> None:
    """Its records hold emoji, code blocks, quotes and colons."""
    from quiz.bank import write_records
    from quiz.importer import find_sources, import_sources

    written = write_records(tmp_path, import_sources(find_sources([dev_corpus])).questions)
    assert len(written.paths) > 100
    emoji = 0
    for path in written.paths:
        text = path.read_text(encoding="utf-8")
        record = parse_yaml(text)
        assert text == written_by_pyyaml(record), path
        emoji += any(ord(character) > 0xFFFF for character in text)
    assert emoji and "\\U" not in text


def test_styles() -> None:
    record = {
        "id": "Q-001",
        "yes": "yes",
        "n": "12",
        "code": "`x`",
        "colon": "a: b",
        "dash": "-x",
        "tags": ["Jobs-API", "a, b", "yes"],
        "stem": "one\ntwo\n",
        "lead": " indented\nnext",
        "kept": "end\n\n",
        "empty": "",
        "none": [],
        "escaped": "bell\x07 and\u2028line",
        "refs": [{"title": "T", "url": "https://x/y#z"}],
    }
    assert emit(record) == (
        "id: Q-001\n'yes': 'yes'\nn: '12'\ncode: '`x`'\ncolon: 'a: b'\ndash: -x\n"
        "tags: [Jobs-API, 'a, b', 'yes']\nstem: |\n  one\n  two\nlead: |2-\n   indented\n  next\n"
        "kept: |+\n  end\n\nempty: ''\nnone: []\n"
        'escaped: "bell\\x07 and\\u2028line"\nrefs:\n- title: T\n  url: https://x/y#z\n'
    )


@pytest.mark.parametrize(
    ("record", "error"),
    [
        ({"n": 1}, TypeError),
        ({"x": {2: "a"}}, TypeError),
        ({"k" * 1001: "v"}, ValueError),
        ({"path": "not UTF-8 \udcff"}, ValueError),
    ],
)
def test_what_a_record_cannot_hold_is_refused(record: dict[str, Any], error: type) -> None:
    with pytest.raises(error):
        emit(record)
