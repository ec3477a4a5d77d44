"""The ways to start studying: one list feeds the home screen, its keys and the command palette.

To add a way to study, append a ``StudyAction`` and give ``QuizApp`` the matching
``action_<name>`` method; the home button, its key, the footer hint and the palette entry
follow from this list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


@dataclass(frozen=True)
class StudyAction:
    """A way to start studying: ``key`` on the home screen runs ``app.action_<action>``."""

    action: str
    key: str
    label: str
    help: str
    short: str
    """The footer's hint: short, so that every key fits in 80 columns."""
    in_footer: bool = True
    """False for the entries that only the home list (and the palette) shows: the footer
    has room for the study modes, quit, help and the palette at 80 columns."""


STUDY_ACTIONS: tuple[StudyAction, ...] = (
    StudyAction(
        "practice", "p", "Practice", "Due and weak questions first, then new ones", "Practice"
    ),
    StudyAction(
        "review", "r", "Review due", "Only the questions spaced repetition says are due", "Review"
    ),
    StudyAction(
        "drill", "d", "Drill tag…", "Choose topic or trap tags and drill only those", "Drill"
    ),
    StudyAction("drill_weakest", "w", "Drill weakest", "Drill your three weakest tags", "Weakest"),
    StudyAction("mock_exam", "e", "Mock exam", "A timed exam under real conditions", "Exam"),
    StudyAction(
        "marked",
        "m",
        "Bookmarked",
        "Your bookmarks (s studies them) and suspended ones",
        "Marked",
        in_footer=False,
    ),
    StudyAction(
        "browse",
        "b",
        "Browse & search",
        "Find any question: search, filter, see your history on it, study what you found",
        "Browse",
        in_footer=False,
    ),
    StudyAction(
        "readiness",
        "y",
        "Am I ready?",
        "Today's forecast exam score by domain, the pass chance, what would raise it most",
        "Ready?",
        in_footer=False,
    ),
    StudyAction("stats", "s", "Stats", "Accuracy per tag, trend, streak and due forecast", "Stats"),
    StudyAction(
        "choose_scope",
        "c",
        "What to study…",
        "Limit practice, drills and exams to some banks, levels and domains",
        "Scope",
        in_footer=False,
    ),
)


class StudyCommands(Provider):
    """Command palette entries for every study action."""

    async def discover(self) -> Hits:
        """Show every study action when the palette opens."""
        for entry in STUDY_ACTIONS:
            yield DiscoveryHit(entry.label, self._runner(entry), help=entry.help)

    async def search(self, query: str) -> Hits:
        """Study actions whose label matches what was typed."""
        matcher = self.matcher(query)
        for entry in STUDY_ACTIONS:
            score = matcher.match(entry.label)
            if score > 0:
                label = matcher.highlight(entry.label)
                yield Hit(score, label, self._runner(entry), help=entry.help)

    def _runner(self, entry: StudyAction) -> Callable[[], object]:
        return partial(self.app.run_action, f"app.{entry.action}")
