"""``quiz`` with no subcommand: open the study app on the selected banks."""

from __future__ import annotations

import argparse


def launch(args: argparse.Namespace) -> int:
    """Load the banks and run the app until the person quits."""
    from quiz import paths
    from quiz.commands._shared import load_bank
    from quiz.tui.app import QuizApp

    bank = load_bank(args)
    app = QuizApp(bank, paths.progress_db())
    app.run()
    return app.return_code or 0
