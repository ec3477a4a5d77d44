"""``quiz`` with no subcommand: open the study app on the selected banks; the study scope
options that ``quiz``, ``list``, ``drill`` and ``exam`` share."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quiz.bank import Bank
    from quiz.scope import Scope

SCOPE_OPTIONS = ("scope_banks", "scope_levels", "scope_domains", "scope_no_bundled")
_NAMED_OPTIONS = (  # option, destination, metavar, help (--bank first)
    ("--bank", "scope_banks", "B", "only this bank (repeatable)"),
    ("--level", "scope_levels", "L", "only this level, e.g. L2 (repeatable)"),
    ("--domain", "scope_domains", "D", "only this domain (repeatable)"),
)


def add_scope_options(parser: argparse.ArgumentParser, *, bank: bool = True) -> None:
    """``--bank``, ``--level``, ``--domain``, ``--no-bundled``: what to study, for one run
    (``bank=False`` where the command has its own ``--bank``)."""
    suppress = argparse.SUPPRESS
    group = parser.add_argument_group("what to study, for this run only")
    for option, dest, metavar, text in _NAMED_OPTIONS[0 if bank else 1 :]:
        group.add_argument(
            option,
            dest=dest,
            action="append",
            default=suppress,
            metavar=metavar,
            help=text,
        )
    group.add_argument(
        "--no-bundled",
        dest="scope_no_bundled",
        action="store_true",
        default=suppress,
        help="leave out the questions bundled with quiz",
    )


def has_scope_options(args: argparse.Namespace) -> bool:
    """True when a study scope option was given."""
    return any(hasattr(args, name) for name in SCOPE_OPTIONS)


def scope_arguments(args: argparse.Namespace) -> list[str]:
    """The scope options given, as command-line arguments again (for ``quiz serve``)."""
    given = [
        (option, value)
        for option, dest, _, _ in _NAMED_OPTIONS
        for value in getattr(args, dest, [])
    ]
    no_bundled = ["--no-bundled"] if getattr(args, "scope_no_bundled", False) else []
    return [part for pair in given for part in pair] + no_bundled


def command_scope(args: argparse.Namespace, bank: Bank) -> Scope | None:
    """The scope the options give for this run (not saved), or None when none was given;
    a name no question has is one line and exit status 2."""
    from quiz.commands._shared import say
    from quiz.scope import Scope, facets, match_names

    if not has_scope_options(args):
        return None
    found = facets(bank)
    chosen: dict[str, frozenset[str]] = {}
    for option, dest, known in (
        ("--bank", "scope_banks", found.banks),
        ("--level", "scope_levels", found.levels),
        ("--domain", "scope_domains", found.domains),
    ):
        names, unknown = match_names(getattr(args, dest, []), known, short=option == "--level")
        if unknown:
            listed = ", ".join(sorted(known)) or "none"
            say(
                f"quiz: {option} {', '.join(unknown)}: no question has it (there are: {listed})",
                err=True,
            )
            raise SystemExit(2)
        chosen[dest] = frozenset(names)
    return Scope(
        chosen["scope_banks"],
        chosen["scope_levels"],
        chosen["scope_domains"],
        bundled=not getattr(args, "scope_no_bundled", False),
    )


def run_scope(args: argparse.Namespace, bank: Bank) -> Scope:
    """The scope of this run: the options', else the one chosen in the app (settings)."""
    from quiz import paths
    from quiz.scope import SETTINGS_KEY, Scope
    from quiz.settings import SettingsError, load_settings

    given = command_scope(args, bank)
    if given is not None:
        return given
    try:
        return Scope.from_dict(load_settings(paths.settings_file()).get(SETTINGS_KEY))
    except SettingsError:
        return Scope()  # the app names the damaged file


def launch(args: argparse.Namespace) -> int:
    """Load the banks and run the app until the person quits."""
    from quiz import paths
    from quiz.commands._shared import load_bank
    from quiz.tui.app import QuizApp

    bank = load_bank(args, progress=True)
    scope = command_scope(args, bank)
    if leaves_nothing(bank, scope):
        return 1
    app = QuizApp(bank, paths.progress_db(), scope=scope)
    app.run()
    return app.return_code or 0


def leaves_nothing(bank: Bank, scope: Scope | None) -> bool:
    """True, and said on stderr, when the options' scope holds no question of the bank."""
    if scope is None or not bank.infos or scope.questions(bank):
        return False
    from quiz.commands._shared import say

    say("quiz: no question is in what --bank, --level, --domain, --no-bundled chose", err=True)
    return True
