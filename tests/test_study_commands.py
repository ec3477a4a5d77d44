"""``quiz stats`` and ``quiz drill`` from the shell (no app is opened for these checks)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from test_records import make_question

from quiz.bank import write_record
from quiz.cli import main
from quiz.learning import record_answer
from quiz.store import Store, StoredForecast


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


def keep_mock_exam(
    store: Store, blueprint: str, band: tuple[float, float, float], right: int, at: datetime
) -> None:
    """A finished 10-question mock exam with ``right`` right, kept with the forecast
    ``band`` (low, expected, high) made an hour before it ended."""
    low, expected, high = band
    made = at - timedelta(hours=1)
    forecast = StoredForecast(blueprint, expected, low, high, 0.5, made)
    keys = [f"demo/Q{n}" for n in range(10)]
    exam = store.create_exam({}, keys, made, at, "me", forecast=forecast)
    assert store.finish_exam(exam, at, "submitted", lambda _: right, "me")


def test_stats_show_each_forecast_against_its_mock_exam(
    bank_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = datetime(2026, 3, 1, 12).astimezone()
    with Store() as store:
        keep_mock_exam(store, "Professional", (0.6, 0.68, 0.75), 7, first)
        keep_mock_exam(store, "", (0.7, 0.8, 0.9), 6, first + timedelta(days=2))
    assert main(["--bank-dir", str(bank_dir), "stats"]) == 0
    table = capsys.readouterr().out.splitlines()
    start = table.index("forecast vs actual")
    assert table[start + 1 :] == [
        "2026-03-01  Professional  forecast 68% (60–75%)  actual 70%",
        "2026-03-03  random draw   forecast 80% (70–90%)  actual 60%",
        "mean absolute error 11.0 points over 2 exams, 1 in the 80% band",
    ]
    assert main(["--bank-dir", str(bank_dir), "stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)["forecasts"]
    assert (data["exams"], data["mean_absolute_error"], data["in_band"]) == (2, 11.0, 1)
    professional, plain = data["outcomes"]
    assert professional["blueprint"] == "Professional" and plain["blueprint"] == ""
    assert [professional[k] for k in ("expected", "low", "high", "actual")] == [68, 60, 75, 70]
    assert datetime.fromisoformat(professional["finished_at"]) == first
    assert datetime.fromisoformat(professional["made_at"]) == first - timedelta(hours=1)


def test_stats_without_a_mock_exam_have_no_forecast_section(
    bank_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--bank-dir", str(bank_dir), "stats"]) == 0
    assert "forecast vs actual" not in capsys.readouterr().out
    assert main(["--bank-dir", str(bank_dir), "stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)["forecasts"]
    assert data == {"exams": 0, "mean_absolute_error": None, "in_band": 0, "outcomes": []}


def test_stats_list_only_the_latest_mock_exams(
    bank_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = datetime(2026, 3, 1, 12).astimezone()
    with Store() as store:
        for day in range(12):
            keep_mock_exam(store, "Pro", (0.4, 0.5, 0.6), 5, first + timedelta(days=day))
    assert main(["--bank-dir", str(bank_dir), "stats"]) == 0
    table = capsys.readouterr().out
    assert "forecast vs actual (the last 10)" in table
    assert "2026-03-02" not in table and "2026-03-03  Pro" in table
    assert "mean absolute error 0.0 points over 12 exams, 12 in the 80% band" in table


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
