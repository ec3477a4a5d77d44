"""The mock exam set-up remembers the format last started and the last custom set-up,
across launches, and falls back to the defaults when the settings file is damaged."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from textual.widgets import Checkbox, Input, RadioButton, RadioSet, SelectionList

from quiz.settings import load_settings
from quiz.tui.app import QuizApp
from quiz.tui.screens.exam_report import ExamReportScreen
from quiz.tui.screens.exam_run import ExamScreen
from quiz.tui.screens.exam_setup import ExamSetupScreen
from tui.conftest import SIZE

SAVED = {
    "count": 3,
    "minutes": 15,
    "allow_pause": True,
    "pass_mark": 0.8,
    "weak_weighting": True,
    "tags": ["Delta-Lake"],
    "banks": ["jobs"],
}


def form(screen: ExamSetupScreen) -> tuple[object, ...]:
    """What the set-up shows: format, numbers, ticks and the ticked sources."""
    return (
        screen.query_one("#exam-preset", RadioSet).pressed_index,
        screen.query_one("#exam-count", Input).value,
        screen.query_one("#exam-minutes", Input).value,
        screen.query_one("#exam-pass", Input).value,
        screen.query_one("#exam-weak", Checkbox).value,
        screen.query_one("#exam-pause", Checkbox).value,
        sorted(screen.query_one("#exam-source", SelectionList).selected),
    )


CUSTOM_FORM = (3, "3", "15", "80", True, True, [("bank", "jobs"), ("topic", "Delta-Lake")])
PROFESSIONAL_FORM = (0, "60", "120", "70", False, False, [])


async def test_the_last_custom_set_up_comes_back_after_a_relaunch(
    make_app: Callable[..., QuizApp],
) -> None:
    first = make_app()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        screen = first.screen
        assert isinstance(screen, ExamSetupScreen)
        screen.query_one("#exam-count", Input).value = "3"
        screen.query_one("#exam-minutes", Input).value = "15"
        screen.query_one("#exam-pass", Input).value = "80"
        await pilot.click("#exam-weak")
        await pilot.click("#exam-pause")
        sources = screen.query_one("#exam-source", SelectionList)
        sources.select(("bank", "jobs"))
        sources.select(("topic", "Delta-Lake"))
        await pilot.pause()
        assert form(screen) == CUSTOM_FORM
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(first.screen, ExamScreen)
        await pilot.press("s", "y")
        assert isinstance(first.screen, ExamReportScreen)

    second = make_app()
    async with second.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        screen = second.screen
        assert isinstance(screen, ExamSetupScreen)
        await pilot.pause()
        assert form(screen) == CUSTOM_FORM
        custom = screen.query(RadioButton).last()
        assert "3 in 15 min" in str(custom.label)
        await pilot.click(screen.query(RadioButton).first())  # a preset keeps its values
        await pilot.pause()
        assert form(screen)[:3] == (0, "60", "120")
        assert not screen.query_one("#exam-pause", Checkbox).value
        await pilot.click(custom)  # and Custom brings the kept set-up back
        await pilot.pause()
        assert form(screen) == CUSTOM_FORM
        await pilot.press("ctrl+s")
        config = second.screen.session.config  # type: ignore[attr-defined]
        assert (config.count, config.minutes, config.pass_mark, config.weak_weighting) == (
            3,
            15,
            0.8,
            True,
        )
        assert (config.tags, config.banks, config.allow_pause) == (("Delta-Lake",), ("jobs",), True)


async def test_a_preset_started_is_the_format_next_time_and_keeps_the_custom_set_up(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    app.settings_path.parent.mkdir(parents=True, exist_ok=True)
    app.settings_path.write_text(json.dumps({"exam_format": "Custom", "custom_exam": SAVED}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.click(app.screen.query(RadioButton)[2])  # Quick
        await pilot.press("ctrl+s")
        assert app.screen.session.config.preset == "Quick"  # type: ignore[attr-defined]
    assert load_settings(app.settings_path) == {"exam_format": "Quick", "custom_exam": SAVED}


async def test_numbers_typed_on_a_preset_are_not_replaced_by_the_kept_set_up(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app()
    app.settings_path.parent.mkdir(parents=True, exist_ok=True)
    app.settings_path.write_text(json.dumps({"exam_format": "Professional", "custom_exam": SAVED}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        screen = app.screen
        assert isinstance(screen, ExamSetupScreen)
        await pilot.pause()
        assert form(screen) == PROFESSIONAL_FORM
        screen.query_one("#exam-count", Input).value = "25"
        await pilot.pause()
        assert form(screen) == (3, "25", "120", "70", False, False, [])
        await pilot.press("ctrl+s")  # and it is the custom set-up kept from now on
    kept = load_settings(app.settings_path)["custom_exam"]
    assert (kept["count"], kept["minutes"], kept["tags"]) == (25, 120, [])


@pytest.mark.parametrize(
    "text",
    [
        "{oops",
        "[1, 2]",
        json.dumps({"exam_format": "Custom", "custom_exam": {**SAVED, "count": "many"}}),
        json.dumps({"exam_format": "Custom", "custom_exam": {"count": 3}}),
    ],
)
async def test_a_damaged_or_old_settings_file_means_the_defaults_then_is_replaced(
    make_app: Callable[..., QuizApp], text: str
) -> None:
    app = make_app()
    app.settings_path.parent.mkdir(parents=True, exist_ok=True)
    app.settings_path.write_text(text, encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        screen = app.screen
        assert isinstance(screen, ExamSetupScreen)
        await pilot.pause()
        assert form(screen) == PROFESSIONAL_FORM
        assert str(screen.query(RadioButton).last().label) == "Custom"
        screen.query_one("#exam-minutes", Input).value = "30"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ExamScreen)
    settings = load_settings(app.settings_path)
    assert settings["exam_format"] == "Custom" and settings["custom_exam"]["minutes"] == 30
