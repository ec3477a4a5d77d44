"""``quiz export anki DECK.apkg``: the bank as an Anki deck; ``quiz export csv``: progress
as CSV files (or one JSON document) for spreadsheets."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from quiz.bank import Bank
    from quiz.export.tables import Table
    from quiz.model import Question, QuestionInfo

INSTALL_HINT = "quiz export anki needs genanki: pip install 'quiz[export]' (or pip install genanki)"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export`` subcommand and its formats."""
    from quiz.cli import add_bank_dir_option
    from quiz.commands.study import add_scope_options

    parser = subparsers.add_parser("export", help="export the bank to Anki, progress to CSV")
    formats = parser.add_subparsers(dest="format", metavar="FORMAT", required=True)
    anki = formats.add_parser("anki", help="the questions as an Anki deck (.apkg)")
    anki.add_argument("deck", metavar="DECK.apkg", type=Path, help="the deck file to write")
    anki.add_argument(
        "--tag", action="append", default=[], help="only questions with this tag (repeatable: any)"
    )
    anki.add_argument(
        "--missed", action="store_true", help="only questions whose last answer was wrong"
    )
    add_bank_dir_option(anki)
    add_scope_options(anki)
    anki.set_defaults(run=run_anki)
    tables = formats.add_parser("csv", help="answers, tag scores and exams as CSV (or JSON)")
    tables.add_argument("--json", action="store_true", help="one JSON document instead")
    tables.add_argument(
        "--out",
        dest="target",
        metavar="DIR or FILE",
        type=Path,
        help="the folder for the CSV files (default: the current one), or the JSON file "
        "(default: standard output)",
    )
    add_bank_dir_option(tables)
    tables.set_defaults(run=run_tables)


def run_anki(args: argparse.Namespace) -> int:
    """Write the selected questions as an Anki deck, and say what was written."""
    import sys
    import time
    from functools import partial

    from quiz.bank import with_tags
    from quiz.commands._shared import load_selected_banks, progress_line, say
    from quiz.commands.study import command_scope
    from quiz.names import path_text

    try:
        from quiz.export.anki import write_deck
    except ModuleNotFoundError as error:
        if error.name != "genanki":
            raise
        say(f"quiz: {INSTALL_HINT}", err=True)
        return 2
    path: Path = args.deck
    if path.suffix.lower() != ".apkg" or path.is_dir():
        say(f"quiz: {path_text(path)}: give a file name ending in .apkg", err=True)
        return 2
    bank = load_selected_banks(args, progress=True)
    scope = command_scope(args, bank)
    infos = bank.infos if scope is None else scope.questions(bank)
    infos = with_tags(infos, args.tag) if args.tag else infos
    if args.missed:
        infos = _missed(infos)
    keys = [info.key for info in infos]
    shown = partial(progress_line, what="writing notes") if sys.stderr.isatty() else None
    try:
        summary = write_deck(
            path,
            _with_files(bank, keys),
            path.stem,
            timestamp=time.time(),
            total=len(keys),
            progress=shown,
        )
    except OSError as error:
        say(f"quiz: {path_text(path)}: {error.strerror or error}", err=True)
        return 2
    images = f", {summary.images} images" if summary.images else ""
    say(f"wrote {path_text(path)}: deck {path.stem!r}, {summary.notes} notes{images}")
    return 0


def _missed(infos: list[QuestionInfo]) -> list[QuestionInfo]:
    """The questions whose last answer was wrong."""
    from datetime import UTC, datetime

    from quiz.store import Store

    with Store() as store:  # a StoreError is one line from quiz.cli
        totals = store.answer_totals(datetime.now(UTC))
    return [info for info in infos if info.key in totals and not totals[info.key].last_correct]


def _with_files(bank: Bank, keys: list[str]) -> Iterator[tuple[Question, Path | None]]:
    """The whole questions of the keys, each with its record file, read a batch at a time."""
    from quiz.bank import RECENT

    for start in range(0, len(keys), RECENT):
        for question in bank.fetch_all(keys[start : start + RECENT]):
            record = bank.files.get(question.key)
            yield question, Path(record) if record else None


def run_tables(args: argparse.Namespace) -> int:
    """Write the progress tables as CSV files, or as one JSON document."""
    from datetime import datetime

    from quiz.commands._shared import load_selected_banks, say
    from quiz.commands.study import has_scope_options
    from quiz.export.tables import answers_table, exams_table, tags_table
    from quiz.learning import tag_scores
    from quiz.store import Store

    if has_scope_options(args):
        say("quiz: export csv: --bank, --level, --domain, --no-bundled do not go with it", err=True)
        return 2
    bank = load_selected_banks(args)
    with Store() as store:  # a StoreError is one line from quiz.cli
        answers = store.answers()
        totals = store.answer_totals(datetime.now().astimezone())
        exams = store.finished_exams()
    banks = {info.key: info.bank for info in bank.infos}
    tables = [
        answers_table(answers, banks),
        tags_table(tag_scores(bank.infos, {k: v for k, v in totals.items() if k in banks})),
        exams_table(exams),
    ]
    if args.json:
        return _write_json(tables, args.target)
    return _write_csv(tables, args.target or Path("."))


def _write_json(tables: list[Table], target: Path | None) -> int:
    from quiz.commands._shared import say
    from quiz.files import write_text_atomically
    from quiz.names import path_text

    text = json.dumps({t.name: t.records() for t in tables}, ensure_ascii=False, indent=1)
    if target is None:
        say(text)
        return 0
    try:
        write_text_atomically(target, text + "\n")
    except OSError as error:
        say(f"quiz: {path_text(target)}: {error.strerror or error}", err=True)
        return 2
    say(f"wrote {path_text(target)}: {_counts(tables)}")
    return 0


def _write_csv(tables: list[Table], folder: Path) -> int:
    from quiz.commands._shared import say
    from quiz.export.tables import csv_text
    from quiz.files import write_text_atomically
    from quiz.names import path_text

    if not folder.is_dir():
        say(f"quiz: --out {path_text(folder)}: not a folder (CSV is one file per table)", err=True)
        return 2
    try:
        for table in tables:
            write_text_atomically(folder / f"{table.name}.csv", csv_text(table))
    except OSError as error:
        say(f"quiz: {path_text(folder)}: {error.strerror or error}", err=True)
        return 2
    say(f"wrote {path_text(folder)}: {_counts(tables)}")
    return 0


def _counts(tables: list[Table]) -> str:
    return ", ".join(f"{len(t.rows)} {t.name.replace('_', ' ')}" for t in tables)
