"""``quiz import PATH... [--out DIR] [--bank NAME]``: Markdown files to YAML records."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROGRESS_MIN_FILES = 20
BAR_WIDTH = 30


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``import`` subcommand."""
    parser = subparsers.add_parser(
        "import",
        help="import Markdown question files as YAML records",
        description="Import question files (zh template or plain export) as YAML records.",
    )
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", type=Path, help="a file, or a folder searched for .md"
    )
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="bank directory to write (default: your data dir)"
    )
    parser.add_argument("--bank", metavar="NAME", help="bank name (default: the file's folder)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Import, write the records and print a summary; status 1 when any question file failed."""
    from quiz import paths
    from quiz.bank import write_records
    from quiz.importer import find_sources, import_sources

    missing = [p for p in args.paths if not p.exists()]
    for path in missing:
        print(f"{path}: no such file or directory", file=sys.stderr)
    sources = find_sources([p for p in args.paths if p.exists()], bank=args.bank)
    show_progress = sys.stderr.isatty() and len(sources) >= PROGRESS_MIN_FILES
    report = import_sources(sources, progress=_draw_progress if show_progress else None)
    if show_progress:
        print(file=sys.stderr)
    out = args.out or paths.imported_banks_dir()
    write_records(out, report.questions)
    for problem in report.skipped:
        print(f"skipped {problem.path}: {problem.message}", file=sys.stderr)
    for problem in report.failed:
        print(problem, file=sys.stderr)
    for note in report.merged:
        print(f"merged {note}", file=sys.stderr)
    for path in report.repaired:
        print(f"repaired damaged text in {path}", file=sys.stderr)
    print(
        f"{len(report.questions)} questions imported from {report.imported_files} files "
        f"into {out}; {len(report.skipped)} skipped, {len(report.failed)} failed, "
        f"{len(report.merged)} duplicates merged, {len(report.repaired)} repaired"
    )
    return 0 if report.ok and not missing else 1


def _draw_progress(done: int, total: int) -> None:
    filled = BAR_WIDTH * done // total
    bar = "#" * filled + "." * (BAR_WIDTH - filled)
    print(f"\rimporting [{bar}] {done}/{total}", end="", file=sys.stderr, flush=True)
