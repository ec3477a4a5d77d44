"""``quiz exam``: starting the app on a new exam, ``--report LAST [--json]``, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_exam import FakeClock, exam_bank, right_letters

from quiz import paths
from quiz.bank import write_record
from quiz.cli import main
from quiz.exam import ExamConfig, ExamSession
from quiz.store import Store, utc_now


@pytest.fixture
def bank_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bank of generated records; the bundled bank is left out."""
    (tmp_path / "empty").mkdir()
    monkeypatch.setattr(paths, "bundled_bank_dir", lambda: tmp_path / "empty")
    directory = tmp_path / "bank"
    for question in exam_bank(12):
        write_record(directory, question)
    return directory


def finished_exam(right: int, flag_first: bool = False) -> int:
    """An exam of 6 questions with ``right`` of them answered right, submitted."""
    with Store() as store:
        session = ExamSession.start(
            store, exam_bank(12), ExamConfig(count=6, minutes=12, seed=2), FakeClock()
        )
        if flag_first:
            session.toggle_flag()
        for position in range(right):
            session.go_to(position)
            session.choose(right_letters(session.current.question))
        session.submit()
        return session.exam_id


def test_report_last_as_json(bank_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    finished_exam(right=2)
    last = finished_exam(right=5, flag_first=True)
    assert main(["--bank-dir", str(bank_dir), "exam", "--report", "LAST", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["exam"], data["correct"], data["total"], data["unanswered"]) == (last, 5, 6, 1)
    assert data["passed"] is True and data["pass_mark"] == 0.7
    assert [point["correct"] for point in data["trend"]] == [2, 5]
    assert [q["flagged"] for q in data["questions"]] == [True] + [False] * 5
    assert {row["name"] for row in data["by_topic"]} <= {"Delta-Lake", "Streaming", "Unity-Catalog"}


def test_report_as_text(bank_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exam_id = finished_exam(right=1, flag_first=True)
    assert main(["--bank-dir", str(bank_dir), "exam", "--report", str(exam_id)]) == 0
    out = capsys.readouterr().out
    assert f"Mock exam {exam_id} (Custom) — FAIL" in out
    assert "score      1/6 (17%), pass mark 70%" in out
    assert "By topic (weakest first)" in out and "Flagged" in out


def test_a_partly_answered_question_is_reported_as_partly_answered(
    bank_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store() as store:
        session = ExamSession.start(
            store, exam_bank(12), ExamConfig(count=12, minutes=24, seed=2), FakeClock()
        )
        position = next(number for number, item in enumerate(session.items) if item.wanted == 2)
        session.go_to(position)
        session.toggle_flag()
        key = session.current.question.key
        session.choose(session.current.question.answer[:1])
        session.submit()
    arguments = ["--bank-dir", str(bank_dir), "exam", "--report", "LAST"]
    assert main(arguments) == 0
    out = capsys.readouterr().out
    assert "partly     1 (too few picks: wrong)" in out
    assert f"Q{position + 1:<3} {key}  partly: 1 of 2 picked" in out
    assert main([*arguments, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["partly_answered"], data["unanswered"]) == (1, 11)
    assert [q["progress"] for q in data["questions"]].count("partly") == 1
    assert data["questions"][position]["progress"] == "partly"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--report", "LAST"], "no finished mock exam yet"),
        (["--report", "first"], "--report takes LAST or an exam number"),
        (["--report", "42"], "there is no exam 42"),
        (["--json"], "--json goes with --report"),
        (["--tag", "No-Such-Tag"], "no question matches tag No-Such-Tag"),
        (["--minutes", "0"], "an exam lasts 1 to 10080 minutes (asked for 0)"),
        (["--minutes", "99999999999999"], "an exam lasts 1 to 10080 minutes"),
        (["--count", "99999999999999999999999"], "an exam has 1 to 10000 questions"),
        (["--report", "99999999999999999999999"], "LAST or an exam number"),
        (["--report", ""], "LAST or an exam number, not ''"),
        (["--report", "١"], "LAST or an exam number"),
    ],
)
def test_mistakes_are_one_line(
    bank_dir: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    assert main(["--bank-dir", str(bank_dir), "exam", *arguments]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("quiz exam: ") and message in err and "\n" not in err


def test_a_running_exam_has_no_report_yet(
    bank_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store() as store:
        exam_id = ExamSession.start(
            store, exam_bank(12), ExamConfig(count=3, minutes=120), utc_now
        ).exam_id
    assert main(["--bank-dir", str(bank_dir), "exam", "--report", str(exam_id)]) == 2
    assert "still running" in capsys.readouterr().err


def test_exam_opens_the_app_on_the_requested_exam(
    bank_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quiz.tui.app import QuizApp

    requested: list[ExamConfig | None] = []
    monkeypatch.setattr(QuizApp, "run", lambda app: requested.append(app.exam_request))
    arguments = ["--bank-dir", str(bank_dir), "exam", "--count", "5", "--tag", "Streaming"]
    assert main([*arguments, "--seed", "9", "--pass-mark", "80"]) == 0
    [config] = requested
    assert config is not None
    assert (config.count, config.minutes, config.tags, config.seed, config.pass_mark) == (
        5,
        10,
        ("Streaming",),
        9,
        0.8,
    )


def test_report_and_trend_agree_after_two_windows_had_the_exam(
    bank_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two instances open one exam: the second takes it over, both answer and submit; the
    exam is recorded once, and ``--report`` shows the score the trend has."""
    clock = FakeClock()
    questions = exam_bank(12)
    by_key = {question.key: question for question in questions}
    with Store() as first_store, Store() as second_store:
        first = ExamSession.start(
            first_store, questions, ExamConfig(count=6, minutes=12, seed=2), clock, "first"
        )
        second = ExamSession.load(second_store, first.exam_id, by_key, clock, "second")
        for position in range(3):
            first.go_to(position)
            first.choose(right_letters(first.current.question))
        assert second.claim(take_over=True)
        second.go_to(5)
        second.choose(right_letters(second.current.question))
        assert not first.choose(right_letters(first.current.question))
        assert not first.submit() and second.submit()
    assert main(["--bank-dir", str(bank_dir), "exam", "--report", "LAST", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["correct"] == data["trend"][-1]["correct"] == 4
    assert len(data["trend"]) == 1
