"""``quiz import PATH... [--out DIR] [--bank NAME] [--review]``: Markdown files to YAML
records (``--review``: a person decides the repairs' doubtful choices first)."""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.words import plural

if TYPE_CHECKING:
    from quiz.repair import RepairResult
    from quiz.repair.review import Review

PROGRESS_MIN_FILES = 20
BAR_WIDTH = 30


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
        "--out", metavar="DIR", help="bank directory to write (default: your data dir)"
    )
    parser.add_argument("--bank", metavar="NAME", help="bank name (default: the file's folder)")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="also list which copies were merged"
    )
    parser.add_argument(
        "--review",
        action="store_true",
        help="decide the doubtful choices of damaged files yourself before importing",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Import, write the records and print a summary; status 1 when any question file
    failed, a file named was skipped, a folder named holds no ``.md`` file or a record
    could not be written; 2 for an unusable ``--bank`` or ``--out`` (an empty one too)."""
    from quiz import paths
    from quiz.bank import RecordNotWritten, bundled_keys, write_records
    from quiz.commands import repair
    from quiz.commands._shared import say
    from quiz.importer import find_sources, import_sources
    from quiz.importer.images import copy_images
    from quiz.names import COMPONENT_RULES, is_safe_component, path_text
    from quiz.records import Problem
    from quiz.repair import missing_extra

    if args.review and not repair.interactive():
        say("quiz import: --review needs a terminal", err=True)
        return 2
    bank = args.bank and unicodedata.normalize("NFC", args.bank)
    if bank is not None and not is_safe_component(bank):
        say(f"--bank {bank!r}: a bank name is one folder name ({COMPONENT_RULES})", err=True)
        return 2
    if args.out == "":  # Path("") would be the current folder
        say("--out: an empty folder name (leave --out out to use your data dir)", err=True)
        return 2
    out = Path(args.out) if args.out is not None else paths.imported_banks_dir()
    out_problem = _unusable_out(out)
    if out_problem:
        say(f"--out {path_text(out)}: {out_problem}", err=True)
        return 2
    reasons = {path: _unusable_path(path) for path in args.paths}
    for path, reason in reasons.items():
        if reason:
            say(f"{path_text(path)}: {reason}", err=True)
    usable = [path for path, reason in reasons.items() if not reason]
    unreadable: list[Problem] = []
    sources = find_sources(usable, bank=bank, problems=unreadable)
    show_progress = sys.stderr.isatty() and len(sources) >= PROGRESS_MIN_FILES
    reviews: list[Review] = []

    def review(paths: list[Path], results: list[RepairResult]) -> list[RepairResult] | None:
        decided = repair.reviewed(paths, results, "quiz import")
        if decided is None:
            return None
        reviews.append(decided)
        return repair.decided_results(decided)

    report = import_sources(
        sources,
        progress=_draw_progress if show_progress else None,
        review=review if args.review else None,
    )
    if report.cancelled:
        say("quiz import: review quit, nothing imported", err=True)
        return 1 if any(reasons.values()) else 0
    report.failed[:0] = unreadable
    if show_progress:
        say("", err=True)
    report.questions, image_warnings = copy_images(out, report.questions)
    report.warnings += image_warnings
    not_written, changes = None, ""
    try:
        result = write_records(out, report.questions)
    except RecordNotWritten as error:
        not_written, written = error, error.written
    else:
        written = len(result.paths)
        counts = (len(result.new), len(result.changed), len(result.unchanged))
        changes = " ({} new, {} changed, {} unchanged)".format(*counts)
    for problem in report.skipped:
        say(f"skipped {problem.path}: {problem.message}", err=True)
    for problem in report.failed + report.warnings:
        say(problem, err=True)
    for note in report.merged if args.verbose else ():
        say(f"merged {note}", err=True)
    for path in report.repaired:
        say(f"repaired damaged text in {path}", err=True)
    if args.review and not reviews and not missing_extra():
        say("quiz import: no damaged file to review", err=True)
    if not_written:
        unwritten = len(report.questions) - written
        say(f"not written: {not_written}; {plural(unwritten, 'record')} not written", err=True)
    say(
        f"{plural(written, 'question')} imported from "
        f"{plural(report.imported_files, 'file')} into {path_text(out)}{changes}; "
        f"{len(report.skipped)} skipped, {len(report.failed)} failed, "
        f"{plural(report.copies_merged, 'copy', 'copies')} merged, {len(report.repaired)} repaired"
        + "".join(f", {repair.decided(done)}" for done in reviews if done.queue)
    )
    replacing = bundled_keys(question.key for question in report.questions[:written])
    if replacing:
        shown = ", ".join(replacing[:3]) + (", ..." if len(replacing) > 3 else "")
        verb = "replaces a bundled question" if len(replacing) == 1 else "replace bundled questions"
        say(f"{len(replacing)} of your records {verb} with the same key ({shown})")
    return 0 if report.ok and not any(reasons.values()) and not not_written else 1


def _unusable_out(out: Path) -> str:
    """Why records cannot be written in ``out`` (created if missing), or ""."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        return "not a directory"
    except OSError as error:
        return f"cannot create it ({error.strerror})"
    if not os.access(out, os.W_OK | os.X_OK):
        return "not writable"
    return ""


def _unusable_path(path: Path) -> str:
    """Why a path named on the command line cannot be imported, or ""."""
    try:
        path.stat()
    except FileNotFoundError:
        return "no such file or directory"
    except OSError as error:
        return f"cannot use it ({error.strerror})"
    return ""


def _draw_progress(done: int, total: int) -> None:
    filled = BAR_WIDTH * done // total
    bar = "#" * filled + "." * (BAR_WIDTH - filled)
    # our own text (no file name in it), and its \r must reach the terminal
    print(f"\rimporting [{bar}] {done}/{total}", end="", file=sys.stderr, flush=True)
