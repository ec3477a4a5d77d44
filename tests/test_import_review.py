"""``quiz import --review``: the batch hands its damaged files' repairs to a review hook
(core, no Textual); what the person decided is imported and no longer doubtful."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from importer_samples import damaged_bank

from quiz.cli import main
from quiz.commands.repair import decided as summary
from quiz.commands.repair import decided_results, reviewed
from quiz.importer import find_sources, import_sources
from quiz.records import dump_record
from quiz.repair import RepairResult, Uncertain
from quiz.repair.review import Review


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    """Two damaged files and a clean one."""
    return damaged_bank(tmp_path / "bank", clean=("Q-003",))


@pytest.mark.parametrize("every", [False, True])
def test_the_hook_decides_what_is_imported_and_the_decided_are_no_longer_doubtful(
    bank: Path, every: bool
) -> None:
    asked: list[tuple[list[Path], Review]] = []

    def review(paths: list[Path], results: list[RepairResult]) -> list[RepairResult]:
        decided = Review(results)  # the same doubts in each file, most doubtful first
        while decided.current is not None:
            typed = decided.current.uncertain.chosen == "」"
            settled = decided.type("X") if typed else decided.accept()
            assert settled == 1  # the same spot in the other file, without asking
            if not every:
                break
        asked.append((paths, decided))
        return decided_results(decided)

    doubts = [q.origin.doubt for q in import_sources(find_sources([bank])).questions if q.origin]
    count = len(doubts[0])
    assert count > 1 and [len(doubt) for doubt in doubts] == [count, count, 0]
    report = import_sources(find_sources([bank]), review=review)
    ((paths, decided),) = asked
    assert [path.name for path in paths] == ["Q-001.md", "Q-002.md"]  # one queue, no clean file
    assert decided.settled == (count if every else 1)
    assert report.repaired == [str(bank / "Q-001.md"), str(bank / "Q-002.md")]
    for question, doubt in zip(report.questions, doubts, strict=True):
        assert question.origin is not None
        if question.id == "Q-003":  # clean: not reviewed, no doubt
            assert question.origin.doubt == () and "X**" not in dump_record(question)
        elif not every:  # one decided, the others still doubtful
            assert len(question.origin.doubt) == count - 1
            assert set(question.origin.doubt) < set(doubt)
        else:  # the X typed for 」 is in the record, and nothing is doubtful any more
            assert "**「Job 是藍圖，Run 是每一次X**" in dump_record(question)
            assert question.origin.doubt == ()


def test_choices_kept_unseen_by_accept_the_rest_stay_doubtful(bank: Path) -> None:
    def review(paths: list[Path], results: list[RepairResult]) -> list[RepairResult]:
        decided = Review(results)
        assert decided.accept() == 1  # and the same spot in the other file
        decided.accept_rest()
        said.append(summary(decided))
        return decided_results(decided)

    said: list[str] = []
    before = [q.origin.doubt for q in import_sources(find_sources([bank])).questions if q.origin]
    report = import_sources(find_sources([bank]), review=review)
    after = [q.origin.doubt for q in report.questions if q.origin]
    assert [len(doubt) for doubt in after] == [len(before[0]) - 1, len(before[1]) - 1, 0]
    kept = 2 * (len(before[0]) - 1)
    assert said == [f"2 choices decided, 1 settled by your picks, {kept} kept as repaired"]


def test_a_hook_that_returns_none_imports_nothing(bank: Path) -> None:
    report = import_sources(find_sources([bank]), review=lambda paths, results: None)
    assert report.cancelled and not report.questions and not report.repaired


def test_decided_results_place_the_undecided_choices_in_the_decided_text() -> None:
    def spot(column: int, chosen: str, confidence: float) -> Uncertain:
        return Uncertain(1, column, chosen, (), confidence, "", ((chosen, confidence),), "?")

    # a choice of two characters decided as one moves the next one on its line left
    result = RepairResult("ab XY cd Z\nZ\n", True, [spot(4, "XY", 0.2), spot(10, "Z", 0.5)])
    review = Review([result])
    review.type("Q")
    (decided,) = decided_results(review)
    assert decided.text == "ab Q cd Z\nZ\n"
    assert [(s.line, s.column, s.chosen) for s in decided.uncertain] == [(1, 9, "Z")]


def test_no_doubtful_choice_is_said_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    review = reviewed([Path("a.md")], [RepairResult("text", True, [])], "quiz import")
    assert review is not None and review.texts() == ["text"]
    assert capsys.readouterr().err == "quiz import: no doubtful choice to review\n"


def test_review_without_a_terminal_is_a_one_line_error_before_importing(
    bank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["import", str(bank), "--out", str(out), "--review"]) == 2
    assert capsys.readouterr().err == "quiz import: --review needs a terminal\n"
    assert not out.exists()


def test_without_the_extra_the_damaged_files_are_skipped_as_before(
    bank: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("quiz.commands.repair.interactive", lambda: True)
    monkeypatch.setitem(sys.modules, "jieba", None)
    main(["import", str(bank / "Q-001.md"), "--out", str(tmp_path / "out"), "--review"])
    err = capsys.readouterr().err
    assert "damaged text; repairing damaged text needs jieba" in err
    assert "review" not in err
