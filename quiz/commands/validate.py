"""``quiz validate DIR``: check a bank's records."""

from __future__ import annotations

import argparse
from pathlib import Path

from quiz.words import plural


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate`` subcommand."""
    parser = subparsers.add_parser(
        "validate", help="check a bank: schema, answers, duplicate keys, tags"
    )
    parser.add_argument("directories", nargs="+", metavar="DIR", type=Path)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print one ``file:line: message`` per finding, then the questions that are nearly
    the same under two keys; status 1 when there are errors."""
    from quiz.bank import load_banks, record_files, validate_directory
    from quiz.commands._shared import print_problems, say
    from quiz.near_duplicates import near_duplicates

    errors = warnings = checked = 0
    seen: dict[str, str] = {}  # a key given twice is an error across the directories too
    visited: set[Path] = set()
    for directory in args.directories:
        if directory.resolve() in visited:  # named twice, or through a link: checked once
            continue
        visited.add(directory.resolve())
        if not directory.is_dir():
            say(f"quiz validate: {directory}: not a directory", err=True)
            errors += 1
            continue
        checked += len(record_files(directory))
        problems = validate_directory(directory, seen)
        print_problems(problems)
        errors += sum(p.severity == "error" for p in problems)
        warnings += sum(p.severity == "warning" for p in problems)
    for pair in near_duplicates(load_banks(sorted(visited)).questions):
        alike = f"{pair.similarity:.0%} alike"
        say(f"warning: near-duplicates ({alike}): {pair.first.key} and {pair.second.key}")
        warnings += 1
    checked_text = plural(checked, "record")
    say(f"{checked_text} checked: {plural(errors, 'error')}, {plural(warnings, 'warning')}")
    return 1 if errors else 0
