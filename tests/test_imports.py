"""The core (``quiz`` minus ``quiz.tui``) never imports Textual, checked module by module."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

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
