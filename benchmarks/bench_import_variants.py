"""Issue 12's accuracy figure: how many unique questions of a real-shaped bank come out right.

Run: .venv/bin/python benchmarks/bench_import_variants.py [--seed 12] [--rounds 5] [--show 8]
Builds the variant bank of the dev corpus (``variant_bank.py``: by-order folders with
hand-grown template files, topic-folder copies with and without ``_bN``, re-formatted
copies), imports the corpus's by-order folders in-process as the reference, then imports
the variant bank as a whole ``python -m quiz import BANK --out DIR`` (median, min, max of
the rounds) and in-process, reads the records written to --out and prints: unique
questions expected vs records, duplicate records, "N of M unique questions right", the
questions with a mismatch per field and per variation, and the first mismatches in detail.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from variant_bank import Evaluation, by_order_folders, evaluate, make_variant_bank, read_records

from quiz.importer import find_sources, import_sources
from quiz.model import Question

ROOT = Path(__file__).resolve().parent.parent
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
WIDTH = 110


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--show", type=int, default=8, help="mismatches shown in detail")
    parser.add_argument("--corpus", type=Path, default=DEV_CORPUS)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"{args.corpus}: not available, nothing to measure")
        return
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        bank = work / "bank"
        manifest = make_variant_bank(args.corpus, bank, args.seed)
        files = manifest["files"]
        topic = sum(not name.startswith("by-order_") for name in files)
        print(
            f"variant bank (seed {args.seed}): {len(files)} files ({len(files) - topic} in "
            f"by-order folders, {topic} topic-folder copies in {len(manifest['domains'])} "
            f"domains), {len(manifest['questions'])} unique questions"
        )
        reference = import_sources(find_sources(by_order_folders(args.corpus))).questions
        out = whole_command(bank, work, args.rounds)
        from_records = evaluate(reference, read_records(out), manifest)
        in_process = in_process_import(bank, args.rounds)
        from_memory = evaluate(reference, in_process, manifest)
        print_evaluation(from_records, args.show)
        same = summary(from_memory) == summary(from_records)
        print(f"in-process import: {summary(from_memory)} ({'same' if same else 'NOT the same'})")


def whole_command(bank: Path, work: Path, rounds: int) -> Path:
    """Time ``quiz import`` as a process, each round into a fresh --out; the last --out."""
    env = {**os.environ, "QUIZ_DATA_DIR": str(work / "data")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    times: list[float] = []
    out, result = work / "out", None
    for number in range(rounds):
        out = work / f"out-{number}"
        command = [sys.executable, "-m", "quiz", "import", str(bank), "--out", str(out)]
        start = time.perf_counter()
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
    assert result is not None
    count = len(find_sources([bank]))
    median = statistics.median(times)
    lines = result.stderr.splitlines()
    merged = sum(line.startswith("merged ") for line in lines)
    print(
        f"quiz import (whole process, {rounds} runs): median {median:.2f} s "
        f"(min {min(times):.2f}, max {max(times):.2f}) = {count / median:.0f} files/s; "
        f"exit {result.returncode}; {len(lines)} lines on stderr ({merged} 'merged')"
    )
    print(f"  last line: {result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ''}")
    failures = [line for line in lines if not line.startswith(("merged ", "importing ["))]
    for line in failures[:5]:
        print(f"  stderr: {cut(line)}")
    if len(failures) > 5:
        print(f"  stderr: … {len(failures) - 5} more lines that are not 'merged'")
    return out


def in_process_import(bank: Path, rounds: int) -> list[Question]:
    times: list[float] = []
    questions: list[Question] = []
    sources = find_sources([bank])
    for _ in range(rounds):
        start = time.perf_counter()
        questions = import_sources(sources).questions
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(
        f"import_sources (in-process, {rounds} runs): median {median * 1000:.0f} ms "
        f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}) = "
        f"{len(sources) / median:.0f} files/s"
    )
    return questions


def summary(result: Evaluation) -> str:
    share = 100 * result.right / result.expected if result.expected else 0.0
    return (
        f"{result.right} of {result.expected} unique questions right ({share:.1f}%); "
        f"{result.records} records, {result.duplicate_records} duplicate records, "
        f"{len(result.missing)} questions without a record, "
        f"{len(result.unmatched)} records of no known question"
    )


def print_evaluation(result: Evaluation, show: int) -> None:
    print(f"records read from --out: {summary(result)}")
    print("\nquestions with a mismatch, per field:")
    for name, count in result.per_field().most_common():
        print(f"  {name:<14} {count:>4}")
    print("\nper variation: questions carrying it, how many right, the fields wrong among them")
    for variation, (count, wrong, fields) in sorted(result.per_variation().items()):
        top = ", ".join(f"{name} {n}" for name, n in fields.most_common(4))
        print(f"  {variation:<18} {count:>4} {count - wrong:>4} right  {top}")
    print(f"\nfirst {show} mismatches (expected / got, after normalising whitespace and emphasis):")
    seen: set[str] = set()
    for mismatch in result.mismatches:
        if len(seen) >= show or (mismatch.field in seen):
            continue
        seen.add(mismatch.field)  # one example per field
        print(f"- {mismatch.key} [{mismatch.field}] variations: {', '.join(mismatch.variations)}")
        expected, got = around_difference(mismatch.expected, mismatch.got)
        print(f"    expected: {expected}")
        print(f"    got:      {got}")


def around_difference(first: str, second: str, width: int = WIDTH) -> tuple[str, str]:
    """The two texts cut to ``width`` around the first place where they differ."""
    at = next((i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b), None)
    at = min(len(first), len(second)) if at is None else at
    start = max(0, at - width // 3)
    return tuple(  # type: ignore[return-value]
        ("…" if start else "") + cut(text[start:], width) for text in (first, second)
    )


def cut(text: str, width: int = WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


if __name__ == "__main__":
    main()
