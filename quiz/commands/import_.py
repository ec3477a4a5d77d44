"""``quiz import PATH... [--out DIR] [--bank NAME]``: Markdown files to YAML records."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``import`` subcommand."""
    parser = subparsers.add_parser("import", help="import Markdown question files as YAML records")
    parser.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    parser.add_argument("--out", type=Path, metavar="DIR", help="bank directory to write")
    parser.add_argument("--bank", metavar="NAME", help="bank name (default: the file's folder)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Import and report; status 1 when any question file failed."""
    raise NotImplementedError
