"""Widgets of the study app."""

from quiz.tui.widgets.question import Analysis, OptionRow, QuestionCard

__all__ = ["Analysis", "OptionRow", "QuestionCard"]
