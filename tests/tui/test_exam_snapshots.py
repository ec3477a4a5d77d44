"""Snapshots at 80x24 of the mock exam: set-up, a question, the palette, submit, the report.

The clock is fixed, the seed too, and the time zone is UTC, so every run draws the same.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest

from quiz.exam import ExamConfig
from quiz.tui.app import QuizApp
from tui.conftest import SIZE

EXAM = ExamConfig(count=12, minutes=120, preset="Professional", seed=5)


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times on screen are local: make local UTC for the test, then put the zone back."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def exam_app(make_app: Callable[..., QuizApp]) -> QuizApp:
    app = make_app()
    app.exam_request = EXAM
    return app


ANSWER_SOME = ["a", "f", "n", "c", "n", "n", "b", "f"]


def test_exam_setup_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["e"])


def test_exam_question_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    assert snap_compare(exam_app(make_app), terminal_size=SIZE, press=ANSWER_SOME)


def test_exam_palette_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    assert snap_compare(exam_app(make_app), terminal_size=SIZE, press=[*ANSWER_SOME, "l"])


def test_exam_submit_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    assert snap_compare(exam_app(make_app), terminal_size=SIZE, press=[*ANSWER_SOME, "s"])


def test_exam_report_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    assert snap_compare(exam_app(make_app), terminal_size=SIZE, press=[*ANSWER_SOME, "s", "y"])
