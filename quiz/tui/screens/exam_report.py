"""The report of a finished mock exam: score, time, where points were lost, flagged, trend."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from quiz.exam import ExamReport, ExamSession, Tally, format_remaining
from quiz.tui.plain import plain_text
from quiz.tui.screens.base import WORKING, QuizScreen
from quiz.tui.screens.exam_review import ExamReviewScreen

BAR_WIDTH = 10
TALLY_ROWS = 8
TREND_ROWS = 8


def bar(fraction: float, width: int = BAR_WIDTH) -> str:
    """A text bar: ``███████░░░``."""
    filled = round(max(0.0, min(fraction, 1.0)) * width)
    return "█" * filled + "░" * (width - filled)


def tally_table(title: str, rows: tuple[Tally, ...]) -> Table:
    """Accuracy per name, weakest first."""
    table = Table(title=title, title_justify="left", expand=True, box=None, padding=(0, 1))
    table.add_column("", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("right", justify="right")
    table.add_column("", no_wrap=True)
    table.add_column("%", justify="right")
    for row in rows[:TALLY_ROWS]:
        right = f"{row.correct}/{row.total}"
        table.add_row(plain_text(row.name), right, bar(row.accuracy), f"{row.accuracy:.0%}")
    if len(rows) > TALLY_ROWS:
        table.add_row(Text(f"… {len(rows) - TALLY_ROWS} more", style="dim"), "", "", "")
    return table


def summary(report: ExamReport) -> str:
    """Verdict, score, time, unanswered and the change since the previous exam (markup)."""
    verdict = "[b reverse $success] PASS [/]" if report.passed else "[b reverse $error] FAIL [/]"
    ran_out = " — time ran out" if report.end_reason == "timeout" else ""
    lines = [
        f"{verdict}  [b]{report.correct}/{report.total} right ({report.score:.0%})[/b], "
        f"pass mark {report.config.pass_mark:.0%}",
        f"Time used {format_remaining(report.time_used)} of "
        f"{format_remaining(report.config.time_limit)}{ran_out} · "
        f"{report.unanswered} unanswered · "
        + (f"{report.partly} partly answered · " if report.partly else "")
        + f"{len(report.flagged)} flagged"
        + (f" · {report.guesses}" if report.guesses else ""),
    ]
    previous = report.previous
    if previous is not None:
        change = round((report.score - previous.score) * 100)
        lines.append(f"{change:+d} points since the previous exam ({previous.score:.0%})")
    return "\n".join(lines)


def flagged_table(report: ExamReport) -> RenderableType:
    """The flagged questions and how they turned out."""
    if not report.flagged:
        return Text("Flagged: none", style="dim")
    right = sum(result.correct for result in report.flagged)
    table = Table(
        title=f"Flagged: {right} of {len(report.flagged)} right",
        title_justify="left",
        expand=True,
        box=None,
        padding=(0, 1),
    )
    table.add_column("#", justify="right")
    table.add_column("question", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("outcome")
    for result in report.flagged:
        table.add_row(str(result.number), plain_text(result.question.key), result.outcome)
    return table


def trend_table(report: ExamReport) -> RenderableType:
    """The person's mock exams so far, oldest first (this one last)."""
    table = Table(title="Trend", title_justify="left", expand=True, box=None, padding=(0, 1))
    table.add_column("exam", justify="right")
    table.add_column("finished")
    table.add_column("score", justify="right")
    table.add_column("", ratio=1, no_wrap=True)
    for point in report.trend[-TREND_ROWS:]:
        mark = " ◀ this one" if point.exam_id == report.exam_id else ""
        table.add_row(
            str(point.exam_id),
            point.finished_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            f"{point.correct}/{point.total}",
            f"{bar(point.score)} {point.score:.0%} {'pass' if point.passed else 'fail'}{mark}",
        )
    return table


class ExamReportScreen(QuizScreen[None]):
    """Where points were lost; a, w and f open the review (the review's keys too)."""

    HELP = """\
# Exam report

Your score against the pass mark, the time you used, and accuracy by domain, topic tag
and trap tag — weakest first, so the top rows are where you lost points. Then the
questions you flagged and how they turned out, and your trend over past mock exams.

Review walks the questions with your answer, the right one, the explanation and the
mnemonic: **a** all of them, **w** only the wrong ones, **f** only the flagged ones (the
same keys switch between them in the review).
The same report prints on the command line with `quiz exam --report LAST` (`--json`).
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "review('all')", "Review all", id="report-all"),
        Binding("w", "review('wrong')", "Review wrong", id="report-wrong"),
        Binding("f", "review('flagged')", "Review flagged", id="report-flagged"),
        Binding("escape", "home", "Home", id="report-home", tooltip="Back to the home screen"),
    ]

    def __init__(self, session: ExamSession) -> None:
        super().__init__()
        self.session = session
        """The finished exam."""
        self.report: ExamReport | None = None
        """Its report, once worked out (with the trend of every exam so far)."""

    def compose(self) -> ComposeResult:
        """Summary first, then the tables in one scrolling column."""
        yield Header()
        with VerticalScroll(id="exam-report"):
            yield Static(WORKING, id="exam-report-summary", classes="panel")
            yield Static(id="exam-report-tables", classes="panel")
        yield Footer()

    def on_mount(self) -> None:
        """Title the screen, let the arrows scroll the report, and work the report out."""
        self.sub_title = f"Mock exam {self.session.exam_id} · report"
        self.query_one("#exam-report").focus()
        self.store_work(self.session.report, self.show)

    def show(self, report: ExamReport) -> None:
        """The score, then where points were lost, the flagged questions and the trend."""
        self.report = report
        self.query_one("#exam-report-summary", Static).update(summary(report))
        tables = Group(
            tally_table("By domain (weakest first)", report.by_domain),
            Text(),
            tally_table("By topic", report.by_topic),
            Text(),
            tally_table("By trap", report.by_trap),
            Text(),
            flagged_table(report),
            Text(),
            trend_table(report),
        )
        self.query_one("#exam-report-tables", Static).update(tables)

    def action_review(self, which: str) -> None:
        """Walk the questions (all, wrong or flagged) with their explanations."""
        if self.report is None:
            return  # still working
        results = self.report.review(which)  # type: ignore[arg-type]
        if not results:
            self.notify(f"No {which} questions to review.")
            return
        self.app.push_screen(ExamReviewScreen(self.report, which))  # type: ignore[arg-type]

    def action_home(self) -> None:
        """Back to the home screen."""
        self.dismiss()
