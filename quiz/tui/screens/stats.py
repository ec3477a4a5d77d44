"""Statistics: accuracy per tag (sortable, weakest first), trend, due forecast, leeches, and
the readiness forecasts against the mock exams."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from quiz.forecast import outcome_line
from quiz.learning import LEECH_MISSES, StudyStats, study_stats
from quiz.tui.plain import plain, plain_text
from quiz.tui.screens.base import WORKING, QuizScreen, key_label
from quiz.words import noun, percent

TREND_DAYS = 30
NOTHING_ANSWERED = "Nothing answered yet"
NO_FORECAST = (
    "No mock exam with a forecast yet: each mock exam keeps the forecast made just before it "
    "(y shows today's)."
)
PERCENT_TICKS = [0, 25, 50, 75, 100]
TAB_CONTENT = {
    "tags": "#tag-table",
    "trend": "#trend-plot",
    "due": "#due-plot",
    "leeches": "#leech-table",
    "forecasts": "#forecast-view",
}
"""Each tab's table or plot, hidden while its empty-state note shows."""


def count_ticks(top: int, most: int = 5) -> list[int]:
    """Whole-number ticks from 0 to at least ``top``, at most ``most`` + 1 of them."""
    step = max(1, -(-top // most))
    return list(range(0, max(top, 1) + step, step))


def count_axis(plt: Plot, top: int) -> None:
    """A left y axis of whole numbers (counts) from 0, also for a single small value."""
    ticks = count_ticks(top)
    plt.ylim(0, ticks[-1])
    plt.yticks(cast("list[float]", ticks))  # whole numbers, drawn without a decimal point


def headline(stats: StudyStats) -> str:
    """The one-line summary above the tabs."""
    return (
        f"[b]{stats.answers}[/b] {noun(stats.answers, 'answer')} · "
        f"[b]{percent(stats.accuracy)}[/b] right · "
        f"{stats.questions_answered}/{stats.questions_total} questions seen · "
        f"streak [b]{stats.streak_days}[/b] {noun(stats.streak_days, 'day')} · "
        f"due now [b]{stats.due.now}[/b]{f' ({stats.due.back})' if stats.due.back else ''}\n"
        f"guesses: {stats.guesses_line}"
    )


class StatsScreen(QuizScreen[None]):
    """How the person is doing, in five tabs."""

    HELP = """\
# Stats

**Tags**: accuracy per topic and trap tag, weakest first (*score* also weighs how many
answers there are and how recent they are). Click a column header, or press **o**, to sort.
**Trend**: answers and accuracy per day over the last 30 days. **Due**: reviews falling due
in the next 14 days. **Leeches**: questions you keep missing; **x** suspends or unsuspends
the highlighted one. **Forecasts**: each mock exam's score against the readiness forecast
made just before it (its 80% band as two thin lines), and the mean absolute error. The
headline also says how often the answers you marked *guessing* (**g** in practice and
mock exams) were right. Switch tabs with **1**–**5** or a click.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        # The tab row shows each tab's key ("1 Tags"): the footer keeps room for the rest.
        Binding("1", "tab('tags')", "Tags", id="tab-tags", show=False),
        Binding("2", "tab('trend')", "Trend", id="tab-trend", show=False),
        Binding("3", "tab('due')", "Due", id="tab-due", show=False),
        Binding("4", "tab('leeches')", "Leeches", id="tab-leeches", show=False),
        Binding("5", "tab('forecasts')", "Forecasts", id="tab-forecasts", show=False),
        Binding("o", "sort", "Sort", id="sort", tooltip="Sort the tag table by the next column"),
        Binding("x", "suspend", "Suspend", id="toggle-suspend", show=False, tooltip="Suspend"),
        Binding("escape,q", "app.pop_screen", "Back", id="back", tooltip="Back to home"),
    ]

    TAG_COLUMNS = ("tag", "kind", "questions", "answers", "accuracy", "score")

    DEFAULT_CSS = """
    StatsScreen {
        & #forecast-plot { height: 1fr; }
        & #forecast-summary { height: auto; padding: 0 1; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.stats: StudyStats | None = None
        self.sort_column = "score"
        self.sort_reverse = False

    def compose(self) -> ComposeResult:
        """Headline and five tabs."""
        yield Header()
        yield Static(id="stats-headline")
        with TabbedContent(id="stats-tabs"):
            with TabPane(key_label("1", "Tags"), id="tags"):
                yield Static(id="tags-empty", classes="stats-empty")
                yield DataTable(id="tag-table", zebra_stripes=True, cursor_type="row")
            with TabPane(key_label("2", "Trend"), id="trend"):
                yield Static(id="trend-empty", classes="stats-empty")
                yield PlotextPlot(id="trend-plot")
            with TabPane(key_label("3", "Due"), id="due"):
                yield Static(id="due-empty", classes="stats-empty")
                yield PlotextPlot(id="due-plot")
            with TabPane(key_label("4", "Leeches"), id="leeches"):
                yield Static(id="leeches-empty", classes="stats-empty")
                yield DataTable(id="leech-table", cursor_type="row")
            with TabPane(key_label("5", "Forecasts"), id="forecasts"):
                yield Static(id="forecasts-empty", classes="stats-empty")
                with Vertical(id="forecast-view"):
                    yield PlotextPlot(id="forecast-plot")
                    yield Static(id="forecast-summary")
        yield Footer()

    def on_mount(self) -> None:
        """Say "Working…" while the statistics are computed (in a worker), then fill every tab."""
        self.sub_title = "Stats"
        table = self.query_one("#tag-table", DataTable)
        for column in self.TAG_COLUMNS:
            table.add_column(column.capitalize(), key=column)
        leech_table = self.query_one("#leech-table", DataTable)
        for column in ("question", "missed", "answers", "suspended"):
            leech_table.add_column(column.capitalize(), key=column)
        self.query_one("#stats-headline", Static).update(WORKING)
        for tab, content in TAB_CONTENT.items():
            self.show_empty(tab, WORKING, hide=content)
        self.load()
        self.app.theme_changed_signal.subscribe(self, lambda _: self.fill_plots())

    def load(self) -> None:
        """(Re)compute the statistics, then show them."""
        store, questions, now = self.store, self.quiz.bank.infos, self.quiz.now()
        self.store_work(lambda: study_stats(store, questions, now), self.show)

    def show(self, stats: StudyStats) -> None:
        """Fill the headline and every tab."""
        self.stats = stats
        self.query_one("#stats-headline", Static).update(headline(self.stats))
        self.fill_tags()
        self.fill_plots()
        self.fill_due()
        self.fill_leeches()

    def fill_plots(self) -> None:
        """The plots drawn in the theme's colours."""
        self.fill_trend()
        self.fill_forecasts()

    def show_empty(self, tab: str, message: str | None, *, hide: str | None = None) -> None:
        """Show a tab's empty-state ``message`` (None: no message), hiding widget ``hide``."""
        note = self.query_one(f"#{tab}-empty", Static)
        note.update(message or "")
        note.display = message is not None
        if hide is not None:
            self.query_one(hide).display = message is None

    def fill_tags(self) -> None:
        """The tag table, weakest first."""
        assert self.stats is not None
        if not self.stats.tags:
            self.show_empty("tags", "No tags: the bank has no tagged questions.", hide="#tag-table")
        elif not self.stats.answers:
            self.show_empty("tags", f"{NOTHING_ANSWERED}: accuracy and scores fill in as you do.")
        else:
            self.show_empty("tags", None, hide="#tag-table")
        table = self.query_one("#tag-table", DataTable)
        table.clear()
        for score in self.stats.tags:
            table.add_row(
                plain_text(score.tag),
                score.kind,
                score.questions,
                score.attempts,
                percent(score.accuracy),
                percent(score.score) if score.attempts else "-",
                key=f"{score.kind}:{score.tag}",
            )

    def fill_trend(self) -> None:
        """Answers and accuracy per day over the last ``TREND_DAYS`` days."""
        if self.stats is None:
            return
        today = self.quiz.now().date()
        by_day = {d.day: d for d in self.stats.days}
        days = [today - timedelta(days=n) for n in range(TREND_DAYS - 1, -1, -1)]
        answered = [n for n, day in enumerate(days) if day in by_day]
        if not answered:
            message = (
                f"{NOTHING_ANSWERED}: each day's answers and accuracy show here."
                if not self.stats.answers
                else f"Nothing answered in the last {TREND_DAYS} days."
            )
            self.show_empty("trend", message, hide="#trend-plot")
            return
        self.show_empty("trend", None, hide="#trend-plot")
        labels = [day.strftime("%m-%d") for day in days]
        answers = [by_day[day].answers if day in by_day else 0 for day in days]
        accuracy = [
            round(100 * by_day[days[n]].correct / by_day[days[n]].answers) for n in answered
        ]
        plt = self.query_one("#trend-plot", PlotextPlot).plt
        plt.clear_data()
        positions: list[float] = list(range(len(days)))
        plt.bar(positions, answers, label="answers")
        count_axis(plt, max(answers))
        line = self.theme_colour("text-success")
        plt.plot(answered, accuracy, label="% right", yside="right", marker="braille", color=line)
        plt.ylim(0, 100, yside="right")  # type: ignore[arg-type]  # yside: a str, typed float
        plt.yticks(cast("list[float]", PERCENT_TICKS), yside="right")  # type: ignore[arg-type]
        plt.xlim(-1, len(days))
        plt.title(f"Last {TREND_DAYS} days")
        plt.xticks(positions[::7], labels[::7])

    def fill_due(self) -> None:
        """Reviews due per day, today first."""
        assert self.stats is not None
        counts = [count for _, count in self.stats.forecast]
        if not any(counts):
            message = (
                f"{NOTHING_ANSWERED}: reviews are scheduled as you answer."
                if not self.stats.answers
                else f"Nothing due in the next {len(counts)} days."
            )
            self.show_empty("due", message, hide="#due-plot")
            return
        self.show_empty("due", None, hide="#due-plot")
        labels = [day.strftime("%m-%d") for day, _ in self.stats.forecast]
        plt = self.query_one("#due-plot", PlotextPlot).plt
        plt.clear_data()
        positions: list[float] = list(range(len(labels)))
        plt.bar(positions, counts)
        count_axis(plt, max(counts))
        plt.xlim(-1, len(labels))
        plt.title("Reviews due (today includes overdue)")
        plt.xticks(positions[::2], labels[::2])

    def fill_leeches(self) -> None:
        """Questions missed again and again."""
        assert self.stats is not None
        if self.stats.leeches:
            self.show_empty("leeches", None, hide="#leech-table")
        else:
            self.show_empty(
                "leeches",
                f"No leeches: a question becomes one when missed {LEECH_MISSES} times or more, "
                "and at least half the times it was asked.",
                hide="#leech-table",
            )
        table = self.query_one("#leech-table", DataTable)
        table.clear()
        for leech in self.stats.leeches:
            table.add_row(
                plain_text(leech.question.key),
                leech.misses,
                leech.attempts,
                "yes" if leech.suspended else "",
                key=leech.question.key,
            )

    def fill_forecasts(self) -> None:
        """Each mock exam's forecast (with its 80% band) and actual score, oldest first."""
        if self.stats is None:
            return
        past = self.stats.forecasts
        if not past.outcomes:
            self.show_empty("forecasts", NO_FORECAST, hide="#forecast-view")
            return
        self.show_empty("forecasts", None, hide="#forecast-view")
        positions: list[float] = list(range(len(past.outcomes)))
        made = [o.forecast for o in past.outcomes]
        colour = self.theme_colour
        plt = self.query_one("#forecast-plot", PlotextPlot).plt
        plt.clear_data()
        band = colour("foreground-darken-2")
        high = [100 * f.high for f in made]
        plt.plot(positions, high, label="80% band", marker="braille", color=band)
        plt.plot(positions, [100 * f.low for f in made], marker="braille", color=band)
        plt.plot(
            positions,
            [100 * f.expected for f in made],
            label="forecast",
            marker="braille",
            color=colour("text-primary"),
        )
        actual = [100 * o.correct / o.total for o in past.outcomes]
        plt.scatter(positions, actual, label="actual", marker="●", color=colour("text-success"))
        plt.ylim(0, 100)
        plt.yticks(cast("list[float]", PERCENT_TICKS))
        plt.xlim(-1, len(positions))
        step = -(-len(positions) // 6)
        labels = [f"{o.finished_at:%m-%d}" for o in past.outcomes]
        plt.xticks(positions[::step], labels[::step])
        plt.title("Forecast (80% band) and actual score per mock exam")
        latest = outcome_line(past.outcomes[-1])
        self.query_one("#forecast-summary", Static).update(
            plain(f"{past.summary}\nlatest: {latest}")
        )

    def theme_colour(self, variable: str) -> tuple[int, int, int]:
        """A colour of the current theme, readable on its background."""
        return Color.parse(self.app.theme_variables[variable]).rgb

    def action_tab(self, tab: str) -> None:
        """Show one of the tabs."""
        self.query_one("#stats-tabs", TabbedContent).active = tab

    @on(DataTable.HeaderSelected, "#tag-table")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        self.sort_tags(str(event.column_key.value))

    def action_sort(self) -> None:
        """Sort the tag table by the next column."""
        columns = self.TAG_COLUMNS
        self.sort_tags(columns[(columns.index(self.sort_column) + 1) % len(columns)])

    def sort_tags(self, column: str) -> None:
        """Sort by a column; choosing the same column again reverses the order."""
        if self.stats is None:
            return  # still working
        self.sort_reverse = column == self.sort_column and not self.sort_reverse
        self.sort_column = column
        order = {f"{s.kind}:{s.tag}": n for n, s in enumerate(self.stats.tags)}
        table = self.query_one("#tag-table", DataTable)
        if column == "score":
            table.sort(key=lambda row_key: order[row_key.value], reverse=self.sort_reverse)
            return
        table.sort(column, key=_sort_value, reverse=self.sort_reverse)
        self.notify(f"Sorted by {column}", timeout=2)

    def action_suspend(self) -> None:
        """Suspend (or unsuspend) the highlighted leech."""
        if self.stats is None:
            return  # still working
        self.action_tab("leeches")
        table = self.query_one("#leech-table", DataTable)
        if not table.row_count:
            self.notify("No leeches", timeout=2)
            return
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        now = self.quiz.now()

        def toggle() -> bool:
            on = key not in self.store.flagged("suspended")
            self.store.set_flag("suspended", key, on, now)
            return on

        def toggled(on: bool) -> None:
            self.notify(f"{key} {'suspended' if on else 'back in the rotation'}", timeout=3)
            self.load()

        self.quiz.store_call(toggle, toggled)


def _sort_value(value: object) -> object:
    """Sort text cells by their text, percentages as numbers and ``-`` before everything."""
    if isinstance(value, Text):
        return value.plain
    if isinstance(value, str) and value.endswith("%"):
        return int(value[:-1])
    if value == "-":
        return -1
    return value
