"""``quiz export csv``: answers, tag scores and exams as CSV files or one JSON document;
text that a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_records import make_question

from quiz.bank import write_record
from quiz.cli import main
from quiz.export.tables import safe_cell
from quiz.learning import record_answer
from quiz.store import Store

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
HOSTILE = make_question(id="Q1", bank="=HYPERLINK(x)", topics=("@SUM(A1)",), traps=("+1",))
PLAIN = make_question(id="Q2", topics=("Jobs-API",))


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    for question in (HOSTILE, PLAIN):
        write_record(tmp_path / "bank", question)
    with Store() as store:
        record_answer(store, HOSTILE, ("B",), seconds=4.25, mode="practice", now=NOW)
        record_answer(store, PLAIN, ("A", "C"), seconds=2, mode="drill", now=NOW + timedelta(1))
        exam = store.create_exam({}, [PLAIN.key, HOSTILE.key], NOW, NOW + timedelta(hours=1), "w")
        store.finish_exam(exam, NOW + timedelta(minutes=30), "submitted", lambda _: 1, "w")
    return tmp_path / "bank"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_one_csv_per_table(bank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert main(["--bank-dir", str(bank), "export", "csv", "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith(f"wrote {out}: 2 answers, ")
    answers = read_csv(out / "answers.csv")
    assert answers == [
        {
            "time": "2026-03-01T09:30:00+00:00",
            "key": "'=HYPERLINK(x)/Q1",
            "bank": "'=HYPERLINK(x)",
            "mode": "practice",
            "picked": "B",
            "correct": "0",
            "seconds": "4.25",
        },
        {
            "time": "2026-03-02T09:30:00+00:00",
            "key": "demo/Q2",
            "bank": "demo",
            "mode": "drill",
            "picked": "AC",
            "correct": "1",
            "seconds": "2.0",
        },
    ]
    tags = {row["tag"]: row for row in read_csv(out / "tag_scores.csv")}
    assert {"'@SUM(A1)", "'+1", "Jobs-API"} <= tags.keys()
    assert (tags["Jobs-API"]["answers"], tags["Jobs-API"]["accuracy"]) == ("1", "1.0")
    (exam,) = read_csv(out / "exams.csv")
    assert (exam["correct"], exam["total"], exam["share"]) == ("1", "2", "0.5")
    assert exam["finished"] == "2026-03-01T10:00:00+00:00"


def test_json_holds_every_table_as_written(
    bank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--bank-dir", str(bank), "export", "csv", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted(data) == ["answers", "exams", "tag_scores"]
    assert data["answers"][0]["key"] == "=HYPERLINK(x)/Q1"  # JSON is not a spreadsheet
    assert data["answers"][1]["correct"] is True and data["exams"][0]["total"] == 2
    target = tmp_path / "progress.json"
    assert main(["--bank-dir", str(bank), "export", "csv", "--json", "--out", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == data


def test_csv_needs_a_folder(bank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "missing"
    assert main(["--bank-dir", str(bank), "export", "csv", "--out", str(target)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"quiz: --out {target}: not a folder (CSV is one file per table)"
    )


def test_scope_options_do_not_go_with_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--no-bundled", "export", "csv", "--json"]) == 2
    assert "do not go with it" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\r=x", "'=x"),
        ("a=b", "a=b"),
        ("a\x1b[2J", "a[2J"),
        (-1.5, -1.5),
        (None, None),
    ],
)
def test_safe_cell(cell: str | float | None, shown: str | float | None) -> None:
    assert safe_cell(cell) == shown
