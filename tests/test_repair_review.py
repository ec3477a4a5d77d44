"""The review of a repair, in the core: the queue, decisions, undo, and batch learning."""

from __future__ import annotations

import pytest

from quiz.repair import RepairResult, Uncertain
from quiz.repair.review import Review


def doubt(text: str, char: str, confidence: float, raw: str, *others: str) -> Uncertain:
    """The uncertain choice of ``char`` (its first occurrence in ``text``)."""
    offset = text.index(char)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    rest = (1.0 - confidence) / max(len(others), 1)
    candidates = ((char, confidence), *((other, rest) for other in others))
    return Uncertain(line, column, char, others, confidence, "", candidates, raw)


def result(text: str, *spots: Uncertain) -> RepairResult:
    return RepairResult(text, True, list(spots))


# Two files; the damage "D1" between 一 and 二 occurs in both, "D2" once.
FIRST = "一甲二\n三乙四\n"
SECOND = "x\n一甲二\n"


def batch() -> list[RepairResult]:
    return [
        result(FIRST, doubt(FIRST, "甲", 0.6, "D1", "丙"), doubt(FIRST, "乙", 0.5, "D2", "丁")),
        result(SECOND, doubt(SECOND, "甲", 0.7, "D1", "丙")),
    ]


def test_the_queue_is_most_doubtful_first() -> None:
    review = Review(batch())
    assert [(spot.file, spot.uncertain.chosen) for spot in review.queue] == [
        (0, "乙"),
        (0, "甲"),
        (1, "甲"),
    ]


def test_a_pick_settles_the_same_damage_between_the_same_neighbours() -> None:
    review = Review(batch())
    assert review.accept() == 0  # 乙: no other D2
    assert review.pick(2) == 1  # 丙 for 甲 in the first file, and so in the second
    assert review.current is None and review.settled == 1
    assert review.texts() == ["一丙二\n三乙四\n", "x\n一丙二\n"]


def test_other_neighbours_are_not_settled() -> None:
    other = "一甲五\n"
    review = Review([batch()[0], result(other, doubt(other, "甲", 0.7, "D1", "丙"))])
    review.accept()
    assert review.pick(2) == 0
    assert review.current is not None and review.current.file == 1


def test_undo_takes_back_a_decision_and_what_it_settled() -> None:
    review = Review(batch())
    review.accept()
    review.type("戊")
    assert review.undo()
    assert review.settled == 0 and review.current == review.queue[1]
    assert review.texts() == [FIRST, SECOND]
    assert review.undo() and review.current == review.queue[0]
    assert not review.undo()


def test_accept_the_rest_keeps_the_repairs_choices() -> None:
    review = Review(batch())
    review.pick(2)  # 丁 for 乙
    assert review.accept_rest() == 2
    assert review.texts() == ["一甲二\n三丁四\n", SECOND]


def test_a_choice_of_another_length_leaves_the_rest_of_the_line_in_place() -> None:
    text = "a甲b乙c\n"
    review = Review([result(text, doubt(text, "甲", 0.4, "D1", "❤️"), doubt(text, "乙", 0.5, "D2"))])
    review.pick(2)
    review.type("丁")
    assert review.texts() == ["a❤️b丁c\n"]


def test_a_rank_without_candidate_or_a_control_character_is_refused() -> None:
    review = Review(batch())
    with pytest.raises(ValueError, match="no candidate 3"):
        review.pick(3)
    with pytest.raises(ValueError):
        review.type("\x1b")
    review.accept_rest()
    with pytest.raises(ValueError, match="nothing left"):
        review.accept()
