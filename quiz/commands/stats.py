"""``quiz stats [--json]``: progress as a readable table, or JSON for scripts."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from quiz.words import percent, plural

if TYPE_CHECKING:
    from quiz.forecast import Calibration
    from quiz.learning import StudyStats

FORECAST_DAYS = 7
RECENT_DAYS = 14
RECENT_EXAMS = 10


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``stats`` subcommand."""
    from quiz.cli import add_bank_dir_option

    parser = subparsers.add_parser("stats", help="accuracy per tag, streak, due reviews")
    add_bank_dir_option(parser)
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the statistics of the stored progress over the selected banks."""
    from datetime import datetime

    from quiz.commands._shared import load_selected_banks, say
    from quiz.learning import study_stats
    from quiz.store import Store

    bank = load_selected_banks(args)
    with Store() as store:  # a StoreError is one line from quiz.cli
        stats = study_stats(store, bank.infos, datetime.now().astimezone())
    if args.json:
        say(json.dumps(stats_json(stats), indent=1, ensure_ascii=False))
    else:
        say(stats_table(stats))
    return 0


def stats_table(stats: StudyStats) -> str:
    """A plain-text report: headline, tags weakest first, recent days, due forecast, leeches,
    and the readiness forecasts against the mock exams."""
    lines = [
        f"answers {stats.answers}  right {percent(stats.accuracy)}  "
        f"questions seen {stats.questions_answered}/{stats.questions_total}  "
        f"streak {plural(stats.streak_days, 'day')}  due now {stats.due.now}"
        + (f" ({stats.due.back})" if stats.due.back else ""),
        f"guesses: {stats.guesses_line}",
        "",
        f"{'tag':<26} {'kind':<5} {'questions':>9} {'answers':>7} {'right':>5} {'score':>5}",
    ]
    for score in stats.tags:
        lines.append(
            f"{score.tag:<26} {score.kind:<5} {score.questions:>9} {score.attempts:>7} "
            f"{percent(score.accuracy):>5} {percent(score.score) if score.attempts else '-':>5}"
        )
    if stats.days:
        lines += ["", "day         answers right"]
        for day in stats.days[-RECENT_DAYS:]:
            lines.append(f"{day.day.isoformat()}  {day.answers:>7} {day.correct:>5}")
    lines += ["", "due " + "  ".join(f"{d:%m-%d}:{n}" for d, n in stats.forecast[:FORECAST_DAYS])]
    if stats.leeches:
        lines += ["", "leeches (missed again and again)"]
        for leech in stats.leeches:
            suspended = "  suspended" if leech.suspended else ""
            lines.append(
                f"  {leech.question.key}  missed {leech.misses}/{leech.attempts}{suspended}"
            )
    if stats.forecasts.exams:
        lines += ["", *forecast_lines(stats)]
    return "\n".join(lines)


def forecast_lines(stats: StudyStats) -> list[str]:
    """The latest mock exams' forecast and score, one a line, then the mean absolute error."""
    from quiz.forecast import drawn_to, outcome_line

    recent = stats.forecasts.outcomes[-RECENT_EXAMS:]
    shown = "" if len(recent) == stats.forecasts.exams else f" (the last {len(recent)})"
    width = max(len(drawn_to(outcome)) for outcome in recent)
    return [
        f"forecast vs actual{shown}",
        *(outcome_line(outcome, width) for outcome in recent),
        stats.forecasts.summary,
    ]


def stats_json(stats: StudyStats) -> dict[str, Any]:
    """The statistics as JSON-ready data."""
    return {
        "answers": stats.answers,
        "correct": stats.correct,
        "accuracy": stats.accuracy,
        "questions_answered": stats.questions_answered,
        "questions_total": stats.questions_total,
        "streak_days": stats.streak_days,
        "due_now": stats.due.now,
        "due_soon": stats.due.soon,
        "guesses": stats.guesses,
        "guessed_correct": stats.guessed_correct,
        "tags": [
            {
                "tag": s.tag,
                "kind": s.kind,
                "questions": s.questions,
                "answers": s.attempts,
                "correct": s.correct,
                "accuracy": s.accuracy,
                "score": s.score if s.attempts else None,
            }
            for s in stats.tags
        ],
        "days": [
            {"day": d.day.isoformat(), "answers": d.answers, "correct": d.correct}
            for d in stats.days
        ],
        "forecast": [{"day": d.isoformat(), "due": n} for d, n in stats.forecast],
        "leeches": [
            {
                "key": leech.question.key,
                "answers": leech.attempts,
                "missed": leech.misses,
                "suspended": leech.suspended,
            }
            for leech in stats.leeches
        ],
        "forecasts": forecasts_json(stats.forecasts),
    }


def forecasts_json(past: Calibration) -> dict[str, Any]:
    """Every mock exam's forecast and score (in percent), oldest first, and their error."""

    def pct(value: float) -> float:
        return round(100 * value, 1)

    mae = past.mean_absolute_error
    return {
        "exams": past.exams,
        "mean_absolute_error": None if mae is None else round(mae, 1),
        "in_band": past.in_band,
        "outcomes": [
            {
                "blueprint": o.forecast.blueprint,
                "made_at": o.forecast.made_at.isoformat(),
                "expected": pct(o.forecast.expected),
                "low": pct(o.forecast.low),
                "high": pct(o.forecast.high),
                "actual": pct(o.correct / o.total),
                "correct": o.correct,
                "total": o.total,
                "finished_at": o.finished_at.isoformat(),
            }
            for o in past.outcomes
        ],
    }
