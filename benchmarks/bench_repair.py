"""Benchmark the repair of damaged text on damaged copies of the dev corpus.

Damages every zh-template file of ../shared/corpus/dev/by-order_b1 the way the broken
transfer did, repairs it (one file at a time, then all together as a batch), and prints:
the share of damaged characters that came back exactly (per file and overall), the
characters changed that were not damaged, the uncertain choices, and the speed (wall
clock, and CPU time, which other work on the machine does not inflate; per KB of the
original text, median of --runs runs with min and max), and the report of uncertain
choices: the share of the mistakes it lists, the share of the damaged characters it
lists, per file and overall, and the recovery after a simulated review; and the trade-off
the calibrated confidence allows: the share of the damaged characters that listing the
least confident first must show to hold 80, 90, 95 and 100% of the mistakes. Then, as a mixed
import would have it, each of the first N files is repaired in a batch where the other
files are clean. ``--bundled`` takes the Chinese records of the bundled bank instead
(questions/*/*.yaml): text the repair model was never tuned on.

    .venv/bin/python benchmarks/bench_repair.py [--corpus DIR | --bundled] [--verbose]
        [--with-clean N] [--runs 5] [--every N]
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from figures import spread

from quiz.repair import Repairer, RepairResult, damage, repairer
from quiz.repair.damage import is_hit

BUNDLED = Path(__file__).resolve().parent.parent / "questions"
HAN_CHARACTER = re.compile("[\u4e00-\u9fff]")
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/corpus/dev/by-order_b1"


def score(original: str, repaired: str) -> tuple[int, int, int, list[tuple[str, str, str, int]]]:
    """(damaged chars, recovered, undamaged chars changed, mistakes with context and
    offset in the repaired text, -1 if lost)."""
    if len(original) != len(repaired):
        matcher = difflib.SequenceMatcher(None, original, repaired, autojunk=False)
        pairs = []
        for tag, a0, a1, b0, b1 in matcher.get_opcodes():
            if tag == "equal" or (a1 - a0 == b1 - b0):
                pairs.extend(zip(range(a0, a1), range(b0, b1), strict=True))
            else:
                pairs.extend((a, -1) for a in range(a0, a1))
    else:
        pairs = [(index, index) for index in range(len(original))]
    damaged = recovered = changed = 0
    mistakes = []
    for a, b in pairs:
        got = repaired[b] if b >= 0 else ""
        if is_hit(original[a]):
            damaged += 1
            if got == original[a]:
                recovered += 1
            else:
                context = original[max(0, a - 6) : a + 6].replace("\n", "⏎")
                mistakes.append((original[a], got, context, b))
        elif got != original[a]:
            changed += 1
    return damaged, recovered, changed, mistakes


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text`` (``(0, 0)`` for -1)."""
    if offset < 0:
        return (0, 0)
    line_start = text.rfind("\n", 0, offset) + 1
    return (text.count("\n", 0, offset) + 1, offset - line_start + 1)


def main() -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--bundled", action="store_true", help="the bundled bank's records, not the corpus"
    )
    parser.add_argument("--verbose", action="store_true", help="list every mistake")
    parser.add_argument(
        "--with-clean",
        type=int,
        default=10,
        metavar="N",
        help="also repair each of the first N files with the other files clean beside it",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each way")
    parser.add_argument("--every", type=int, default=1, metavar="N", help="every Nth file only")
    args = parser.parse_args()
    if args.bundled:
        bundled = sorted(BUNDLED.glob("*/*.yaml"))
        files = [path for path in bundled if HAN_CHARACTER.search(path.read_text("utf-8"))]
    else:
        files = sorted(args.corpus.glob("Q-*.md"))
    files = files[:: args.every]
    if not files:
        print(f"no question files under {BUNDLED if args.bundled else args.corpus}")
        return 1
    originals = [path.read_text(encoding="utf-8") for path in files]
    damaged_texts = [damage(text) for text in originals]
    size_kb = sum(len(text.encode("utf-8")) for text in originals) / 1024  # speed per KB of it
    damaged_kb = sum(len(text.encode("utf-8")) for text in damaged_texts) / 1024

    os.environ.setdefault("QUIZ_DATA_DIR", tempfile.mkdtemp(prefix="bench-repair-"))
    started = time.perf_counter()
    lexicon = Repairer().lexicon  # load (or build) the model outside the timed runs
    print(
        f"{len(files)} files, {size_kb:.0f} KB of original text ({damaged_kb:.0f} KB damaged); "
        f"model loaded in {time.perf_counter() - started:.2f} s"
    )

    def fresh() -> Repairer:  # each run starts with an empty memory of decoded stretches
        return Repairer(load=lambda: lexicon)

    runs = [
        ("one at a time", lambda: [fresh().repair(text) for text in damaged_texts]),
        ("batch", lambda: fresh().repair_many(damaged_texts)),
    ]
    for label, run in runs:
        walls, cpus = [], []
        for _ in range(args.runs):
            wall, cpu = time.perf_counter(), time.process_time()
            results = run()  # the same every run
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        report(label, files, originals, results, (walls, cpus), size_kb, args.verbose)

    listing_all = repairer.CONFIDENT
    repairer.CONFIDENT = 2.0  # every choice listed, with its calibrated confidence
    tradeoff(originals, fresh().repair_many(damaged_texts))
    repairer.CONFIDENT = listing_all

    sample = range(min(args.with_clean, len(files)))
    if sample:
        results = []
        for index in sample:  # the others clean in the same batch, as a mixed import has them
            batch = [damaged_texts[index], *(originals[:index] + originals[index + 1 :])]
            results.append(fresh().repair_many(batch)[0])
        print(f"\n== each of the first {len(sample)} files damaged, the other files clean")
        summarize([files[i] for i in sample], [originals[i] for i in sample], results, False)
    return 0


def report(
    label: str,
    files: list[Path],
    originals: list[str],
    results: list[RepairResult],
    timing: tuple[list[float], list[float]],
    size_kb: float,
    verbose: bool,
) -> None:
    """Print the figures of one way of repairing: recovery, and its speed over the runs."""
    print(f"\n== {label}")
    summarize(files, originals, results, verbose)
    walls, cpus = timing
    print("speed, per KB of original text:")
    print(f"  wall clock  {spread([size_kb / wall for wall in walls], 'KB/s', 0)}")
    print(f"  CPU time    {spread([size_kb / cpu for cpu in cpus], 'KB/s', 0)}")


def summarize(
    files: list[Path], originals: list[str], results: list[RepairResult], verbose: bool
) -> None:
    """Recovery per file and overall, undamaged characters changed, and the report: the
    share of the mistakes it lists (recall), the share of the damaged characters it lists,
    and the recovery after a review that accepts the top candidate of every unlisted choice
    and the right character for every listed one."""
    total_damaged = total_recovered = total_changed = total_uncertain = flagged = offered = 0
    rates, recalls, shares = [], [], []
    all_mistakes = []
    for path, original, result in zip(files, originals, results, strict=True):
        damaged, recovered, changed, mistakes = score(original, result.text)
        total_damaged += damaged
        total_recovered += recovered
        total_changed += changed
        total_uncertain += len(result.uncertain)
        rates.append((recovered / damaged if damaged else 1.0, path.name))
        all_mistakes.extend((path.name, *mistake[:3]) for mistake in mistakes)
        reported = {(item.line, item.column): item for item in result.uncertain}
        listed = [reported.get(position(result.text, b)) for *_, b in mistakes]
        found = sum(item is not None for item in listed)
        flagged += found
        offered += sum(  # the right character is among the candidates shown
            item is not None and any(char == want for char, _ in item.candidates)
            for item, (want, *_) in zip(listed, mistakes, strict=True)
        )
        if mistakes:
            recalls.append((found / len(mistakes), path.name))
        shares.append((len(result.uncertain) / damaged if damaged else 0.0, path.name))
    worst = sorted(rates)[:3]
    total = max(total_damaged, 1)
    print(
        f"recovered {total_recovered}/{total_damaged} damaged characters "
        f"= {100 * total_recovered / total:.2f}%"
    )
    print("per file: min " + ", ".join(f"{100 * rate:.2f}% ({name})" for rate, name in worst))
    print(f"files at >= 99%: {sum(rate >= 0.99 for rate, _ in rates)}/{len(rates)}")
    print(f"undamaged characters changed (collateral): {total_changed}")
    print(
        f"report: {total_uncertain} uncertain choices = {100 * total_uncertain / total:.2f}% "
        f"of the damaged characters; it holds {flagged} of the {len(all_mistakes)} mistakes "
        f"= {100 * flagged / max(len(all_mistakes), 1):.1f}% (the right character among the "
        f"candidates for {offered})"
    )
    print(
        "  per file: recall min "
        + ", ".join(f"{100 * rate:.0f}% ({name})" for rate, name in sorted(recalls)[:3])
        + f", {sum(rate >= 0.95 for rate, _ in recalls)}/{len(recalls)} files with mistakes "
        "at >= 95%; listed share max "
        + ", ".join(f"{100 * rate:.1f}% ({name})" for rate, name in sorted(shares)[-3:])
        + f", {sum(rate <= 0.05 for rate, _ in shares)}/{len(shares)} files at <= 5%"
    )
    print(
        f"after a simulated review: {total_recovered + flagged}/{total_damaged} "
        f"= {100 * (total_recovered + flagged) / total:.2f}%"
    )
    if verbose:
        for name, want, got, context in all_mistakes:
            print(f"  {name}: {want!r} -> {got!r}  in {context}")


def tradeoff(originals: list[str], results: list[RepairResult]) -> None:
    """Print the listed share that each recall of the report needs, listing the least
    confident choices first (``results``: every choice listed)."""
    ranked = []  # (confidence, wrong) of every choice
    for original, result in zip(originals, results, strict=True):
        *_, mistakes = score(original, result.text)
        wrong = {position(result.text, b) for *_, b in mistakes}
        ranked.extend(
            (item.confidence, (item.line, item.column) in wrong) for item in result.uncertain
        )
    ranked.sort(key=lambda pair: pair[0])
    total_wrong = sum(wrong for _, wrong in ranked)
    found, needed = 0, {}
    for count, (_, wrong) in enumerate(ranked, 1):
        found += wrong
        for target in (0.8, 0.9, 0.95, 1.0):
            if target not in needed and found >= target * total_wrong:
                needed[target] = count / max(len(ranked), 1)
    print(
        "\ntrade-off (batch), the least confident listed first: recall "
        + ", ".join(f"{100 * t:.0f}% needs {100 * share:.1f}%" for t, share in needed.items())
        + " of the damaged characters listed"
    )


if __name__ == "__main__":
    raise SystemExit(main())
