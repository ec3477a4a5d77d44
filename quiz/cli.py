"""The ``quiz`` command line: parses arguments and hands over to a command module.

Each subcommand lives in ``quiz/commands/<name>.py`` with ``register(subparsers)``;
heavy imports (Textual, the language model, the progress store) happen inside the
commands, so start-up stays light. With no subcommand, ``quiz`` opens the study app.
"""

from __future__ import annotations

import argparse
import codecs
import importlib
import sys
from collections.abc import Sequence

from quiz import __version__, paths
from quiz.commands import study

COMMAND_MODULES = (
    "list",
    "import_",
    "validate",
    "repair",
    "browse",
    "exam",
    "drill",
    "stats",
    "notes",
    "serve",
    "blueprint",
    "ready",
    "export",
)
SCOPE_COMMANDS = (None, "list", "drill", "exam", "serve", "export")
"""The commands that take the study scope options (``None``: the app)."""
DATA_DIR_COMMANDS = (
    None,
    "import",
    "browse",
    "exam",
    "drill",
    "stats",
    "notes",
    "serve",
    "ready",
    "export",
)
"""The commands that write to the data dir (``None``: the app); it is checked first."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="quiz", description="Study Databricks certification questions in the terminal."
    )
    parser.add_argument("--version", action="version", version=f"quiz {__version__}")
    add_data_dir_option(parser)
    add_bank_dir_option(parser)
    study.add_scope_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"quiz.commands.{name}")
        module.register(subparsers)
    return parser


def add_data_dir_option(parser: argparse.ArgumentParser) -> None:
    """``--data-dir``: where progress and imported banks live."""
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="keep progress and imported banks here (default: $QUIZ_DATA_DIR or the user data dir)",
    )


def add_bank_dir_option(parser: argparse.ArgumentParser) -> None:
    """``--bank-dir``: extra bank directories to study from."""
    parser.add_argument(
        "--bank-dir",
        metavar="DIR",
        action="append",
        default=argparse.SUPPRESS,
        help="also load questions from this bank directory (repeatable)",
    )


def tolerant_output() -> None:
    """Let stdout and stderr escape what they cannot encode (``\\u4e2d``) instead of crashing.

    An ASCII terminal (``LC_ALL=C``) cannot show Chinese text, and a file name that is
    not UTF-8 cannot be encoded at all; both must degrade, never stop the command.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or stream.errors == "backslashreplace":
            continue
        if stream.errors == "strict" or codecs.lookup(stream.encoding).name != "utf-8":
            reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    tolerant_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "data_dir", None) == "":
        parser.error("--data-dir: give a folder (an empty one would mean the default silently)")
    if args.command not in SCOPE_COMMANDS and study.has_scope_options(args):
        parser.error(f"--bank, --level, --domain, --no-bundled do not go with {args.command}")
    paths.use_data_dir(getattr(args, "data_dir", None))
    run = getattr(args, "run", None)
    try:
        if args.command in DATA_DIR_COMMANDS and not getattr(args, "out", None):
            paths.check_data_dir()
        if run is None:
            return study.launch(args)
        return int(run(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except _reported_errors() as error:
        hint = "; run `quiz` to back it up and start fresh" if _can_reset(error) else ""
        from quiz.commands._shared import say

        say(f"quiz: {error}{hint}", err=True)
        return 2


def _reported_errors() -> tuple[type[Exception], ...]:
    """The errors shown as one line: a data dir that cannot be used, and ``StoreError``
    once a command imported the progress store (only then can it be raised; ``quiz
    import`` and ``quiz validate`` never import it)."""
    store = sys.modules.get("quiz.store")
    return (paths.DataDirError, store.StoreError) if store else (paths.DataDirError,)


def _can_reset(error: Exception) -> bool:
    return not isinstance(error, paths.DataDirError) and bool(getattr(error, "can_reset", False))
