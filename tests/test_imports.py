"""The core (``quiz`` minus ``quiz.tui``) never imports Textual, checked module by module."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

from importer_samples import template

import quiz

CHECK = (
    "import importlib, sys; importlib.import_module(sys.argv[1]); print('textual' in sys.modules)"
)


def core_modules() -> list[str]:
    """Every module of ``quiz`` outside ``quiz.tui`` (``__main__`` runs the app, so not it)."""
    names = [m.name for m in pkgutil.walk_packages(quiz.__path__, prefix="quiz.")]
    return sorted(
        name
        for name in ["quiz", *names]
        if not name.startswith(("quiz.tui.", "quiz.__main__")) and name != "quiz.tui"
    )


def test_the_walk_finds_the_core_and_skips_the_tui() -> None:
    names = core_modules()
    assert {"quiz.store", "quiz.exam", "quiz.repair.repairer", "quiz.commands.study"} <= set(names)
    assert not [n for n in names if n.startswith("quiz.tui")]


def test_no_core_module_imports_textual() -> None:
    """Each module alone in a fresh interpreter (run side by side to keep the test fast)."""
    names = core_modules()
    runs = {
        name: subprocess.Popen(
            [sys.executable, "-c", CHECK, name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    }
    results = {name: run.communicate(timeout=120) for name, run in runs.items()}
    failed = {name: err for name, (out, err) in results.items() if out.strip() != "False"}
    assert failed == {}


IMPORT_AND_LIST_MODULES = """
import sys
from quiz.cli import main
status = main(["import", sys.argv[1], "--out", sys.argv[2]])
print(status, " ".join(sorted(sys.modules)))
"""


def test_quiz_import_imports_only_what_it_uses(tmp_path: Path) -> None:
    """No progress store, study or exam code, TUI or repair model for clean files."""
    source = tmp_path / "bank" / "Q-001.md"
    source.parent.mkdir()
    source.write_text(template(), encoding="utf-8")
    command = [sys.executable, "-c", IMPORT_AND_LIST_MODULES, str(source), str(tmp_path / "out")]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    status, modules = run.stdout.splitlines()[-1].split(" ", 1)
    assert status == "0", run.stderr
    unwanted = {"quiz.store", "quiz.study", "quiz.exam", "quiz.repair.repairer", "textual"}
    assert unwanted.isdisjoint(modules.split())
    assert "quiz.repair.detect" in modules.split()  # the damage check did run


START_AND_LIST_MODULES = """
import sys
from textual.app import App
from quiz.cli import main
from quiz.tui.app import QuizApp

async def at_home(pilot):
    await pilot.pause()
    print(type(pilot.app.screen).__name__)
    pilot.app.exit()

QuizApp.run = lambda app: App.run(app, headless=True, auto_pilot=at_home)
status = main([])
print(status, " ".join(sorted(sys.modules)))
"""

HEAVY_AT_START = {
    "plotext",  # the stats screen's plots
    "textual_plotext",
    "quiz.exam",  # mock exams and their report
    "quiz.tui.screens.exam_report",
    "quiz.repair.repairer",
    "quiz.tui.widgets.question",  # the question card: Markdown, pygments
    "markdown_it",
    "pygments",
    "textual.widgets._markdown",  # the help screen
}


def test_the_app_reaches_its_home_screen_without_the_heavy_modules(tmp_path: Path) -> None:
    """``quiz`` on a fresh data dir with the bundled bank: what the home screen does not
    show is imported when its screen first opens."""
    environment = {**os.environ, "QUIZ_DATA_DIR": str(tmp_path / "data")}
    command = [sys.executable, "-c", START_AND_LIST_MODULES]
    run = subprocess.run(
        command, capture_output=True, text=True, timeout=120, check=True, env=environment
    )
    screen, last = run.stdout.splitlines()[-2:]
    status, modules = last.split(" ", 1)
    assert (screen, status) == ("HomeScreen", "0"), run.stderr
    assert HEAVY_AT_START & set(modules.split()) == set()
    assert {"quiz.tui.screens.home", "quiz.learning"} <= set(modules.split())
