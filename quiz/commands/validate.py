"""``quiz validate [DIR...]``: check a bank's records, or every bank the app loads."""

from __future__ import annotations

import argparse
from pathlib import Path

from quiz.words import plural


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate`` subcommand."""
    parser = subparsers.add_parser(
        "validate",
        help="check a bank: schema, answers, duplicate keys, tags",
        description="Check the records of each DIR; with no DIR, every bank the app loads "
        "(the bundled bank, the data dir's imported banks, any --bank-dir): what it would "
        "skip, and which bundled questions your records replace.",
    )
    parser.add_argument("directories", nargs="*", metavar="DIR", type=Path)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print one ``file:line: message`` per finding, then the questions that are nearly
    the same under two keys; status 1 when there are errors."""
    from quiz import paths
    from quiz.bank import load_banks, record_files, shipped_keys, validate_directory
    from quiz.commands._shared import bank_dirs, print_problems, say
    from quiz.near_duplicates import near_duplicates

    bundled_dir = paths.bundled_bank_dir().resolve()
    directories = args.directories or bank_dirs(args)
    shipped = shipped_keys()
    counts = {"error": 0, "warning": 0, "note": 0}
    checked = 0
    seen: dict[str, str] = {}  # a key given twice is an error across the directories too
    seen_bundled: dict[str, str] = {}  # the bundled bank's own keys: the user's replace them
    visited: dict[Path, None] = {}  # in the order given
    for directory in directories:
        if directory.resolve() in visited:  # named twice, or through a link: checked once
            continue
        visited[directory.resolve()] = None
        if not directory.is_dir():
            say(f"quiz validate: {directory}: not a directory", err=True)
            counts["error"] += 1
            continue
        checked += len(record_files(directory))
        if directory.resolve() == bundled_dir:
            problems = validate_directory(directory, seen_bundled)
        else:
            problems = validate_directory(directory, seen, shipped)
        print_problems(problems)
        for problem in problems:
            counts[problem.severity] = counts.get(problem.severity, 0) + 1
    bundled = [d for d in visited if d == bundled_dir]
    loaded = load_banks(list(visited), bundled=bundled, use_cache=False)  # writes no index
    for pair in near_duplicates(loaded.questions):
        alike = f"{pair.similarity:.0%} alike"
        say(f"warning: near-duplicates ({alike}): {pair.first.key} and {pair.second.key}")
        counts["warning"] += 1
    notes = f", {plural(counts['note'], 'note')}" if counts["note"] else ""
    say(
        f"{plural(checked, 'record')} checked: {plural(counts['error'], 'error')}, "
        f"{plural(counts['warning'], 'warning')}{notes}"
    )
    return 1 if counts["error"] else 0
