"""``quiz notes``: the person's notes, one line each, or as Markdown with ``--export``."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quiz.model import QuestionInfo
    from quiz.store import Note

FIRST_WORDS = 80
NO_NOTES = "No notes yet: in the app, answer a question and press N to write one."


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``notes`` subcommand."""
    from quiz.cli import add_bank_dir_option

    parser = subparsers.add_parser("notes", help="list your notes, or export them as Markdown")
    add_bank_dir_option(parser)
    parser.add_argument(
        "--export",
        nargs="?",
        const="-",
        metavar="FILE",
        help="write the notes as Markdown to FILE (to stdout without FILE)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """List the notes (key and first line), or export them with their questions' first words."""
    from quiz.commands._shared import load_selected_banks, say
    from quiz.files import write_text_atomically
    from quiz.store import Store

    with Store() as store:  # a StoreError is one line from quiz.cli
        notes = store.notes()
    if args.export is None:
        say("\n".join(note_line(note) for note in notes) if notes else NO_NOTES)
        return 0
    bank = load_selected_banks(args)
    text = notes_markdown(notes, {info.key: info for info in bank.infos})
    if args.export == "-":
        say(text, end="")
        return 0
    target = Path(args.export)
    try:
        write_text_atomically(target, text)
    except OSError as error:
        say(f"quiz: {target}: cannot be written ({error.strerror or error})", err=True)
        return 2
    say(f"{len(notes)} notes written to {target}" if notes else f"{NO_NOTES} ({target} is empty)")
    return 0


def note_line(note: Note) -> str:
    """``key  first line of the note``."""
    lines = note.text.strip().splitlines()
    return f"{note.question_key}  {lines[0].strip() if lines else ''}"


def notes_markdown(notes: Sequence[Note], infos: Mapping[str, QuestionInfo]) -> str:
    """One section per note: the key as its heading, the question's first words quoted
    (or that it is in none of the banks), then the note as typed."""
    if not notes:
        return f"# Notes\n\n{NO_NOTES}\n"
    sections = ["# Notes"]
    for note in notes:
        info = infos.get(note.question_key)
        words = info.preview(FIRST_WORDS) if info else "(not in the banks read)"
        sections.append(f"## {note.question_key}\n\n> {words}\n\n{note.text.strip()}")
    return "\n\n".join(sections) + "\n"
