"""Import speed and memory, and `quiz list` time on a 5,000-question bank.

Run: .venv/bin/python benchmarks/bench_import.py [--count 5000]
Prints: dev-corpus files/s (../shared, when present), the synthetic bank's
import time and peak memory, and `quiz list` wall time (cold and warm cache).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic_bank import write_bank

from quiz import paths
from quiz.bank import write_records
from quiz.importer import find_sources, import_sources

ROOT = Path(__file__).resolve().parent.parent
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_dev_corpus(rounds: int = 5) -> None:
    if not DEV_CORPUS.is_dir():
        print("dev corpus: not available, skipped")
        return
    sources = find_sources([DEV_CORPUS])
    size = sum(s.path.stat().st_size for s in sources)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        report = import_sources(sources)
        best = min(best, time.perf_counter() - start)
    print(
        f"dev corpus: {len(sources)} files, {size / 1e6:.2f} MB, "
        f"{len(report.questions)} questions, {len(report.failed)} failed -> "
        f"best of {rounds}: {best * 1000:.0f} ms = {len(sources) / best:.0f} files/s"
    )


def bench_synthetic(count: int, work: Path) -> Path:
    files = write_bank(work / "src", count)
    size = sum(f.stat().st_size for f in files)
    before = peak_rss_mb()
    start = time.perf_counter()
    report = import_sources(find_sources([work / "src"]))
    parsed = time.perf_counter() - start
    out = work / "bank"
    write_records(out, report.questions)
    total = time.perf_counter() - start
    print(
        f"synthetic: {count} files, {size / 1e6:.1f} MB -> {len(report.questions)} questions, "
        f"parse {parsed:.1f} s, parse+write {total:.1f} s, "
        f"peak RSS {peak_rss_mb():.0f} MB (was {before:.0f} MB before)"
    )
    return out


def bench_list(bank: Path, data: Path) -> None:
    env = {**os.environ, "QUIZ_DATA_DIR": str(data)}
    command = [sys.executable, "-m", "quiz", "list", "--bank-dir", str(bank)]
    runs = ["cache primed by the import", "warm cache", "warm cache", "no cache"]
    for label in runs:
        if label == "no cache":
            shutil.rmtree(paths.cache_dir())
        start = time.perf_counter()
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        elapsed = time.perf_counter() - start
        lines = result.stdout.count("\n")
        print(f"quiz list ({label}): {lines} lines in {elapsed:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=5000)
    args = parser.parse_args()
    bench_dev_corpus()
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        paths.use_data_dir(work / "data")
        bank = bench_synthetic(args.count, work)
        bench_list(bank, work / "data")


if __name__ == "__main__":
    main()
