"""``quiz`` with no subcommand: open the study app on the selected banks."""

from __future__ import annotations

import argparse


def launch(args: argparse.Namespace) -> int:
    """Load the banks and run the app until the person quits."""
    from quiz import paths
    from quiz.bank import load_banks
    from quiz.commands._shared import bank_dirs
    from quiz.tui.app import QuizApp

    bank = load_banks(bank_dirs(args))
    app = QuizApp(bank, paths.progress_db())
    app.run()
    return app.return_code or 0
