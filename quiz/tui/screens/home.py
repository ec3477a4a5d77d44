"""The home screen: the bank at a glance, the person's progress, and the ways to start."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import ScreenResume
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from quiz.forecast import Readiness
from quiz.learning import BankOverview, StudyStats, TagScore, bank_overview, study_stats
from quiz.scope import describe
from quiz.tui.actions import STUDY_ACTIONS
from quiz.tui.plain import plain, plain_text
from quiz.tui.screens.base import WORKING, QuizScreen
from quiz.tui.screens.readiness import home_forecast, home_line
from quiz.words import percent, plural

FEW_ANSWERS = 10
"""Below this many answers a tag shows its count of right answers, not a percentage."""


def bank_table(overview: BankOverview) -> Group:
    """The bank at a glance: a heading, then one row per kind of count, the counts
    wrapping under themselves rather than under the labels."""
    table = Table.grid(padding=(0, 2, 0, 0))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for label, counts in overview.rows():
        table.add_row(label, plain_text(counts))
    return Group(
        Text.from_markup(f"[b]Bank[/b]  {overview.summary()}"), Padding(table, (0, 0, 0, 2))
    )


def progress_view(stats: StudyStats) -> Group:
    """Progress, due reviews, weakest tags and leeches."""
    if not stats.answers:
        return _section(
            "[b]Progress[/b]  nothing answered yet",
            Text.from_markup("Press [b]p[/b] to practise: every answer is saved at once."),
        )
    accuracy = percent(stats.accuracy or 0)
    back = f" · {stats.due.back}" if stats.due.back else ""
    leeches = f" · {plural(len(stats.leeches), 'leech')}" if stats.leeches else ""
    weakest = "\n".join(f"{score.tag:<24} {_tally(score)}" for score in stats.weakest)
    return Group(
        _section(
            f"[b]Progress[/b]  {plural(stats.answers, 'answer')} · {accuracy} right · "
            f"{stats.questions_answered}/{stats.questions_total} seen",
            Text.from_markup(
                f"streak {plural(stats.streak_days, 'day')} · "
                f"[b]{stats.due.now}[/b] due now{back}{leeches}"
            ),
        ),
        _section("[b]Weakest[/b]", plain_text(weakest)),
    )


def _tally(score: TagScore) -> str:
    """``68% of 1667``; under ten answers the count itself, ``0/1 right`` (a percentage of
    one answer reads as a verdict)."""
    if score.attempts < FEW_ANSWERS:
        return f"{score.correct}/{score.attempts} right"
    return f"{percent(score.accuracy or 0):>4} of {score.attempts}"


def _section(heading: str, body: Text) -> Group:
    """A heading line (our markup), and the body indented under it (wrapped lines too)."""
    return Group(Text.from_markup(heading), Padding(body, (0, 0, 0, 2)))


class HomeScreen(QuizScreen[None]):
    """The hub: pick a way to study with its key, the arrows and enter, or the mouse."""

    HELP = """\
# quiz

Pick a way to study on the left (its key, or the arrows and enter, or a click).
The right side shows what you study (**c** chooses banks, levels and domains), the bank,
your progress, your weakest tags and what is due.

Every answer is saved the moment you give it. `ctrl+p` opens the command palette.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                entry.key,
                f"app.{entry.action}",
                entry.short,
                show=entry.in_footer,
                id=entry.action,
                tooltip=entry.help,
            )
            for entry in STUDY_ACTIONS
        ),
        Binding("ctrl+q,q", "app.quit", "Quit", id="quit-home", tooltip="Quit (progress is saved)"),
    ]

    forecast: Readiness | None = None
    """The forecast of the home line, once computed (the readiness screen starts from it)."""

    def compose(self) -> ComposeResult:
        """The actions on the left, the overview on the right."""
        yield Header()
        with Horizontal(id="home"):
            yield OptionList(
                *(
                    Option(f"[b]{entry.key}[/b]  {entry.label}", id=entry.action)
                    for entry in STUDY_ACTIONS
                ),
                id="home-actions",
            )
            with VerticalScroll(id="home-overview"):
                yield Static(id="home-scope", classes="panel")
                yield Static(id="home-ready", classes="panel")
                yield Static(id="home-progress", classes="panel")
                yield Static(id="home-bank", classes="panel")
        yield Footer(compact=True)

    @on(ScreenResume)
    def refresh_overview(self) -> None:
        """Recompute the overview whenever the home screen is shown again."""
        questions = self.quiz.bank.infos
        self.quiz.store_call(
            lambda: study_stats(self.store, questions, self.quiz.now()),
            lambda stats: self.query_one("#home-progress", Static).update(progress_view(stats)),
        )
        self.query_one("#home-bank", Static).update(bank_table(bank_overview(questions)))
        scope = self.quiz.scope
        in_scope = len(scope.questions(self.quiz.bank))
        line = describe(scope, self.quiz.bank, in_scope)
        if in_scope or not questions:
            shown = Content.assemble(plain(line), ("  · c chooses", "dim"))
        else:
            shown = Content.assemble(
                plain(line, "b $warning"), ("  · press c to choose again", "b")
            )
        self.query_one("#home-scope", Static).update(shown)
        self.refresh_readiness()

    def refresh_readiness(self) -> None:
        """The forecast's line, computed in a worker ("Working…" meanwhile)."""
        store, now = self.store, self.quiz.now()
        questions = self.quiz.scope.questions(self.quiz.bank)
        line = self.query_one("#home-ready", Static)
        line.display = bool(questions)
        line.update(WORKING)
        self.forecast = None

        def show(found: Readiness | None) -> None:
            self.forecast = found
            line.update(plain(home_line(found, len(questions))))

        self.store_work(lambda: home_forecast(store, questions, now), show)

    @on(OptionList.OptionSelected, "#home-actions")
    async def _start(self, event: OptionList.OptionSelected) -> None:
        await self.app.run_action(f"app.{event.option.id}")
