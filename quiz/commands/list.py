"""``quiz list``: one line per question, or JSON for scripts."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quiz.model import QuestionInfo

STEM_WIDTH = 60


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``list`` subcommand."""
    from quiz.cli import add_bank_dir_option
    from quiz.commands.study import add_scope_options

    parser = subparsers.add_parser("list", help="list the questions of the banks")
    parser.add_argument(
        "--tag", action="append", default=[], help="only questions with this tag (repeatable: any)"
    )
    parser.add_argument(
        "--search",
        metavar="TEXT",
        help="only questions whose text (stem, options, analysis) holds every word of TEXT",
    )
    add_bank_dir_option(parser)
    add_scope_options(parser)
    parser.add_argument("--json", action="store_true", help="print JSON records for scripts")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the questions of the selected banks (all of them unless a scope option is
    given: the scope chosen in the app is for studying, not for listing). Only the
    questions' metadata is read, but for ``--json``."""
    from quiz.bank import with_tags
    from quiz.commands._shared import load_selected_banks, say
    from quiz.commands.study import command_scope

    bank = load_selected_banks(args, progress=True)
    scope = command_scope(args, bank)
    infos = bank.infos if scope is None else scope.questions(bank)
    infos = with_tags(infos, args.tag) if args.tag else infos
    if args.search is not None:
        from quiz.search import search

        found = set(search(bank, args.search))
        infos = [info for info in infos if info.key in found]
    if args.json:
        from quiz.records import question_to_record

        questions = bank.fetch_all(info.key for info in infos)
        records = [{"key": q.key, **question_to_record(q)} for q in questions]
        say(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        say("\n".join(summary_line(info) for info in infos), end="\n" if infos else "")
    return 0


def summary_line(info: QuestionInfo) -> str:
    """``key  level  topics  first words of the stem``."""
    topics = ",".join(info.topics) or "-"
    return f"{info.key}  {info.level or '-'}  {topics}  {info.preview(STEM_WIDTH)}"
