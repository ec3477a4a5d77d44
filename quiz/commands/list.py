"""``quiz list``: one line per question, or JSON for scripts."""

from __future__ import annotations

import argparse
import json

from quiz.model import Question
from quiz.records import question_to_record
from quiz.text import preview

STEM_WIDTH = 60


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``list`` subcommand."""
    from quiz.cli import add_bank_dir_option
    from quiz.commands.study import add_scope_options

    parser = subparsers.add_parser("list", help="list the questions of the banks")
    parser.add_argument(
        "--tag", action="append", default=[], help="only questions with this tag (repeatable: any)"
    )
    add_bank_dir_option(parser)
    add_scope_options(parser)
    parser.add_argument("--json", action="store_true", help="print JSON records for scripts")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the questions of the selected banks (all of them unless a scope option is
    given: the scope chosen in the app is for studying, not for listing)."""
    from quiz.bank import with_tags
    from quiz.commands._shared import load_selected_banks, say
    from quiz.commands.study import command_scope

    bank = load_selected_banks(args)
    scope = command_scope(args, bank)
    questions = bank.questions if scope is None else scope.questions(bank)
    questions = with_tags(questions, args.tag) if args.tag else questions
    if args.json:
        records = [{"key": q.key, **question_to_record(q)} for q in questions]
        say(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        for question in questions:
            say(summary_line(question))
    return 0


def summary_line(question: Question) -> str:
    """``key  level  topics  first words of the stem``."""
    topics = ",".join(question.topics) or "-"
    return (
        f"{question.key}  {question.level or '-'}  {topics}  {preview(question.stem, STEM_WIDTH)}"
    )
