"""``quiz blueprint list|show NAME``: the exam blueprints known, and how the banks fill one."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from quiz.blueprint import Blueprint
    from quiz.model import Described


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``blueprint`` subcommand."""
    from quiz.cli import add_bank_dir_option

    parser = subparsers.add_parser(
        "blueprint",
        help="list the exam blueprints, or show one",
        description="Blueprints are exams as their guides describe them: questions, minutes, "
        "pass mark and weighted domains. Add or edit one in <data dir>/blueprints/.",
    )
    parser.add_argument("action", choices=("list", "show"))
    parser.add_argument("name", nargs="?", help="with show: the blueprint")
    add_bank_dir_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """List the blueprints, or show one with what the banks give each of its domains."""
    from quiz.blueprint import BlueprintError, catalogue
    from quiz.commands._shared import load_selected_banks, print_problems, say

    bank = load_selected_banks(args)
    found = catalogue(bank.infos)
    if args.action == "list":
        print_problems(found.problems)
        for blueprint in found.blueprints:
            say(summary(blueprint))
        return 1 if found.problems else 0
    if not args.name:
        say("quiz blueprint show: give the blueprint's name (see `quiz blueprint list`)", err=True)
        return 2
    try:
        chosen = found.find(args.name)
    except BlueprintError as error:
        say(f"quiz blueprint: {error}", err=True)
        return 2
    say("\n".join(details(chosen, bank.infos)))
    return 0


def summary(blueprint: Blueprint) -> str:
    """One line: name, format, guide and where it comes from."""
    dated = f", {blueprint.guide_date}" if blueprint.guide_date else ""
    return (
        f"{blueprint.name}: {blueprint.questions} questions, {blueprint.minutes} min, "
        f"pass {blueprint.pass_mark:.0%} ({blueprint.guide}{dated}) — {blueprint.source}"
    )


def details(blueprint: Blueprint, pool: Sequence[Described]) -> list[str]:
    """The blueprint's domains, weights, and the questions the banks give each."""
    from quiz.blueprint import plan

    split = blueprint.split(pool)
    counts = plan(blueprint, split)
    lines = [summary(blueprint), f"exam: {blueprint.exam}"]
    if blueprint.note:
        lines.append(f"note: {blueprint.note}")
    width = max(len(domain.name) for domain in blueprint.domains)
    lines += ["", f"  {'domain':<{width}}  weight  drawn  in banks"]
    for domain, want, room in zip(blueprint.domains, counts.counts, counts.available, strict=True):
        lines.append(f"  {domain.name:<{width}}  {domain.weight:>5g}%  {want:>5}  {room:>8}")
    unmatched = len(pool) - sum(counts.available)
    lines.append(f"  {unmatched} of {len(pool)} questions match no domain")
    lines += [f"thin: {line}" for line in counts.thin()]
    return lines
