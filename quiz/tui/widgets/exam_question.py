"""A question as the exam shows it: the one question view in exam mode.

No tags, no level, no verdict: only what the real exam shows (the stem, how many to
choose, the options with the person's picks). A click on an option posts
``OptionRow.Clicked``.
"""

from __future__ import annotations

from collections.abc import Collection

from quiz.model import Question
from quiz.question_view import QuestionView
from quiz.tui.widgets.question import QuestionCard


def exam_view(question: Question, chosen: Collection[str]) -> QuestionView:
    """The question with the picks, in its own option order, answer hidden."""
    return QuestionView(question, tuple(question.options), frozenset(chosen), mode="exam")


class ExamQuestion(QuestionCard):
    """The question card of the exam; ``show_item`` swaps the question in place."""

    def show_item(self, question: Question, chosen: Collection[str]) -> None:
        """Show a question with the picks (drawn right after this call returns)."""
        view = exam_view(question, chosen)
        shown = self.view
        if shown is not None and shown.question == question and shown.order == view.order:
            self.show_picks(view)  # a pick: only the marks change
        else:
            self.call_later(self.show, view)
