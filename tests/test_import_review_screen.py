"""``quiz import --review``: the review screen driven by a pilot over a batch's damaged
files, down to the records the import writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from importer_samples import damaged_bank, numbered
from test_repair_review_screen import review_with
from textual.pilot import Pilot

from quiz.cli import main
from quiz.records import parse_yaml
from quiz.tui.review_app import ReviewApp


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    return damaged_bank(tmp_path / "bank")


def records(out: Path) -> dict[str, Any]:
    return {path.stem: parse_yaml(path.read_text(encoding="utf-8")) for path in out.rglob("*.yaml")}


def test_the_choices_decided_on_the_screen_are_imported(
    monkeypatch: pytest.MonkeyPatch, bank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        while app.review.current:  # each kept, and in the other file without asking
            typed = app.review.current.uncertain.chosen == "」"
            await pilot.press(*(("t", "X") if typed else ("enter",)))  # X for 」
        await pilot.press("enter")  # all decided: import

    seen = review_with(monkeypatch, script)
    out = tmp_path / "out"
    assert main(["import", str(bank), "--out", str(out), "--review"]) == 0
    (review,) = seen
    per_file = len(review.queue) // 2  # the same doubts in both files
    assert per_file > 1 and review.settled == per_file
    imported = records(out)
    assert sorted(imported) == ["Q-001", "Q-002"]
    for record in imported.values():
        assert "每一次X**" in record["explanation"]["mnemonic"]
        assert "doubt" not in record["origin"]  # every choice decided
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("2 questions imported") and last.endswith(
        f"2 repaired, {2 * per_file} choices decided, {per_file} settled by your picks"
    )


def test_quitting_without_importing_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, bank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("2", "escape")
        asked = str(app.screen.query_one("#ask").render())
        assert asked.startswith("Import the files with the ")
        assert "n no, import nothing" in asked
        await pilot.press("n")

    review_with(monkeypatch, script)
    out = tmp_path / "out"
    assert main(["import", str(bank), "--out", str(out), "--review"]) == 0
    assert not list(out.rglob("*"))
    assert capsys.readouterr().err == "quiz import: review quit, nothing imported\n"


def test_with_no_damaged_file_it_says_so_and_imports(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        raise AssertionError("no screen without a damaged file")

    seen = review_with(monkeypatch, script)
    path = tmp_path / "bank" / "Q-001.md"
    path.parent.mkdir()
    path.write_text(numbered("Q-001"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["import", str(path), "--out", str(out), "--review"]) == 0
    assert not seen and list(records(out)) == ["Q-001"]
    said = capsys.readouterr()
    assert said.err == "quiz import: no damaged file to review\n"
    assert said.out.startswith("1 question imported") and said.out.endswith("0 repaired\n")
