"""``quiz ready [--blueprint NAME] [--json]``: the forecast of today's exam score."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quiz.forecast import Readiness

DEFAULT_BLUEPRINT = "Professional"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``ready`` subcommand."""
    from quiz.cli import add_bank_dir_option

    parser = subparsers.add_parser(
        "ready",
        help="would you pass today? the forecast score by domain",
        description="Forecast today's score on an exam drawn to a blueprint, per domain, "
        "with the chance of passing, its 80%% band, and what would raise it most.",
    )
    parser.add_argument(
        "--blueprint", default=DEFAULT_BLUEPRINT, metavar="NAME", help="default Professional"
    )
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    add_bank_dir_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the readiness forecast of the stored progress over the selected banks."""
    from quiz.blueprint import BlueprintError, catalogue
    from quiz.commands._shared import load_selected_banks, say
    from quiz.forecast import readiness
    from quiz.store import Store, utc_now

    bank = load_selected_banks(args)
    try:
        chosen = catalogue(bank.infos).find(args.blueprint)
    except BlueprintError as error:
        say(f"quiz ready: {error}", err=True)
        return 2
    with Store() as store:  # a StoreError is one line from quiz.cli
        found = readiness(store, bank.infos, chosen, utc_now())
    if args.json:
        say(json.dumps(found.to_dict(), indent=1, ensure_ascii=False))
    else:
        say("\n".join(ready_lines(found)))
    return 0


def ready_lines(found: Readiness) -> list[str]:
    """The forecast as text: headline, domains, what to study, calibration."""
    from quiz.words import percent, plural

    blueprint = found.blueprint
    if not found.answered:
        lines = [
            f"{blueprint.name}: no answer yet — practise in the app (quiz) or take a mock exam"
            " (quiz exam) and the forecast follows; until then every chance is a guess of 50%"
        ]
    else:
        lines = [
            f"{blueprint.name}: {found.expected:.0%} ± {100 * found.margin:.0f} "
            f"(80% band {found.low:.0%}–{found.high:.0%}), pass chance "
            f"{found.pass_chance_text} at {blueprint.pass_mark:.0%} on "
            f"{plural(found.questions, 'question')}",
        ]
    weakest = found.weakest
    if weakest is not None and found.answered:
        lines.append(f"weakest: {weakest.name}")
    lines.append(
        f"from {plural(found.answered, 'question')} answered of "
        f"{sum(d.questions for d in found.domains)} in the blueprint's domains"
        + (f" ({found.unmatched} more match none)" if found.unmatched else "")
    )
    width = max(len(d.name) for d in found.domains)
    lines += ["", f"  {'domain':<{width}}  weight  drawn  questions  seen  due  forecast"]
    for d in found.domains:
        lines.append(
            f"  {d.name:<{width}}  {d.weight:>5g}%  {d.drawn:>5}  {d.questions:>9}  "
            f"{d.seen:>4}  {d.due:>3}  {percent(d.expected):>8}"
        )
    lines += [f"thin: {line}" for line in found.thin]
    if found.suggestions:
        lines += ["", "what would raise it most"]
        for s in found.suggestions:
            lines.append(
                f"  {s.domain}: {plural(s.questions, f'{s.kind} question')}, "
                f"+{s.points:.1f} points in {s.minutes:.0f} min"
            )
    calibration = found.calibration
    lines.append("")
    lines.append(f"forecast vs mock exams: {calibration.summary}")
    return lines
