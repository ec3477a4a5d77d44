"""Records remember doubt: a record made from a repaired file says where in the file a
character was chosen with doubt, keeps it through YAML, and ``quiz validate`` lists it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from importer_samples import numbered, plain_block

from quiz.cli import main
from quiz.importer import find_sources, import_sources
from quiz.model import Origin, Question
from quiz.records import RecordError, dump_record, parse_yaml, record_to_question
from quiz.repair import Repairer, damage


def question(doubt: tuple[tuple[int, int], ...]) -> Question:
    return Question(
        id="Q-001",
        bank="demo",
        stem="Which one?",
        options={"A": "one", "B": "two"},
        answer=("A",),
        origin=Origin("b1/Q-001.md", "0" * 64, doubt=doubt),
    )


def test_doubt_round_trips_through_the_record() -> None:
    record = question(((12, 5), (40, 1)))
    text = dump_record(record)
    assert "doubt: ['12:5', '40:1']" in text
    assert record_to_question(parse_yaml(text)) == record


def test_a_record_without_doubt_writes_no_doubt_field() -> None:
    assert "doubt" not in dump_record(question(()))


@pytest.mark.parametrize("doubt", ["12:5", ["0:5"], ["12"], ["1:2:3"], [12], ["١:٢"], ["1:2\n"]])
def test_a_malformed_doubt_is_refused(doubt: object) -> None:
    record = parse_yaml(dump_record(question(((1, 1),))))
    record["origin"]["doubt"] = doubt
    with pytest.raises(RecordError, match=r"origin\.doubt"):
        record_to_question(record)


def test_an_imported_damaged_file_carries_the_repairs_doubts(tmp_path: Path) -> None:
    original = numbered("Q-001")
    path = tmp_path / "bank" / "Q-001.md"
    path.parent.mkdir()
    path.write_text(damage(original), encoding="utf-8")
    expected = Repairer().repair(damage(original)).uncertain
    assert expected  # the emoji of the headings cannot all be told apart
    report = import_sources(find_sources([path]))
    (imported,) = report.questions
    assert imported.origin is not None
    assert imported.origin.doubt == tuple((spot.line, spot.column) for spot in expected)


def test_a_clean_file_has_no_doubt(tmp_path: Path) -> None:
    path = tmp_path / "bank" / "Q-001.md"
    path.parent.mkdir()
    path.write_text(numbered("Q-001"), encoding="utf-8")
    (imported,) = import_sources(find_sources([path])).questions
    assert imported.origin is not None and imported.origin.doubt == ()


def test_each_question_of_a_block_file_keeps_the_doubts_of_its_own_lines(tmp_path: Path) -> None:
    blocks = [
        plain_block(1, "- A. 📍 一\n- B. 二") + "\nCorrect answer: A\n",
        plain_block(2, "- A. 三\n- B. 📍 四") + "\nCorrect answer: B\n",
    ]
    text = "\n---\n\n".join(blocks)
    path = tmp_path / "bank" / "sample_2.md"
    path.parent.mkdir()
    path.write_text(damage(text), encoding="utf-8")
    uncertain = [(s.line, s.column) for s in Repairer().repair(damage(text)).uncertain]
    second = text.splitlines().index("# Question 2") + 1
    imported = import_sources(find_sources([path])).questions
    assert [q.id for q in imported] and len(imported) == 2
    first_doubt, second_doubt = (q.origin.doubt for q in imported if q.origin)
    assert first_doubt and second_doubt
    assert all(line < second for line, _ in first_doubt)
    assert all(line >= second for line, _ in second_doubt)
    assert [*first_doubt, *second_doubt] == uncertain


def test_validate_lists_the_doubts_of_a_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = tmp_path / "out" / "demo"
    bank.mkdir(parents=True)
    record = replace(question(((12, 5), (40, 1))), id="Q-900")
    text = dump_record(record)
    (bank / "Q-900.yaml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("origin:") + 1
    assert main(["validate", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    note = "2 characters chosen with doubt when b1/Q-001.md was repaired (line:column 12:5, 40:1)"
    assert [line for line in captured.err.splitlines() if "doubt" in line] == [
        f"{bank / 'Q-900.yaml'}:{line}: note: {note}"
    ]
    assert "1 note" in captured.out
