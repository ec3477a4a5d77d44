"""``quiz drill --tag T ...``: open the app straight into a drill of some tags."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``drill`` subcommand."""
    from quiz.cli import add_bank_dir_option

    parser = subparsers.add_parser("drill", help="drill the questions of one or more tags")
    parser.add_argument(
        "--tag", action="append", required=True, metavar="TAG", help="topic or trap tag"
    )
    add_bank_dir_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check the tags exist in the banks, then open the app on a drill of them."""

    from quiz import paths
    from quiz.commands._shared import load_selected_banks, say
    from quiz.study import match_tags
    from quiz.tui.app import QuizApp

    bank = load_selected_banks(args)
    tags, unknown = match_tags(bank.questions, args.tag)
    if unknown:
        say(
            f"quiz drill: no question has the tag {', '.join(map(repr, unknown))} "
            "(`quiz stats` lists the tags)",
            err=True,
        )
        return 1
    app = QuizApp(bank, paths.progress_db(), drill=tags)
    app.run()
    return app.return_code or 0
