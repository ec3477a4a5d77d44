"""``quiz drill --tag T ...``: open the app straight into a drill of some tags."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``drill`` subcommand."""
    from quiz.cli import add_bank_dir_option
    from quiz.commands.study import add_scope_options

    parser = subparsers.add_parser("drill", help="drill the questions of one or more tags")
    parser.add_argument(
        "--tag", action="append", required=True, metavar="TAG", help="topic or trap tag"
    )
    add_bank_dir_option(parser)
    add_scope_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check the tags exist in the study scope, then open the app on a drill of them."""

    from quiz import paths
    from quiz.commands._shared import load_selected_banks, say
    from quiz.commands.study import command_scope, run_scope
    from quiz.study import match_tags
    from quiz.tui.app import QuizApp

    bank = load_selected_banks(args, progress=True)
    scope = run_scope(args, bank)
    tags, unknown = match_tags(scope.questions(bank), args.tag)
    if unknown:
        where = "" if scope.is_everything else " in what you chose to study"
        say(
            f"quiz drill: no question{where} has the tag {', '.join(map(repr, unknown))} "
            "(`quiz stats` lists the tags)",
            err=True,
        )
        return 1
    app = QuizApp(bank, paths.progress_db(), drill=tags, scope=command_scope(args, bank))
    app.run()
    return app.return_code or 0
