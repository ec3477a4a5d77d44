"""A user's bank named like a bundled one: the user's records win, and it is said once."""

from __future__ import annotations

from pathlib import Path

import pytest
from importer_samples import numbered

from quiz import paths
from quiz.bank import bundled_keys, load_banks, write_record
from quiz.cli import main
from quiz.model import Question


def _question(bank: str, qid: str, stem: str = "Which one?") -> Question:
    return Question(id=qid, bank=bank, stem=stem, options={"A": "a", "B": "b"}, answer=("A",))


def _bank_dir(root: Path, *questions: Question) -> Path:
    for question in questions:
        write_record(root, question)
    return root


def test_a_user_record_replaces_the_bundled_one_silently(tmp_path: Path) -> None:
    shipped = _bank_dir(tmp_path / "shipped", _question("b2", "Q-1"), _question("b2", "Q-2"))
    mine = _bank_dir(tmp_path / "mine", _question("b2", "Q-1", "My copy"))
    bank = load_banks([shipped, mine], bundled=[shipped])
    assert bank.problems == []
    assert {q.key: q.stem for q in bank.questions} == {"b2/Q-2": "Which one?", "b2/Q-1": "My copy"}
    assert bank.bundled == {"b2/Q-2"}
    assert bank.replaced == {"b2/Q-1": str(mine / "b2" / "Q-1.yaml")}


def test_duplicates_among_the_users_own_records_are_still_reported(tmp_path: Path) -> None:
    one = _bank_dir(tmp_path / "one", _question("b", "Q-1"))
    two = _bank_dir(tmp_path / "two", _question("b", "Q-1", "Other"))
    bank = load_banks([one, two], bundled=[tmp_path / "elsewhere"])
    assert [q.stem for q in bank.questions] == ["Which one?"]
    assert [p.message for p in bank.problems][-1].startswith("duplicate key b/Q-1")
    assert bank.bundled == frozenset() and bank.replaced == {}


def test_bundled_keys_names_the_keys_a_bundled_question_has() -> None:
    shipped = sorted(q.key for q in load_banks([paths.bundled_bank_dir()]).questions)
    assert bundled_keys([shipped[0], "mine/Q-1", shipped[0]]) == [shipped[0]]


def _import_bundled_named_folder(root: Path) -> Path:
    folder = root / "src" / "by-order_b2"
    folder.mkdir(parents=True)
    for qid in ("Q-005", "Q-030", "Q-900"):
        (folder / f"{qid}.md").write_text(numbered(qid), encoding="utf-8")
    return root / "src"


def test_import_says_once_which_bundled_questions_it_replaces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(_import_bundled_named_folder(tmp_path))]) == 0
    out = capsys.readouterr().out.splitlines()
    notes = [line for line in out if "replace" in line]
    assert notes == [
        "2 of your records replace bundled questions with the same key "
        "(by-order_b2/Q-005, by-order_b2/Q-030)"
    ]
    assert main(["list"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""  # nothing skipped: the user's records win without a word
    listed = [line.split()[0] for line in captured.out.splitlines()]
    assert listed.count("by-order_b2/Q-005") == 1 and "by-order_b2/Q-900" in listed
    assert "A team schedules" in next(line for line in captured.out.splitlines() if "Q-005" in line)


def test_validate_with_no_dir_checks_what_the_app_loads(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(_import_bundled_named_folder(tmp_path))]) == 0
    capsys.readouterr()
    assert main(["validate"]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("replaces the bundled question") == 2
    note = "by-order_b2/Q-005.yaml:1: note: replaces the bundled question by-order_b2/Q-005"
    assert note in captured.err
    # 3 tags outside the vocabulary, 3 near-duplicates (the samples differ by their IDs only)
    assert captured.out.rstrip().endswith(": 0 errors, 6 warnings, 2 notes")

    extra = _bank_dir(tmp_path / "extra", _question("by-order_b2", "Q-900"))
    assert main(["--bank-dir", str(extra), "validate"]) == 1
    assert "duplicate key by-order_b2/Q-900" in capsys.readouterr().err


def test_validate_of_a_dir_notes_bundled_keys_but_not_in_the_bundled_bank(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = _bank_dir(tmp_path / "mine", _question("by-order_b2", "Q-005"))
    assert main(["validate", str(mine)]) == 0
    assert "1 record checked: 0 errors, 0 warnings, 1 note" in capsys.readouterr().out
    assert main(["validate", str(paths.bundled_bank_dir())]) == 0
    captured = capsys.readouterr()
    assert ": note: " not in captured.err and " note" not in captured.out.splitlines()[-1]
