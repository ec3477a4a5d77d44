"""``quiz repair FILE... [-o OUT | --out-dir DIR] [--report] [--review]``: restore damaged
text (``--review``: a person decides the doubtful choices first, in ``quiz.tui.review_app``)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.files import (
    NOT_A_REGULAR_FILE,
    NotARegularFile,
    read_regular_file,
    write_text_atomically,
)
from quiz.words import plural

if TYPE_CHECKING:
    from quiz.repair import RepairResult, Uncertain
    from quiz.repair.review import Review


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``repair`` subcommand."""
    parser = subparsers.add_parser(
        "repair",
        help="restore text damaged by a Windows-1254 transfer (mojibake with lost bytes)",
        description="Repair damaged files; text that is not damaged passes through unchanged.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", type=Path)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", type=Path, metavar="OUT", help="write the one file here")
    where.add_argument("--out-dir", type=Path, metavar="DIR", help="write each file here")
    parser.add_argument(
        "--report", action="store_true", help="list every low-confidence choice on stderr"
    )
    parser.add_argument(
        "--review",
        action="store_true",
        help="decide the doubtful choices yourself, most doubtful first, before writing",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Repair the files together (they lend each other context); status 1 on any error."""
    from quiz.commands._shared import say
    from quiz.repair import missing_extra

    missing = missing_extra()
    if missing:
        say(f"quiz repair: {missing}", err=True)
        return 1
    if args.review and not interactive():
        say("quiz repair: --review needs a terminal", err=True)
        return 2
    if len(args.files) > 1 and args.out_dir is None:
        say("quiz repair: several files need --out-dir DIR", err=True)
        return 2
    if args.out_dir is not None:
        try:
            args.out_dir.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            say(f"quiz repair: --out-dir {args.out_dir}: not a directory", err=True)
            return 2
        except OSError as error:
            say(f"quiz repair: --out-dir {args.out_dir}: {error.strerror}", err=True)
            return 1
    texts: dict[Path, str] = {}
    status = 0
    for path in args.files:
        try:
            texts[path] = read_regular_file(path).decode("utf-8")
        except NotARegularFile:
            say(f"{path}: {NOT_A_REGULAR_FILE}", err=True)
            status = 1
        except OSError as error:
            say(f"{path}: cannot read: {error.strerror or error}", err=True)
            status = 1
        except UnicodeDecodeError as error:
            say(f"{path}: not UTF-8 text (byte {error.start})", err=True)
            status = 1
    from quiz.repair import Repairer

    results = Repairer().repair_many(list(texts.values()))
    for path, result in zip(texts, results, strict=True):
        if args.report:
            print_report(path, result)
    outputs = [result.text for result in results]
    if args.review:
        review = reviewed(list(texts), results)
        if review is None:
            say("quiz repair: nothing written", err=True)
            return status
        if review.queue:
            say(f"quiz repair: {decided(review)}", err=True)
        outputs = review.texts()
    for path, output in zip(texts, outputs, strict=True):
        target = output_path(path, args)
        try:
            write(target, output)
        except OSError as error:
            say(f"{target or path}: cannot write: {error.strerror or error}", err=True)
            status = 1
    return status


def interactive() -> bool:
    """Whether a person is at a terminal to review the choices."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def reviewed(
    paths: list[Path], results: list[RepairResult], command: str = "quiz repair"
) -> Review | None:
    """The batch's doubtful choices as a person decided them (``texts()``), or None when
    they chose to write nothing. At a terminal; with no doubtful choice it says so."""
    from quiz.commands._shared import say
    from quiz.repair.review import Review

    review = Review(results)
    if not review.queue:
        say(f"{command}: no doubtful choice to review", err=True)
        return review
    from quiz.tui.review_app import review_texts

    verb = "import" if command == "quiz import" else "write"
    return review if review_texts(paths, review, verb) is not None else None


def decided(review: Review) -> str:
    """How many choices the person decided, how many their picks settled, and how many
    they kept unseen ("accept the rest")."""
    kept = sum(1 for decision in review.decisions.values() if decision.how == "rest")
    choices = plural(len(review.decisions) - kept, "choice")
    said = f"{choices} decided, {review.settled} settled by your picks"
    return f"{said}, {kept} kept as repaired" if kept else said


def decided_results(review: Review) -> list[RepairResult]:
    """The results with the decisions applied: each decided text, and as uncertain only
    the choices left undecided or kept unseen by "accept the rest" (their line and column
    in the decided text)."""
    from quiz.repair import RepairResult

    shifts: dict[int, list[tuple[int, int]]] = {}  # file -> (offset, length change)
    for index, decision in review.decisions.items():
        spot = review.queue[index]
        change = len(decision.char) - len(spot.uncertain.chosen)
        shifts.setdefault(spot.file, []).append((spot.offset, change))
    left: dict[int, list[Uncertain]] = {}
    texts = review.texts()
    for index, spot in enumerate(review.queue):
        made = review.decisions.get(index)
        if made is not None and made.how != "rest":  # decided: no longer doubtful
            continue
        offset = spot.offset + sum(c for at, c in shifts.get(spot.file, []) if at < spot.offset)
        text = texts[spot.file]
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        left.setdefault(spot.file, []).append(replace(spot.uncertain, line=line, column=column))
    return [
        RepairResult(text, result.damaged, sorted(left.get(file, []), key=_place))
        for file, (text, result) in enumerate(zip(texts, review.results, strict=True))
    ]


def _place(spot: Uncertain) -> tuple[int, int]:
    return spot.line, spot.column


def print_report(path: Path, result: RepairResult) -> None:
    """One line per uncertain choice: ``path:line:column: chose X (62%), not Y Z: context``."""
    from quiz.commands._shared import say

    if not result.damaged:
        say(f"{path}: not damaged, unchanged", err=True)
        return
    uncertain = plural(len(result.uncertain), "uncertain choice")
    say(f"{path}: repaired, {uncertain}", err=True)
    for spot in result.uncertain:
        others = " ".join(spot.alternatives) or "nothing decodes here"
        say(
            f"{path}:{spot.line}:{spot.column}: chose {spot.chosen} "
            f"({spot.confidence:.0%}), not {others}: {spot.context}",
            err=True,
        )


def output_path(path: Path, args: argparse.Namespace) -> Path | None:
    """--output, or the file's name in --out-dir; None for stdout."""
    out_dir: Path | None = args.out_dir
    output: Path | None = args.output
    return out_dir / path.name if out_dir is not None else output


def write(target: Path | None, text: str) -> None:
    """Write the text to stdout, or atomically to the target (through its symlink):
    on an error the old file stays whole. A device or FIFO (/dev/null) is written as it is."""
    if target is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
    elif target.exists() and not target.is_file():
        with target.open("wb") as file:
            file.write(text.encode("utf-8"))
    else:
        write_text_atomically(target.resolve(), text)
