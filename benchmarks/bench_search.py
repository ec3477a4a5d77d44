"""Search as you type on a real-sized bank (issue 14: each keystroke < 50 ms median, < 100 ms max).

A bank of --questions questions made by real_bank.py. In process, the index warm: every
prefix of a few realistic queries (English and Chinese, typed letter by letter) searched
--runs times with ``quiz.search.search``; the figures are over every keystroke's runs, with
the slowest keystroke named; the first search after a cold start, which builds the
trigram table, and ``prepare``, which builds it ahead. Whole processes, median of --runs
with min and max: ``quiz list --search`` warm, and cold ``quiz list`` (index rebuilt)
with this code and, when ``--before`` names a checkout of the code before the search
table, with that code: what the search table adds to a cold start.

    python benchmarks/bench_search.py [--questions 5000] [--runs 5] [--before DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from figures import quiz_command, quiz_environment, run_to_exit, spread
from real_bank import DEV_CORPUS, generate, make_cold

from quiz import paths
from quiz.bank import load_banks
from quiz.search import prepare, search

QUERIES = ("max_concurrent_runs", "delta lake checkpoint", "unity catalog", "記憶法", "口訣")


def keystrokes(query: str) -> list[str]:
    """What the search box holds after each key typed."""
    return [query[:end] for end in range(1, len(query) + 1)]


def typing(bank_dir: Path, data: Path, runs: int) -> None:
    """Print the search time per keystroke of each query, and over them all."""
    paths.use_data_dir(data)
    bank = load_banks([bank_dir])
    prepare(bank)  # (the first search after a cold start is measured apart)
    every: list[float] = []
    slowest = (0.0, "")
    for query in QUERIES:
        times: list[float] = []
        for text in keystrokes(query):
            for _ in range(runs):
                start = time.perf_counter()
                found = search(bank, text)
                seconds = (time.perf_counter() - start) * 1000
                times.append(seconds)
                slowest = max(slowest, (seconds, text))
        every += times
        print(f"  {query!r:24} ({len(found):4} found) {spread(times, 'ms')}")
    print(f"  every keystroke          {spread(every, 'ms')}; slowest {slowest[1]!r}")


def first_search(listing: list[str], env: dict[str, str], work: Path, runs: int) -> None:
    """Print what the first search after a cold start costs (it builds the trigram table),
    and ``quiz.search.prepare``, which does the same ahead."""
    data, bank_dir = work / "data", work / "bank"
    for label, action in (("first search", "search"), ("prepare", "prepare")):
        seconds = []
        for _ in range(runs):
            make_cold(data, bank_dir)
            run_to_exit(listing, env)  # the index, without its trigram table
            bank = load_banks([bank_dir])
            start = time.perf_counter()
            search(bank, "checkpoint") if action == "search" else prepare(bank)
            seconds.append(time.perf_counter() - start)
        print(f"  {label + ' after a cold start':34} {spread(seconds, 's')}")


def main() -> int:
    """Parse arguments, generate the bank, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path, help="a checkout of the code before")
    args = parser.parse_args()
    if not DEV_CORPUS.is_dir():
        print(f"{DEV_CORPUS} is not available: nothing measured")
        return 0
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        sizes = generate(work, args.questions, 0)
        data, bank = work / "data", work / "bank"
        print(f"{sizes.line()}")
        env = quiz_environment(work / "bytecode")
        # (-P: not the current directory first on the path, so --before is what runs)
        listing = [sys.executable, "-P", *quiz_command(data, bank, "list")[1:]]
        run_to_exit(listing, env)  # bytecode and index
        print(f"search per keystroke, in process ({args.runs} runs of each):")
        typing(bank, data, args.runs)
        first_search(listing, env, work, args.runs)
        print("whole processes:")
        for query in ("checkpoint", "記憶法"):
            runs = [run_to_exit([*listing, "--search", query], env) for _ in range(args.runs)]
            lines = runs[0].output.count(b"\n")
            label = f"list --search {query} ({lines} lines)"
            print(f"  {label:34} {spread([run.seconds for run in runs], 's')}")
        codes = {"this code": env}
        if args.before:
            before = quiz_environment(work / "bytecode-before")
            before["PYTHONPATH"] = str(args.before.resolve())
            run_to_exit(listing, before)
            codes["before"] = before
        for name, code_env in codes.items():
            runs = []
            for _ in range(args.runs):
                make_cold(data, bank)
                runs.append(run_to_exit(listing, code_env))
            seconds = [run.seconds for run in runs]
            peak = statistics.median(run.peak_mb for run in runs)
            size = sum(file.stat().st_size for file in data.rglob("bank-*.sqlite3*")) / 2**20
            print(
                f"  {'list cold, ' + name:34} {spread(seconds, 's')}; peak median {peak:.0f} MB;"
                f" index {size:.1f} MB"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
