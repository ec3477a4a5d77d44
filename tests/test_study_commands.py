"""``quiz stats`` and ``quiz drill`` from the shell (no app is opened for these checks)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from test_records import make_question

from quiz.bank import write_record
from quiz.cli import main
from quiz.learning import record_answer
from quiz.store import Store


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    for number, topic in enumerate(("Jobs-API", "Delta-Lake", "Delta-Lake")):
        write_record(tmp_path / "bank", make_question(id=f"Q{number}", topics=(topic,)))
    return tmp_path / "bank"


def test_stats_prints_a_table_and_json(bank_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    now = datetime.now().astimezone()
    with Store() as store:
        question = make_question(id="Q0", topics=("Jobs-API",))
        record_answer(store, question, ("B",), seconds=4, mode="practice", now=now)
    assert main(["--bank-dir", str(bank_dir), "stats"]) == 0
    table = capsys.readouterr().out
    assert "answers 1  right 0%" in table
    assert table.index("Jobs-API") < table.index("Delta-Lake")
    assert main(["--bank-dir", str(bank_dir), "stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["answers"], data["streak_days"]) == (1, 1) and data["questions_total"] >= 3
    assert data["tags"][0]["tag"] in ("Jobs-API", "Similar-Options")


def test_stats_on_a_damaged_database_is_one_line(
    bank_dir: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    isolated_data_dir.mkdir(parents=True, exist_ok=True)
    (isolated_data_dir / "progress.sqlite3").write_bytes(b"garbage" * 500)
    assert main(["--bank-dir", str(bank_dir), "stats"]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("quiz: ") and "damaged" in err and "back it up" in err


def test_drill_with_an_unknown_tag_is_one_line(
    bank_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--bank-dir", str(bank_dir), "drill", "--tag", "No-Such-Tag"]) == 1
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("quiz drill: no question has the tag 'No-Such-Tag'")
