"""Small helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from quiz import paths
from quiz.bank import Bank, load_banks
from quiz.text import visible_controls

if TYPE_CHECKING:
    from quiz.records import Problem

PROGRESS_FROM = 200
"""How many files a refresh must parse for ``progress_line`` to show."""


def bank_dirs(args: argparse.Namespace) -> list[Path]:
    """The bundled bank, the user's imported banks, and any ``--bank-dir``."""
    extra = [Path(d).expanduser() for d in getattr(args, "bank_dir", None) or []]
    for directory in extra:
        if not directory.is_dir():
            say(f"quiz: --bank-dir {directory}: not a directory", err=True)
            raise SystemExit(2)
    dirs = paths.default_bank_dirs()
    return dirs + [d for d in extra if d not in dirs]


def load_bank(args: argparse.Namespace, *, progress: bool = False) -> Bank:
    """The banks a command works on: a user's record replaces the bundled question of the
    same key (``load_banks``). With ``progress``, a refresh that parses many files says
    how far it is on stderr, when that is a terminal."""
    shown = progress_line if progress and sys.stderr.isatty() else None
    return load_banks(bank_dirs(args), bundled=[paths.bundled_bank_dir()], progress=shown)


def progress_line(done: int, total: int, what: str = "reading records") -> None:
    """``reading records 1200/5000`` on one line of stderr, cleared when done (only when
    there are ``PROGRESS_FROM`` items or more)."""
    if total < PROGRESS_FROM:
        return
    line = f"{what} {done}/{total}"
    say(line if done < total else " " * len(line), err=True, end="\r")
    sys.stderr.flush()


def load_selected_banks(args: argparse.Namespace, *, progress: bool = False) -> Bank:
    """Load the banks a command works on, printing any problems as warnings."""
    bank = load_bank(args, progress=progress)
    print_problems(bank.problems, prefix="skipped ")
    return bank


def say(text: object, *, err: bool = False, end: str = "\n") -> None:
    """Print a line for a person: control characters from files are shown, never sent, and
    the bytes of a file name that is not UTF-8 are shown as ``\\xNN``."""
    line = visible_controls(str(text))
    if not line.isascii():
        line = line.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    print(line, file=sys.stderr if err else sys.stdout, end=end)


def print_problems(problems: Iterable[Problem], prefix: str = "") -> None:
    """One ``path:line: message`` line per problem, on stderr."""
    for problem in problems:
        say(f"{prefix}{problem}", err=True)
