"""Records: YAML round trip, refusal of unsafe tags, validation messages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from quiz import records
from quiz.bank import load_banks, validate_directory, write_record
from quiz.model import Community, ExamDomain, Explanation, Origin, Question, Reference
from quiz.records import RECORD_KEYS, RecordError, dump_record, parse_yaml, record_to_question


def make_question(**changes: object) -> Question:
    fields: dict[str, object] = dict(
        id="Q-001",
        bank="demo",
        stem="Which endpoint?\n\n```bash\ncurl -X GET x\n```",
        options={"A": "`runs/get`", "B": "runs/list", "C": "jobs/get"},
        answer=("A", "C"),
        level="L1-Basic",
        exam_domain=ExamDomain("Databricks Tooling", 20),
        topics=("Jobs-API",),
        traps=("Similar-Options",),
        community=Community(answer=("A", "C"), votes="AC (90%)"),
        translation="哪個端點？",
        origin=Origin("b1/Q-001.md", "0" * 64, also=("02-tooling-20pct/Q-001.md",)),
        explanation=Explanation(
            correct="Because.\n\nReally.",
            wrong={"B": "lists runs"},
            mnemonic="get gets",
            references=(Reference("Jobs API", "https://docs.databricks.com/api"),),
        ),
    )
    fields.update(changes)
    return Question(**fields)  # type: ignore[arg-type]


def test_round_trip_keeps_every_field() -> None:
    question = make_question()
    assert record_to_question(parse_yaml(dump_record(question))) == question


def test_a_community_vote_for_another_answer_makes_the_question_disputed() -> None:
    assert not make_question().disputed
    assert make_question(community=Community(answer=("B",), votes="B (83%)")).disputed
    assert not make_question(community=Community(answer=(), votes="")).disputed


@pytest.mark.parametrize(
    "exam_domain",
    [{"weight": "20"}, {"name": "Tooling", "weight": "twenty"}, "Tooling", {"name": "x", "y": 1}],
)
def test_a_malformed_exam_domain_is_refused(exam_domain: object) -> None:
    record = parse_yaml(dump_record(make_question()))
    record["exam_domain"] = exam_domain
    with pytest.raises(RecordError, match="exam_domain"):
        record_to_question(record)


def test_multiline_text_is_a_block_and_keys_are_in_format_order() -> None:
    text = dump_record(make_question())
    assert "stem: |" in text
    keys = [line.split(":")[0] for line in text.splitlines() if line and not line[0].isspace()]
    assert keys == [k for k in RECORD_KEYS if k in keys]


def test_python_object_tag_is_refused(tmp_path: Path) -> None:
    evil = "!!python/object/apply:os.system ['echo hi']\n"
    with pytest.raises(yaml.YAMLError):
        parse_yaml(evil)
    (tmp_path / "evil.yaml").write_text(evil)
    problems = validate_directory(tmp_path)
    assert len(problems) == 1 and problems[0].path.endswith("evil.yaml")
    assert load_banks([tmp_path]).questions == []


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        ({"answer": ["E"]}, "answer E is not one of the options"),
        ({"stem": "  "}, "stem is empty"),
        ({"options": {"A": "only one"}}, "at least two options"),
        ({"colour": "red"}, "unknown field"),
    ],
)
def test_bad_records_are_reported_with_their_line(
    tmp_path: Path, mutation: dict[str, object], message: str
) -> None:
    record = parse_yaml(dump_record(make_question()))
    record.update(mutation)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True))
    problems = validate_directory(tmp_path)
    assert [p.severity for p in problems] == ["error"]
    assert message in problems[0].message
    key = next(iter(mutation))
    lines = path.read_text().splitlines()
    assert lines[problems[0].line - 1].startswith(f"{key}:")


def test_record_must_be_a_mapping() -> None:
    with pytest.raises(RecordError):
        record_to_question(["not", "a", "record"])


def test_duplicate_keys_and_unknown_tags(tmp_path: Path) -> None:
    write_record(tmp_path / "one", make_question())
    write_record(tmp_path / "two", make_question(topics=("Not-A-Tag",)))
    problems = validate_directory(tmp_path)
    assert any("duplicate key demo/Q-001" in p.message for p in problems)
    assert any(p.severity == "warning" and "Not-A-Tag" in p.message for p in problems)


def test_cache_is_invalidated_when_a_record_changes(tmp_path: Path) -> None:
    path = write_record(tmp_path, make_question())
    assert load_banks([tmp_path]).questions[0].level == "L1-Basic"
    path.write_text(path.read_text().replace("L1-Basic", "L3-Advanced") + "\n")
    assert load_banks([tmp_path]).questions[0].level == "L3-Advanced"


def test_written_records_are_cached_and_the_cache_follows_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quiz import bank

    (path,) = bank.write_records(tmp_path, [make_question()]).paths

    def no_parsing(text: str) -> object:
        raise AssertionError("a primed cache needs no YAML parsing")

    with monkeypatch.context() as patch:
        patch.setattr(records, "parse_yaml", no_parsing)
        assert [q.key for q in load_banks([tmp_path]).questions] == ["demo/Q-001"]
        path.write_text(path.read_text().replace("L1-Basic", "L2-Intermediate"))
        with pytest.raises(AssertionError, match="primed cache"):
            load_banks([tmp_path])
    assert load_banks([tmp_path]).questions[0].level == "L2-Intermediate"


def test_text_with_emoji_stays_a_readable_block() -> None:
    mnemonic = "- 🏢 **Run** = 建築物\n- 👨\u200d👩\u200d👧 **Job** = 姓氏"
    text = dump_record(make_question(explanation=Explanation(mnemonic=mnemonic)))
    assert "  mnemonic: |-\n    - 🏢 **Run**" in text
    assert record_to_question(parse_yaml(text)).explanation.mnemonic == mnemonic


def test_a_damaged_index_entry_is_parsed_anew(tmp_path: Path) -> None:
    import sqlite3
    from contextlib import closing

    from quiz import bank
    from quiz.index import index_file

    bank.write_records(tmp_path, [make_question()])
    with closing(sqlite3.connect(index_file(tmp_path))) as connection, connection:
        connection.execute('UPDATE records SET record = \'{"id": "broken"}\'')
    loaded = load_banks([tmp_path])
    assert [q.key for q in loaded.questions] == ["demo/Q-001"] and loaded.problems == []


def test_text_with_emoji_is_written_as_it_is() -> None:
    """(libyaml's emitter escaped characters outside the BMP.)"""
    text = dump_record(
        make_question(stem="📚 Which one?\n\n🔥 hot", options={"A": "🔥", "B": "b"}, answer=("A",))
    )
    assert "📚 Which one?" in text and "A: 🔥" in text and "\\U" not in text
    assert record_to_question(parse_yaml(text)).stem == "📚 Which one?\n\n🔥 hot"


def test_long_lines_are_not_folded() -> None:
    option = "a long option " * 20
    text = dump_record(make_question(options={"A": option.strip(), "B": "b"}, answer=("A",)))
    assert f"  A: {option.strip()}\n" in text
