"""The study app: holds the bank, the progress store, the clock and the random seed.

Screens reach them through ``QuizScreen.quiz`` (``self.quiz.bank``, ``self.quiz.store``,
``self.quiz.now()``, ``self.quiz.rng``); the app starts every way of studying listed in
``quiz.tui.actions.STUDY_ACTIONS`` through its ``action_<name>`` methods, each a call of
the study core (``quiz.study.Study``), which holds the rules.
"""

from __future__ import annotations

import gc
import random
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar
from urllib.parse import urlsplit

from textual.app import App
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.theme import Theme

from quiz import paths
from quiz.bank import Bank
from quiz.paths import DataDirError
from quiz.scope import SETTINGS_KEY as SCOPE_KEY
from quiz.scope import Scope
from quiz.settings import SettingsError, load_settings, save_settings
from quiz.store import Store, StoreError, StoreWriteError, back_up_and_reset
from quiz.text import has_controls
from quiz.tui.actions import StudyCommands
from quiz.tui.plain import shown
from quiz.tui.screens.database import DatabaseProblemScreen, StoreWriteScreen
from quiz.tui.screens.home import HomeScreen

# Every other screen, and the study and exam core, is imported when it is first opened:
# the home screen shows sooner without them (tests/test_imports.py checks which stay out).
if TYPE_CHECKING:
    from quiz.exam import ExamConfig
    from quiz.study import Plan, Study

MAX_PROBLEMS_SHOWN = 3
NOTE_SECONDS = 5.0
"""The longest a notification stays: enough to read a line, not long enough to be in the way."""
READ_SECONDS = 10.0
"""The longest a warning or an error stays: one the person must read (a file and a line)."""
T = TypeVar("T")
WEB_SCHEMES = ("http", "https")


def local_now() -> datetime:
    """The default clock: the current local time, timezone-aware."""
    return datetime.now().astimezone()


def is_web_link(url: str) -> bool:
    """True for an http(s) URL without control characters: the only links a click opens."""
    try:
        scheme = urlsplit(url).scheme
    except ValueError:
        return False
    return scheme.lower() in WEB_SCHEMES and not has_controls(url)


class QuizApp(App[None]):
    """The ``quiz`` study app."""

    TITLE = "quiz"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {StudyCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", id="help", tooltip="Keys and what they do"),
        Binding(
            "ctrl+q", "quit", "Quit", id="quit", show=False, tooltip="Quit (progress is saved)"
        ),
    ]

    def __init__(
        self,
        bank: Bank,
        store_path: Path,
        *,
        clock: Callable[[], datetime] = local_now,
        seed: int | None = None,
        drill: Sequence[str] = (),
        exam: ExamConfig | None = None,
        settings_path: Path | None = None,
        scope: Scope | None = None,
        browse: str | None = None,
    ) -> None:
        super().__init__()
        self.bank = bank
        self.store_path = store_path
        self.settings_path = settings_path or paths.settings_file()
        """Where the theme (and other small settings) are kept between launches."""
        self.clock = clock
        self.rng = random.Random(seed)
        self.store: Store | None = None
        self.drill_at_start = list(drill)
        self.browse_at_start = browse
        """A search to open the browser on as soon as the app opens (``quiz browse``)."""
        self.exam_request = exam
        """A mock exam to start as soon as the app opens (``quiz exam``)."""
        self.scope = scope or Scope()
        """What to study; the one kept in the settings unless given for this run."""
        self._scope_given = scope is not None

    def now(self) -> datetime:
        """The current time according to the app's clock."""
        return self.clock()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification as plain text, whatever ``markup`` says: notifications carry
        record text, tags and file names, which are never markup. It stays ``NOTE_SECONDS``
        at most, ``READ_SECONDS`` for a warning or an error."""
        longest = NOTE_SECONDS if severity == "information" else READ_SECONDS
        timeout = min(NOTE_SECONDS if timeout is None else timeout, longest)
        super().notify(
            shown(message), title=shown(title), severity=severity, timeout=timeout, markup=False
        )

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's title, with any control character (e.g. from a tag) made visible."""
        return super().format_title(shown(title), shown(sub_title))

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Open a clicked link in the browser, but only a web link (http or https)."""
        if is_web_link(url):
            super().open_url(url, new_tab=new_tab)
        else:
            self.notify(f"Not opened (only web links open): {url}", severity="warning")

    def on_mount(self) -> None:
        """Open the progress database, then show the home screen and any skipped records."""
        self._restore_theme()
        self._show_problems()
        self._open_store()

    def _restore_theme(self) -> None:
        """Use the theme and the study scope saved last time, and save the theme whenever
        it changes."""
        try:
            settings = load_settings(self.settings_path)
        except SettingsError as error:
            self.notify(f"{error}; using the default settings", severity="warning")
            settings = {}
        theme = settings.get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        if not self._scope_given:
            self.scope = Scope.from_dict(settings.get(SCOPE_KEY))
        self.theme_changed_signal.subscribe(self, self._save_theme)

    def choose_scope(self, scope: Scope) -> None:
        """Study ``scope`` from now on, and keep it for the next launches."""
        self.scope = scope
        try:
            save_settings(self.settings_path, {SCOPE_KEY: scope.to_dict()})
        except SettingsError as error:
            self.notify(f"Not kept for next time: {error}", severity="warning")

    def _save_theme(self, theme: Theme) -> None:
        try:
            save_settings(self.settings_path, {"theme": theme.name})
        except SettingsError as error:
            self.notify(f"Theme not kept for next time: {error}", severity="warning")

    def _open_store(self) -> None:
        try:
            self.store = Store(self.store_path)
        except DataDirError as error:
            self._show_database_problem(str(error), can_reset=False)
            return
        except StoreError as error:
            self._show_database_problem(str(error), can_reset=error.can_reset)
            return
        self.push_screen(HomeScreen())
        # The bank, the styles and the home screen live as long as the app: frozen, they are
        # left out of the collector's full passes (over 100 ms each with 5,000 questions).
        self.call_after_refresh(gc.freeze)
        if self.drill_at_start:
            self.drill(self.drill_at_start)
        if self.browse_at_start is not None:
            self.browse(self.browse_at_start)
        unfinished: list[int] = self.store_value(self.store.unfinished_exam_ids, [])
        if unfinished or self.exam_request is not None:
            from quiz.tui.screens.exam_start import open_exam_at_start

            open_exam_at_start(self)

    def _show_database_problem(self, message: str, *, can_reset: bool) -> None:
        if isinstance(self.screen, DatabaseProblemScreen):
            return
        self.push_screen(DatabaseProblemScreen(message, can_reset=can_reset), self._database_choice)

    def _database_choice(self, reset: bool | None) -> None:
        if not reset:
            self.exit(message="quiz: progress database left untouched")
            return
        if self.store is not None:
            self.store.close()
            self.store = None
        try:
            backup = back_up_and_reset(self.store_path, self.now())
        except OSError as error:
            reason = f"{self.store_path}: cannot be moved aside ({error.strerror or error})"
            self._show_database_problem(reason, can_reset=False)
            return
        self.notify(f"Old database kept as {backup}", title="Fresh start")
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self._open_store()

    def store_call(
        self, change: Callable[[], T], then: Callable[[T], object] | None = None
    ) -> bool:
        """Run something that reads or writes the progress database, then ``then`` with its
        result; False when it failed. A full disk offers to retry (the screen stays as it
        was, nothing saved is lost); a damaged database offers to back it up."""
        try:
            result = change()
        except StoreWriteError as error:

            def retry(again: bool | None) -> None:
                if again:
                    self.store_call(change, then)

            if not isinstance(self.screen, StoreWriteScreen):
                self.push_screen(StoreWriteScreen(str(error)), retry)
            return False
        except StoreError as error:
            self._show_database_problem(str(error), can_reset=error.can_reset)
            return False
        if then is not None:
            then(result)
        return True

    def store_value(self, read: Callable[[], T], default: T) -> T:
        """``read()`` of the progress database, or ``default`` when it failed (the failure is
        shown as ``store_call`` shows it)."""
        values: list[T] = []
        self.store_call(read, values.append)
        return values[0] if values else default

    def _show_problems(self) -> None:
        problems = self.bank.problems
        for problem in problems[:MAX_PROBLEMS_SHOWN]:
            self.notify(
                str(problem), title="Record skipped", severity="warning", timeout=READ_SECONDS
            )
        if len(problems) > MAX_PROBLEMS_SHOWN:
            more = len(problems) - MAX_PROBLEMS_SHOWN
            self.notify(
                f"and {more} more (run `quiz validate` on the bank)",
                severity="warning",
                timeout=READ_SECONDS,
            )

    def on_unmount(self) -> None:
        """Close the database cleanly (every answer is already committed)."""
        gc.unfreeze()
        if self.store is not None:
            self.store.close()

    def action_help(self) -> None:
        """Show the help of the current screen."""
        from quiz.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # ------------------------------------------------------------ ways to study

    @property
    def study(self) -> Study:
        """The study modes over the bank and the open progress database."""
        from quiz.study import Study

        assert self.store is not None
        return Study(self.bank, self.store, self.now, self.rng, self.scope)

    def start_plan(self, make: Callable[[Study], Plan]) -> None:
        """Open a practice screen on the plan ``make`` draws up, or say why there is none."""
        from quiz.study import NothingToStudy
        from quiz.tui.screens.practice import PracticeScreen

        study = self.study
        try:
            plan = self.store_value(lambda: make(study), None)
        except NothingToStudy as nothing:
            self.notify(str(nothing), severity="warning", timeout=4)
            return
        if plan is not None:
            self.push_screen(PracticeScreen(plan.questions, mode=plan.mode, title=plan.title))

    def action_practice(self) -> None:
        """Practice: due and weak questions first, then new ones."""
        self.start_plan(lambda study: study.practice())

    def action_review(self) -> None:
        """Review the questions that spaced repetition says are due."""
        self.start_plan(lambda study: study.review())

    def action_drill(self) -> None:
        """Choose tags to drill."""
        from quiz.tui.screens.drill import DrillScreen

        self.push_screen(DrillScreen())

    def drill(self, tags: Sequence[str]) -> None:
        """Drill the questions carrying any of the tags."""
        self.start_plan(lambda study: study.drill(tags))

    def action_drill_weakest(self) -> None:
        """Drill the weakest tags."""
        self.start_plan(lambda study: study.weakest())

    def action_marked(self) -> None:
        """List the bookmarked and suspended questions."""
        from quiz.tui.screens.marked import MarkedScreen

        self.push_screen(MarkedScreen())

    def action_mock_exam(self) -> None:
        """Resume the unfinished mock exam, or set up a new one."""
        from quiz.tui.screens.exam_start import open_mock_exam

        open_mock_exam(self)

    def action_stats(self) -> None:
        """Show the statistics screen."""
        from quiz.tui.screens.stats import StatsScreen

        self.push_screen(StatsScreen())

    def action_readiness(self) -> None:
        """Show the readiness forecast (from the home line's, when it is there)."""
        from quiz.tui.screens.readiness import ReadinessScreen

        home = self.screen
        self.push_screen(ReadinessScreen(home.forecast if isinstance(home, HomeScreen) else None))

    def action_browse(self) -> None:
        """Browse and search the questions."""
        self.browse("")

    def browse(self, query: str) -> None:
        """Open the browser on a search."""
        from quiz.tui.screens.browse import BrowserScreen

        self.push_screen(BrowserScreen(query))

    def action_choose_scope(self) -> None:
        """Choose the banks, levels and domains to study."""
        from quiz.tui.screens.scope import ScopeScreen

        self.push_screen(ScopeScreen())
