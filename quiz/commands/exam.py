"""``quiz exam``: start a timed mock exam in the app, or print the report of a finished one."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quiz.exam import ExamReport
    from quiz.store import Store

REPORT_TOP = 8
"""Rows per table in the text report."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``exam`` subcommand."""
    from quiz.cli import add_bank_dir_option
    from quiz.commands.study import add_scope_options

    parser = subparsers.add_parser(
        "exam",
        help="take a timed mock exam, or report on one",
        description="Start a mock exam in the app (default: 60 questions in 120 minutes), "
        "or print the report of a finished one with --report.",
    )
    parser.add_argument("--count", type=int, metavar="N", help="questions (default 60)")
    parser.add_argument(
        "--minutes", type=int, metavar="M", help="time limit (default: 2 minutes per question)"
    )
    parser.add_argument(
        "--tag", action="append", default=[], metavar="T", help="only questions with this tag"
    )
    parser.add_argument(
        "--bank", action="append", default=[], metavar="NAME", help="only this bank"
    )
    parser.add_argument(
        "--blueprint",
        metavar="NAME",
        help="draw to an exam's blueprint (its questions, minutes, pass mark and domain weights)",
    )
    parser.add_argument("--seed", type=int, metavar="S", help="draw the same questions again")
    parser.add_argument("--pass-mark", type=int, metavar="PCT", help="percent to pass (default 70)")
    parser.add_argument(
        "--report", metavar="LAST|ID", help="print the report of the last (or a given) exam"
    )
    parser.add_argument("--json", action="store_true", help="with --report: print JSON")
    add_bank_dir_option(parser)
    add_scope_options(parser, bank=False)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print a report, or check the settings and open the app on a new exam."""
    from quiz.commands._shared import say
    from quiz.exam import ExamError

    try:
        if args.report is not None:
            return print_report(args)
        return start(args)
    except ExamError as error:
        say(f"quiz exam: {error}", err=True)
        return 2


def start(args: argparse.Namespace) -> int:
    """Open the app straight on a new exam with the settings given."""
    import random
    from dataclasses import replace

    from quiz import paths
    from quiz.blueprint import plan
    from quiz.commands._shared import load_selected_banks, say
    from quiz.commands.study import command_scope, run_scope
    from quiz.exam import (
        ExamConfig,
        ExamError,
        describe_selection,
        eligible_questions,
        find_blueprint,
    )
    from quiz.tui.app import QuizApp

    if args.json:
        raise ExamError("--json goes with --report")
    bank = load_selected_banks(args, progress=True)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**31)
    config = ExamConfig(tags=tuple(args.tag), banks=tuple(args.bank), seed=seed)
    chosen = None
    if args.blueprint is not None:
        chosen = find_blueprint(args.blueprint, bank.infos)
        config = ExamConfig.from_blueprint(chosen, tags=config.tags, banks=config.banks, seed=seed)
    count = config.count if args.count is None else args.count
    config = replace(
        config,
        count=count,
        minutes=(config.minutes if chosen else 2 * count) if args.minutes is None else args.minutes,
        pass_mark=config.pass_mark if args.pass_mark is None else args.pass_mark / 100,
    )
    config.check()
    scope = run_scope(args, bank)
    pool = eligible_questions(scope.questions(bank), config.tags, config.banks)
    if not pool:
        where = "" if scope.is_everything else " in what you chose to study"
        raise ExamError(f"no question{where} matches {describe_selection(config)}")
    if chosen is not None:
        drawn = plan(chosen, chosen.split(pool))
        if not drawn.total:
            raise ExamError(f"no question matches a domain of blueprint {chosen.name}")
        for line in drawn.thin():
            say(f"quiz exam: blueprint {chosen.name}: {line}", err=True)
    app = QuizApp(bank, paths.progress_db(), exam=config, scope=command_scope(args, bank))
    app.run()
    return app.return_code or 0


def print_report(args: argparse.Namespace) -> int:
    """Print the report of a finished exam as text or JSON."""
    from quiz.commands._shared import load_selected_banks, say
    from quiz.exam import ExamError, ExamSession
    from quiz.store import Store, utc_now

    with Store() as store:
        exam_id = resolve_exam_id(store, args.report)
        bank = load_selected_banks(args)
        session = ExamSession.load(store, exam_id, bank.by_key(), utc_now)
        if not session.finished:
            raise ExamError(f"exam {exam_id} is still running; finish it in the app first")
        report = session.report()
    if args.json:
        say(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        say("\n".join(report_lines(report)))
    return 0


def resolve_exam_id(store: Store, wanted: str) -> int:
    """``LAST`` (the latest finished exam) or an exam number."""
    from quiz.exam import ExamError

    if wanted.casefold() == "last":
        finished = store.finished_exams()
        if not finished:
            raise ExamError("no finished mock exam yet")
        return max(finished, key=lambda exam: (exam.finished_at, exam.id)).id
    if not (wanted.isascii() and wanted.isdigit()) or not 0 < int(wanted) < 2**63:
        raise ExamError(f"--report takes LAST or an exam number, not {wanted!r}")
    return int(wanted)


def report_lines(report: ExamReport) -> list[str]:
    """The text report: score, time, weakest domains/topics/traps, flagged, trend."""
    from quiz.exam import Tally, format_remaining

    verdict = "PASS" if report.passed else "FAIL"
    lines = [
        f"Mock exam {report.exam_id} ({report.config.preset}) — {verdict}",
        f"score      {report.correct}/{report.total} ({report.score:.0%}),"
        f" pass mark {report.config.pass_mark:.0%}",
        f"time used  {format_remaining(report.time_used)}"
        f" of {format_remaining(report.config.time_limit)}"
        + (" (time ran out)" if report.end_reason == "timeout" else ""),
        f"unanswered {report.unanswered}",
    ]
    if report.partly:
        lines.append(f"partly     {report.partly} (too few picks: wrong)")
    if report.guesses:
        lines.append(f"guesses    {report.guesses}")
    previous = report.previous
    if previous is not None:
        change = (report.score - previous.score) * 100
        lines.append(f"trend      {change:+.0f} points vs exam {previous.exam_id}")

    def table(title: str, rows: tuple[Tally, ...]) -> None:
        if not rows:
            return
        lines.extend(["", f"{title} (weakest first)"])
        width = max(len(row.name) for row in rows[:REPORT_TOP])
        for row in rows[:REPORT_TOP]:
            lines.append(
                f"  {row.name:<{width}}  {row.correct:>3}/{row.total:<3} {row.accuracy:>4.0%}"
            )
        if len(rows) > REPORT_TOP:
            lines.append(f"  … and {len(rows) - REPORT_TOP} more")

    table("By domain", report.by_domain)
    table("By topic", report.by_topic)
    table("By trap", report.by_trap)
    if report.flagged:
        lines.extend(["", "Flagged"])
        for result in report.flagged:
            lines.append(f"  Q{result.number:<3} {result.question.key}  {result.outcome}")
    return lines
