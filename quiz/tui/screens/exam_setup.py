"""Setting up a mock exam: format preset or custom, where the questions come from, pass mark."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    RadioButton,
    RadioSet,
    SelectionList,
    Static,
)

from quiz.exam import (
    DEFAULT_PASS_MARK,
    PRESETS,
    ExamConfig,
    ExamError,
    describe_selection,
    eligible_questions,
)
from quiz.model import Question
from quiz.tui.plain import plain
from quiz.tui.screens.base import QuizScreen
from quiz.tui.screens.exam_run import open_new_exam

CUSTOM = "Custom"


def source_choices(questions: list[Question]) -> list[tuple[Content, tuple[str, str]]]:
    """Banks, then topic tags, then trap tags, each with its number of questions."""
    banks = Counter(question.bank for question in questions)
    topics = Counter(tag for question in questions for tag in question.topics)
    traps = Counter(tag for question in questions for tag in question.traps)
    choices = []
    for kind, counter in (("bank", banks), ("topic", topics), ("trap", traps)):
        for name in sorted(counter):
            prompt = Content.assemble(plain(name), " ", (f"{kind} · {counter[name]}", "dim"))
            choices.append((prompt, (kind, name)))
    return choices


class ExamSetupScreen(QuizScreen[None]):
    """Choose the format and the questions, then start; ctrl+s starts from anywhere."""

    HELP = """\
# Mock exam set-up

**Format**: Professional (60 questions, 120 minutes) and Associate (45 in 90) are like the
real exams and cannot be paused; Quick (10 in 20) can. Change the numbers for a custom exam.

**Questions from**: tick banks and/or tags to draw only from those; nothing ticked means
every question. *Weight towards my weak tags* draws questions on the tags you miss most
more often. If fewer questions match than you asked for, the exam uses what there is.

**tab** moves between fields, **space** ticks, **ctrl+s** (or the button) starts.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start", id="setup-start", tooltip="Start the exam"),
        Binding("escape", "dismiss", "Back", id="setup-back", tooltip="Back to the home screen"),
    ]

    def compose(self) -> ComposeResult:
        """Format on the left, question sources on the right, summary and start below."""
        yield Header()
        with Horizontal(id="exam-setup"):
            with Vertical(id="exam-setup-format") as format_box:
                format_box.border_title = "Format"
                with RadioSet(id="exam-preset", compact=True):
                    for preset in PRESETS:
                        label = f"{preset.name:<13}{preset.count:>3} in {preset.minutes} min"
                        yield RadioButton(label, value=preset is PRESETS[0], compact=True)
                    yield RadioButton(CUSTOM, compact=True)
                for label, field_id, value in (
                    ("Questions", "exam-count", PRESETS[0].count),
                    ("Minutes", "exam-minutes", PRESETS[0].minutes),
                    ("Pass mark %", "exam-pass", round(DEFAULT_PASS_MARK * 100)),
                ):
                    with Horizontal(classes="exam-field"):
                        yield Label(label)
                        yield Input(str(value), id=field_id, type="integer", compact=True)
                yield Checkbox("Weight towards my weak tags", id="exam-weak", compact=True)
                yield Checkbox("Allow pausing", id="exam-pause", compact=True)
            with Vertical(id="exam-setup-source") as source_box:
                source_box.border_title = "Questions from"
                yield Static("Nothing ticked: every question.", classes="muted")
                yield SelectionList[tuple[str, str]](
                    *source_choices(self.quiz.bank.questions), id="exam-source", compact=True
                )
        yield Static(id="exam-setup-summary")
        yield Button("Start exam  ctrl+s", id="exam-start", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        """Title, summary, and focus on the format."""
        self.sub_title = "Mock exam · set-up"
        self.query_one("#exam-preset", RadioSet).focus()
        self.refresh_summary()

    # ------------------------------------------------------------ reading the form

    def _number(self, field_id: str) -> int | None:
        text = self.query_one(f"#{field_id}", Input).value.strip()
        return int(text) if text.lstrip("-").isdigit() else None

    def read_config(self) -> ExamConfig:
        """The exam the form describes; ``ExamError`` says what is missing."""
        count, minutes, percent = (
            self._number(field) for field in ("exam-count", "exam-minutes", "exam-pass")
        )
        if count is None or minutes is None or percent is None:
            raise ExamError("fill in the questions, minutes and pass mark")
        selected = self.query_one("#exam-source", SelectionList).selected
        pressed = self.query_one("#exam-preset", RadioSet).pressed_index
        config = ExamConfig(
            count=count,
            minutes=minutes,
            tags=tuple(name for kind, name in selected if kind != "bank"),
            banks=tuple(name for kind, name in selected if kind == "bank"),
            weak_weighting=self.query_one("#exam-weak", Checkbox).value,
            pass_mark=percent / 100,
            allow_pause=self.query_one("#exam-pause", Checkbox).value,
            preset=PRESETS[pressed].name if 0 <= pressed < len(PRESETS) else CUSTOM,
        )
        config.check()
        return config

    def refresh_summary(self) -> None:
        """One line saying what the exam will be, or what is wrong with the form."""
        summary = self.query_one("#exam-setup-summary", Static)
        try:
            config = self.read_config()
        except ExamError as error:
            summary.update(plain(str(error), "b $error"))
            return
        available = len(eligible_questions(self.quiz.bank.questions, config.tags, config.banks))
        count = min(config.count, available)
        shortfall = f" (only {available} match)" if available < config.count else ""
        summary.update(
            Content.assemble(
                (f"{count} questions", "b"),
                f"{shortfall} in {config.minutes} min from ",
                plain(describe_selection(config)),
                f" · pass {config.pass_mark:.0%}" + (" · pausable" if config.allow_pause else ""),
            )
        )

    # ------------------------------------------------------------ events

    @on(RadioSet.Changed, "#exam-preset")
    def _preset_chosen(self, event: RadioSet.Changed) -> None:
        if event.index < len(PRESETS):
            preset = PRESETS[event.index]
            self.query_one("#exam-count", Input).value = str(preset.count)
            self.query_one("#exam-minutes", Input).value = str(preset.minutes)
            self.query_one("#exam-pause", Checkbox).value = preset.allow_pause
        self.refresh_summary()

    @on(Input.Changed, "#exam-count, #exam-minutes")
    @on(Checkbox.Changed, "#exam-pause")
    def _format_changed(self) -> None:
        """Numbers or a pause rule that differ from the chosen preset make a custom exam."""
        radio = self.query_one("#exam-preset", RadioSet)
        if 0 <= radio.pressed_index < len(PRESETS):
            preset = PRESETS[radio.pressed_index]
            chosen = (
                self._number("exam-count"),
                self._number("exam-minutes"),
                self.query_one("#exam-pause", Checkbox).value,
            )
            if chosen != (preset.count, preset.minutes, preset.allow_pause):
                radio.query(RadioButton).last().value = True
        self.refresh_summary()

    @on(Input.Changed, "#exam-pass")
    @on(Checkbox.Changed, "#exam-weak")
    @on(SelectionList.SelectedChanged)
    def _form_changed(self) -> None:
        self.refresh_summary()

    @on(Button.Pressed, "#exam-start")
    def action_start(self) -> None:
        """Draw the exam and show its first question."""
        try:
            config = self.read_config()
        except ExamError as error:
            self.notify(str(error), severity="error", timeout=5)
            return
        seeded = replace(config, seed=self.quiz.rng.randrange(2**31))
        open_new_exam(self.quiz, seeded, self.app.switch_screen)
