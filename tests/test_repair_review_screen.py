"""``quiz repair --review``: the review screen driven by a pilot on damaged samples, through
the command, down to the files it writes."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

import pytest
from importer_samples import numbered
from textual.pilot import Pilot

from quiz.cli import main
from quiz.repair import damage
from quiz.repair.review import Review
from quiz.tui import review_app
from quiz.tui.review_app import ReviewApp

Script = Callable[[Pilot[Any], ReviewApp], Coroutine[Any, Any, None]]


def review_with(monkeypatch: pytest.MonkeyPatch, script: Script) -> list[Review]:
    """Make ``quiz repair --review`` run its screen under a pilot playing ``script``."""
    seen: list[Review] = []

    def drive(paths: Sequence[Path], review: Review, verb: str = "write") -> list[str] | None:
        app = ReviewApp(paths, review, verb)
        seen.append(review)

        async def run() -> None:
            async with app.run_test(size=(100, 30)) as pilot:
                await script(pilot, app)

        asyncio.run(run())
        return app.return_value

    monkeypatch.setattr(review_app, "review_texts", drive)
    monkeypatch.setattr("quiz.commands.repair.interactive", lambda: True)
    return seen


@pytest.fixture
def damaged(tmp_path: Path) -> list[Path]:
    """Two damaged question files: the same emoji headings, so the same doubts in each."""
    paths = []
    for name in ("Q-001", "Q-002"):
        path = tmp_path / f"{name}.md"
        path.write_text(damage(numbered(name)), encoding="utf-8")
        paths.append(path)
    return paths


def shown(app: ReviewApp, selector: str) -> str:
    return str(app.query_one(selector).render())


def test_accept_pick_type_undo_and_accept_the_rest_are_written(
    monkeypatch: pytest.MonkeyPatch, damaged: list[Path], tmp_path: Path
) -> None:
    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        assert "📍" in shown(app, "#line") and "Q-001.md" in shown(app, "#where")
        assert "enter accept" in shown(app, "#hints")
        await pilot.press("enter")  # 📍 kept, and in the other file without asking
        assert "1 later choices settled" in shown(app, "#status")
        assert "❌" in shown(app, "#line")
        await pilot.press("2")  # ➌ (the second candidate) for ❌, in both files
        await pilot.press("t", "X")  # X for 」 ...
        assert all("X**" in text for text in app.review.texts())
        await pilot.press("u")  # ... taken back
        assert "」" in shown(app, "#line")
        await pilot.press("A", "enter")  # the rest as repaired; all decided: enter writes

    seen = review_with(monkeypatch, script)
    out = tmp_path / "out"
    assert main(["repair", *map(str, damaged), "--out-dir", str(out), "--review"]) == 0
    (review,) = seen
    for path in damaged:
        expected = numbered(path.stem).replace("❌", "➌")
        assert (out / path.name).read_text(encoding="utf-8") == expected
    assert review.settled == 2


def test_quitting_asks_and_no_writes_nothing(
    monkeypatch: pytest.MonkeyPatch,
    damaged: list[Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("2", "q")
        assert "Write the files" in shown(app.screen, "#ask")
        await pilot.press("escape", "escape")  # back to the review, then asked again
        await pilot.press("n")

    review_with(monkeypatch, script)
    out = tmp_path / "out"
    assert main(["repair", *map(str, damaged), "--out-dir", str(out), "--review"]) == 0
    assert not list(out.iterdir())
    assert "nothing written" in capsys.readouterr().err


def test_a_click_picks_and_quitting_with_yes_writes_what_was_decided(
    monkeypatch: pytest.MonkeyPatch, damaged: list[Path], tmp_path: Path
) -> None:
    async def script(pilot: Pilot[Any], app: ReviewApp) -> None:
        await pilot.press("down", "up", "down")  # arrows move among the candidates
        await pilot.click("#candidates", offset=(4, 3))  # the third (under the border): 📞
        await pilot.press("q", "y")

    review_with(monkeypatch, script)
    out = tmp_path / "out"
    main(["repair", *map(str, damaged), "--out-dir", str(out), "--review"])
    for path in damaged:
        assert (out / path.name).read_text(encoding="utf-8") == numbered(path.stem).replace(
            "📍", "📞"
        )


def test_review_without_a_terminal_is_a_one_line_error(
    damaged: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["repair", str(damaged[0]), "--review"]) == 2
    assert capsys.readouterr().err == "quiz repair: --review needs a terminal\n"
