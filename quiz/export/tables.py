"""Progress as tables for spreadsheets: answers, tag scores and exam results.

Each table is a header and rows of plain values; ``csv_text`` writes one as CSV. Text
from records and the store is data: a cell that a spreadsheet would run as a formula
(it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a ``'`` in
front, and control characters are dropped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from quiz.learning import TagScore
from quiz.store import AnswerRecord, ExamSummary
from quiz.text import strip_controls

Cell = str | int | float | bool | None
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Table:
    """One table: its name (the CSV file's stem), its columns and its rows."""

    name: str
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]

    def records(self) -> list[dict[str, Cell]]:
        """The rows as objects, for JSON."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def answers_table(answers: Sequence[AnswerRecord], banks: Mapping[str, str]) -> Table:
    """Every answer, oldest first; ``banks`` maps a key to its question's bank (a key no
    longer in the banks gets the part before its first ``/``)."""
    rows: list[tuple[Cell, ...]] = [
        (
            answer.answered_at.isoformat(timespec="seconds"),
            answer.question_key,
            banks.get(answer.question_key) or answer.question_key.partition("/")[0],
            answer.mode,
            answer.chosen,
            answer.correct,
            round(answer.seconds, 3),
        )
        for answer in answers
    ]
    columns = ("time", "key", "bank", "mode", "picked", "correct", "seconds")
    return Table("answers", columns, rows)


def tags_table(scores: Sequence[TagScore]) -> Table:
    """Per tag: kind, questions, answers, right answers, accuracy and score."""
    rows: list[tuple[Cell, ...]] = [
        (
            score.tag,
            score.kind,
            score.questions,
            score.attempts,
            score.correct,
            None if score.accuracy is None else round(score.accuracy, 4),
            round(score.score, 4) if score.attempts else None,
        )
        for score in scores
    ]
    columns = ("tag", "kind", "questions", "answers", "correct", "accuracy", "score")
    return Table("tag_scores", columns, rows)


def exams_table(exams: Sequence[ExamSummary]) -> Table:
    """Every finished mock exam, oldest first."""
    rows: list[tuple[Cell, ...]] = [
        (
            exam.id,
            exam.started_at.isoformat(timespec="seconds"),
            exam.finished_at.isoformat(timespec="seconds"),
            exam.correct,
            exam.total,
            round(exam.correct / exam.total, 4) if exam.total else None,
        )
        for exam in exams
    ]
    columns = ("exam", "started", "finished", "correct", "total", "share")
    return Table("exams", columns, rows)


def safe_cell(value: Cell) -> Cell:
    """A cell a spreadsheet shows as it is: text never starts a formula."""
    if not isinstance(value, str):
        return value
    text = strip_controls(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(table: Table) -> str:
    """The table as CSV (header first; booleans as 1 and 0, missing values empty)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(
            int(cell) if isinstance(cell, bool) else "" if cell is None else safe_cell(cell)
            for cell in row
        )
    return out.getvalue()
