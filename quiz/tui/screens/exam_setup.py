"""Setting up a mock exam: format preset or custom, where the questions come from, pass mark.

The format last started and the last custom set-up are kept in the settings file, so the
screen opens on them after a relaunch; a missing or damaged entry means the defaults."""

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
from textual.widgets.selection_list import Selection

from quiz.exam import (
    PRESETS,
    ExamConfig,
    ExamError,
    custom_setup,
    describe_selection,
    saved_custom_setup,
)
from quiz.model import QuestionInfo
from quiz.settings import SettingsError, load_settings, save_settings
from quiz.tui.plain import plain
from quiz.tui.screens.base import QuizScreen
from quiz.tui.screens.exam_run import open_new_exam
from quiz.words import plural

CUSTOM = "Custom"
CUSTOM_KEY = "custom_exam"
"""The settings entry holding the last custom exam set-up."""
FORMAT_KEY = "exam_format"
"""The settings entry naming the format last started (a preset or ``Custom``)."""


def is_ticked(source: tuple[str, str], config: ExamConfig) -> bool:
    """Whether ``config`` draws from this bank or tag (a choice of the source list)."""
    kind, name = source
    return name in (config.banks if kind == "bank" else config.tags)


def source_choices(
    questions: list[QuestionInfo], ticked: ExamConfig
) -> list[tuple[Content, tuple[str, str], bool]]:
    """Banks, then topic tags, then trap tags, each with its number of questions; those of
    ``ticked`` come ticked."""
    banks = Counter(question.bank for question in questions)
    topics = Counter(tag for question in questions for tag in question.topics)
    traps = Counter(tag for question in questions for tag in question.traps)
    choices = []
    for kind, counter in (("bank", banks), ("topic", topics), ("trap", traps)):
        for name in sorted(counter):
            prompt = Content.assemble(plain(name), " ", (f"{kind} · {counter[name]}", "dim"))
            choices.append((prompt, (kind, name), is_ticked((kind, name), ticked)))
    return choices


class ExamSetupScreen(QuizScreen[None]):
    """Choose the format and the questions, then start; ctrl+s starts from anywhere."""

    HELP = """\
# Mock exam set-up

**Format**: Professional (60 questions, 120 minutes) and Associate (45 in 90) are like the
real exams and cannot be paused; Quick (10 in 20) can. Change the numbers for a custom exam.
The screen opens on the format you last started; *Custom* brings back your last custom exam.

**Questions from**: tick banks and/or tags to draw only from those; nothing ticked means
every question. *Weight towards my weak tags* draws questions on the tags you miss most
more often. If fewer questions match than you asked for, the exam uses what there is.

**tab** moves between fields, **space** ticks, **ctrl+s** (or the button) starts.
"""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start", id="setup-start", tooltip="Start the exam"),
        Binding("escape", "dismiss", "Back", id="setup-back", tooltip="Back to the home screen"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.saved_custom: ExamConfig | None = None
        """The last custom set-up started, kept between launches (None: none, or damaged)."""

    def _opening_set_up(self) -> ExamConfig:
        """Read the kept settings: ``saved_custom``, and the format last started (with its
        numbers) to open on; Professional when there is none or the file is damaged."""
        try:
            settings = load_settings(self.quiz.settings_path)
        except SettingsError:
            settings = {}  # the app named the damaged file at launch
        self.saved_custom = saved_custom_setup(settings.get(CUSTOM_KEY))
        last = settings.get(FORMAT_KEY)
        if last == CUSTOM and self.saved_custom is not None:
            return self.saved_custom
        chosen = next((p for p in PRESETS if p.name == last), PRESETS[0])
        return ExamConfig.from_preset(chosen)

    def compose(self) -> ComposeResult:
        """Format on the left, question sources on the right, summary and start below."""
        first = self._opening_set_up()
        saved = self.saved_custom
        yield Header()
        with Horizontal(id="exam-setup"):
            with Vertical(id="exam-setup-format") as format_box:
                format_box.border_title = "Format"
                with RadioSet(id="exam-preset", compact=True):
                    for preset in PRESETS:
                        label = f"{preset.name:<13}{preset.count:>3} in {preset.minutes} min"
                        yield RadioButton(label, value=preset.name == first.preset, compact=True)
                    label = CUSTOM
                    if saved is not None:
                        label = f"{CUSTOM:<13}{saved.count:>3} in {saved.minutes} min"
                    yield RadioButton(label, value=first.preset == CUSTOM, compact=True)
                for label, field_id, value in (
                    ("Questions", "exam-count", first.count),
                    ("Minutes", "exam-minutes", first.minutes),
                    ("Pass mark %", "exam-pass", round(first.pass_mark * 100)),
                ):
                    with Horizontal(classes="exam-field"):
                        yield Label(label)
                        yield Input(str(value), id=field_id, type="integer", compact=True)
                yield Checkbox(
                    "Weight towards my weak tags",
                    first.weak_weighting,
                    id="exam-weak",
                    compact=True,
                )
                yield Checkbox("Allow pausing", first.allow_pause, id="exam-pause", compact=True)
            with Vertical(id="exam-setup-source") as source_box:
                source_box.border_title = "Questions from"
                every = "question" if self.quiz.scope.is_everything else "question you study"
                yield Static(f"Nothing ticked: every {every}.", classes="muted")
                yield SelectionList[tuple[str, str]](
                    *source_choices(self.quiz.study.pool, first),
                    id="exam-source",
                    compact=True,
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
        available = self.quiz.study.exam_pool_size(config)
        count = min(config.count, available)
        matches = "matches" if available == 1 else "match"
        shortfall = f" (only {available} {matches})" if available < config.count else ""
        summary.update(
            Content.assemble(
                (plural(count, "question"), "b"),
                f"{shortfall} in {config.minutes} min from ",
                plain(describe_selection(config)),
                f" · pass {config.pass_mark:.0%}" + (" · pausable" if config.allow_pause else ""),
            )
        )

    # ------------------------------------------------------------ events

    @on(RadioSet.Changed, "#exam-preset")
    def _preset_chosen(self, event: RadioSet.Changed) -> None:
        """A preset fills in its numbers; Custom, the last custom set-up started (if any)."""
        if event.index < len(PRESETS):
            preset = PRESETS[event.index]
            self.query_one("#exam-count", Input).value = str(preset.count)
            self.query_one("#exam-minutes", Input).value = str(preset.minutes)
            self.query_one("#exam-pause", Checkbox).value = preset.allow_pause
        elif self.saved_custom is not None:
            self._fill_in(self.saved_custom)
        self.refresh_summary()

    def _fill_in(self, config: ExamConfig) -> None:
        """Show every number, tick and choice of ``config`` in the form."""
        self.query_one("#exam-count", Input).value = str(config.count)
        self.query_one("#exam-minutes", Input).value = str(config.minutes)
        self.query_one("#exam-pass", Input).value = str(round(config.pass_mark * 100))
        self.query_one("#exam-pause", Checkbox).value = config.allow_pause
        self.query_one("#exam-weak", Checkbox).value = config.weak_weighting
        sources = self.query_one("#exam-source", SelectionList)
        sources.deselect_all()
        for option in sources.options:
            if isinstance(option, Selection) and is_ticked(option.value, config):
                sources.select(option)

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
                # Quietly: the numbers just typed stay, the saved custom set-up is not filled in.
                with self.prevent(RadioSet.Changed):
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
        self._keep(config)
        seeded = replace(config, seed=self.quiz.rng.randrange(2**31))
        open_new_exam(self.quiz, seeded, self.app.switch_screen)

    def _keep(self, config: ExamConfig) -> None:
        """Keep the format started, and a custom set-up, for the next time (and launch)."""
        changes: dict[str, object] = {FORMAT_KEY: config.preset}
        if config.preset == CUSTOM:
            changes[CUSTOM_KEY] = custom_setup(config)
        try:
            save_settings(self.quiz.settings_path, changes)
        except SettingsError as error:
            self.notify(f"Set-up not kept for next time: {error}", severity="warning")
