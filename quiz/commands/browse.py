"""``quiz browse [WORDS]``: open the app straight into the question browser."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``browse`` subcommand."""
    from quiz.cli import add_bank_dir_option

    parser = subparsers.add_parser(
        "browse", help="search, filter and open the questions in the app"
    )
    parser.add_argument("words", nargs="*", metavar="WORD", help="search for these words")
    add_bank_dir_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Open the app on the browser, searching for the words given."""
    from quiz import paths
    from quiz.commands._shared import load_selected_banks
    from quiz.tui.app import QuizApp

    bank = load_selected_banks(args, progress=True)
    app = QuizApp(bank, paths.progress_db(), browse=" ".join(args.words))
    app.run()
    return app.return_code or 0
