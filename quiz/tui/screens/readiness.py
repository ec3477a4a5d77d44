"""The readiness screen: would you pass today, per domain, what would raise it most, and how
past forecasts compared with the mock exams taken (the numbers are ``quiz.forecast``'s)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static, Tab, Tabs

from quiz.blueprint import Blueprint, BlueprintError, catalogue
from quiz.commands.ready import DEFAULT_BLUEPRINT
from quiz.forecast import Readiness, outcome_line, readiness
from quiz.model import Described
from quiz.store import Store
from quiz.tui.plain import plain, plain_text
from quiz.tui.screens.base import WORKING, QuizScreen
from quiz.words import percent, plural

BAR = 10


def default_blueprint(questions: Sequence[Described]) -> tuple[list[Blueprint], int]:
    """The blueprints known, and the index of the default one (-1: none is known)."""
    known = catalogue(questions)
    try:
        chosen = known.find(DEFAULT_BLUEPRINT)
    except BlueprintError:
        return known.blueprints, 0 if known.blueprints else -1
    return known.blueprints, known.blueprints.index(chosen)


def home_forecast(store: Store, questions: Sequence[Described], now: datetime) -> Readiness | None:
    """The forecast for the default blueprint (None: no blueprint is known)."""
    blueprints, index = default_blueprint(questions)
    return readiness(store, questions, blueprints[index], now) if index >= 0 else None


def home_line(found: Readiness | None, in_scope: int) -> str:
    """The home screen's one line (empty when there is nothing to forecast from)."""
    if found is None or not in_scope:
        return ""
    name = found.blueprint.name
    if not found.questions:
        return f"{name}: no question you study falls in its domains (y shows them)"
    if not found.answered:
        return f"{name}: answer a few questions for a forecast"
    weakest = found.weakest
    return (
        f"{name}: {found.expected:.0%} ± {100 * found.margin:.0f}, "
        f"pass chance {found.pass_chance_text}" + (f" — weakest: {weakest.name}" if weakest else "")
    )


def bar(value: float | None) -> str:
    """A 10-cell bar of a 0..1 value."""
    if value is None:
        return "·" * BAR
    cells = round(value * BAR)
    return "█" * cells + "░" * (BAR - cells)


def readiness_view(found: Readiness, in_scope: int) -> RenderableType:
    """The whole forecast: headline, domains, suggestions, thin bank, calibration."""
    blueprint = found.blueprint
    parts: list[RenderableType] = [plain_text(blueprint.exam, "dim")]
    if not in_scope:
        parts.append(Text("Nothing to forecast: what you study holds no question (c chooses)."))
        return Group(*parts)
    if not found.answered:
        parts.append(
            Text.from_markup(
                "[b]No answer yet[/b]: practise ([b]p[/b]) or take a mock exam ([b]e[/b]) and the "
                "forecast follows; until then every chance is a guess of 50%."
            )
        )
    elif found.questions:
        parts.append(
            Text.from_markup(
                f"[b]Expected {found.expected:.0%}[/b] ± {100 * found.margin:.0f} "
                f"(80% band {found.low:.0%}–{found.high:.0%}) · "
                f"[b]pass chance {found.pass_chance_text}[/b] at {blueprint.pass_mark:.0%}"
            )
        )
    unmatched = f" ({found.unmatched} match no domain)" if found.unmatched else ""
    parts.append(
        plain_text(
            f"an exam of {plural(found.questions, 'question')}, from "
            f"{found.answered} answered of {sum(d.questions for d in found.domains)} "
            f"in its domains{unmatched}",
            "dim",
        )
    )
    parts.append(_domains(found))
    if found.suggestions:
        lines = "\n".join(
            f"{s.domain}: {plural(s.questions, f'{s.kind} question')}, "
            f"+{s.points:.1f} points in {max(1, round(s.minutes))} min"
            for s in found.suggestions
        )
        parts.append(_section("What would raise it most", lines))
    if found.thin:
        parts.append(_section("The bank is thin", "\n".join(found.thin)))
    parts.append(_calibration(found))
    return Group(*parts)


def _domains(found: Readiness) -> Table:
    table = Table(box=None, padding=(0, 1), pad_edge=False, header_style="bold")
    table.add_column("Domain", ratio=1, overflow="fold")
    for heading in ("weight", "drawn", "seen/due"):
        table.add_column(heading, justify="right", no_wrap=True)
    table.add_column("expected", no_wrap=True)
    for d in found.domains:
        table.add_row(
            plain_text(d.name),
            f"{d.weight:g}%",
            str(d.drawn),
            f"{d.seen}/{d.due}",
            f"{bar(d.expected)} {percent(d.expected):>4}",
        )
    return table


def _calibration(found: Readiness) -> RenderableType:
    past = found.calibration
    if not past.outcomes:
        return _section(
            "Forecast vs actual", "no mock exam taken yet: each one keeps the forecast made for it"
        )
    rows = [outcome_line(outcome) for outcome in past.outcomes]
    return _section("Forecast vs actual", "\n".join([*rows, past.summary]))


def _section(heading: str, body: str) -> Group:
    return Group(Text(heading, style="bold"), Padding(plain_text(body), (0, 0, 0, 2)))


class BlueprintTabs(Tabs):
    """Tabs whose underline moves at once: its animation would hold the thread computing
    the forecast back (200 ms more on 5,000 questions, ``benchmarks/bench_forecast.py``)."""

    def _highlight_active(self, animate: bool = True) -> None:
        super()._highlight_active(animate=False)


class ReadinessScreen(QuizScreen[None]):
    """Would you pass today: the forecast for a blueprint, switched with ``n`` or the tabs."""

    HELP = """\
# Am I ready?

The score you would get on a mock exam drawn to the blueprint today, its 80% band and
the chance of passing; per domain its weight, the questions an exam draws from it, the
ones you have seen and those due, and the expected score. **What would raise it most**
lists the questions that gain the most points per minute of study; past mock exams show
the forecast made before each one beside its actual score.

**n** (or a click on a tab, or ←/→ once **tab** is on the tabs) switches blueprint; the
arrows scroll; **p** practises, **e** starts a mock exam; **escape** goes back.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_blueprint", "Next blueprint"),
        Binding("p", "app.practice", "Practise", tooltip="Practise: due and weak questions first"),
        Binding("e", "app.mock_exam", "Exam", tooltip="Take a mock exam"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, known: Readiness | None = None) -> None:
        """``known``: a forecast just made (the home line's), shown without computing it again."""
        super().__init__()
        self.known = known
        self.blueprints: list[Blueprint] = []
        self.wanted: Blueprint | None = None

    def compose(self) -> ComposeResult:
        """The blueprints as tabs, the forecast under them."""
        self.questions = self.quiz.scope.questions(self.quiz.bank)
        self.blueprints, index = default_blueprint(self.questions)
        tabs = [Tab(plain(b.name), id=f"blueprint-{i}") for i, b in enumerate(self.blueprints)]
        yield Header()
        active = f"blueprint-{index}" if tabs else None
        yield BlueprintTabs(*tabs, active=active, id="ready-blueprints")
        with VerticalScroll(id="ready-body"):
            yield Static(WORKING, id="ready-view", classes="panel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Compute the forecast for the default blueprint."""
        self.sub_title = "Am I ready?"
        self.query_one("#ready-body").focus()
        active = self.query_one(Tabs).active_tab
        if active is not None and active.id is not None:
            self.load(self.blueprints[int(active.id.removeprefix("blueprint-"))])
        else:
            self.query_one("#ready-view", Static).update(
                "No blueprint found (quiz blueprint list says why)."
            )

    def load(self, blueprint: Blueprint) -> None:
        """Compute the forecast for ``blueprint`` in a worker, then show it."""
        self.wanted = blueprint
        if self.known is not None and self.known.blueprint == blueprint:
            self.show(self.known)
            return
        store, questions, now = self.store, self.questions, self.quiz.now()
        self.query_one("#ready-view", Static).update(WORKING)
        self.store_work(lambda: readiness(store, questions, blueprint, now), self.show)

    def show(self, found: Readiness) -> None:
        """Show the forecast."""
        self.query_one("#ready-view", Static).update(readiness_view(found, len(self.questions)))

    def action_next_blueprint(self) -> None:
        """Switch to the next blueprint."""
        self.query_one(Tabs).action_next_tab()

    @on(Tabs.TabActivated, "#ready-blueprints")
    def _switch(self, event: Tabs.TabActivated) -> None:
        if event.tab.id is None:
            return
        chosen = self.blueprints[int(event.tab.id.removeprefix("blueprint-"))]
        if chosen != self.wanted:
            self.load(chosen)
