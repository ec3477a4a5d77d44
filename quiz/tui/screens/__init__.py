"""The app's screens."""

from quiz.tui.screens.base import QuizScreen
from quiz.tui.screens.database import DatabaseProblemScreen
from quiz.tui.screens.help import HelpScreen
from quiz.tui.screens.home import HomeScreen

__all__ = ["DatabaseProblemScreen", "HelpScreen", "HomeScreen", "QuizScreen"]
