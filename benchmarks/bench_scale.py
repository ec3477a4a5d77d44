"""Whole-process figures on real-sized banks of 500 / 5,000 / 20,000 questions (issue 13).

For each size, a bank made by real_bank.py (20 answers a question in the progress
database) and, every figure the median of --runs runs with min and max:
- `quiz list`, start to exit, and its peak memory: warm (the cache/index of the previous
  run), after one YAML record changed (edited and written between runs) and cold (all
  that can be rebuilt removed first, see ``real_bank.make_cold``);
- the app, start to its home screen: a whole process in a pseudo-terminal (100x30),
  timed from spawn until its output shows the home screen's bank line ("N questions in
  M banks"), then killed; warm and cold;
- in process, beside them: ``load_banks`` of the same directories (warm, cold), and the
  home screen built and drawn by ``QuizApp`` (headless, the bank already loaded).
Bytecode is written by a first run and used by the others (PYTHONDONTWRITEBYTECODE is
unset for them), as an installed quiz has it. Ends with the table of benchmarks/README.md.

    python benchmarks/bench_scale.py [--sizes 500 5000 20000] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from figures import Run, quiz_command, quiz_environment, run_to_exit, run_until_shown, spread
from real_bank import DEV_CORPUS, generate, make_cold

from quiz import paths
from quiz.bank import Bank, load_banks
from quiz.emitter import emit

HOME_TEXT = "questions in"
ANSWERS_PER_QUESTION = 20


def repeated(runs: int, action: Callable[[], Run], before: Callable[[], None]) -> list[Run]:
    """``runs`` runs of ``action``, each after ``before``."""
    done = []
    for _ in range(runs):
        before()
        done.append(action())
    return done


def edit_one_record(bank: Path) -> Callable[[], None]:
    """Something that changes the stem of one record, as an editor would, each time anew."""
    record = min(bank.rglob("*.yaml"))
    edits = iter(range(1, 10**6))

    def edit() -> None:
        data = yaml.safe_load(record.read_text(encoding="utf-8"))
        data["stem"] = f"{data['stem']} (edit {next(edits)})"
        record.write_text(emit(data), encoding="utf-8")

    return edit


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def directories(bank: Path) -> list[Path]:
    """What the commands load: the default bank directories and ``--bank-dir bank``."""
    return [*paths.default_bank_dirs(), bank]


def loaded(bank: Path) -> Bank:
    return load_banks(directories(bank), bundled=[paths.bundled_bank_dir()])


async def home_screen_seconds(bank: Bank, database: Path) -> float:
    """From making the app to its home screen drawn, headless, in this process."""
    from quiz.tui.app import QuizApp
    from quiz.tui.screens.home import HomeScreen

    start = time.perf_counter()
    app = QuizApp(bank, database)
    async with app.run_test(size=(100, 30)) as pilot:
        while not isinstance(app.screen, HomeScreen):
            await pilot.pause(0.001)
        await pilot.pause()  # its first frame drawn
        return time.perf_counter() - start


def measure(size: int, runs: int, work: Path, env: dict[str, str]) -> dict[str, str]:
    """Print every figure of one bank size; the cells of its table row."""
    start = time.perf_counter()
    sizes = generate(work, size, ANSWERS_PER_QUESTION * size)
    data, bank = work / "data", work / "bank"
    print(
        f"\n== {size} questions: {sizes.line()}; {ANSWERS_PER_QUESTION * size} answers "
        f"(generated in {time.perf_counter() - start:.0f} s); load average "
        + " ".join(f"{load:.1f}" for load in os.getloadavg())
    )
    listing = quiz_command(data, bank, "list")
    app = quiz_command(data, bank)
    nothing, cold = (lambda: None), (lambda: make_cold(data, bank))
    lines = run_to_exit(listing, env).output.count(b"\n")  # bytecode, cache/index
    run_until_shown(app, env, HOME_TEXT)
    figures = {
        "list warm": repeated(runs, lambda: run_to_exit(listing, env), nothing),
        "list, one record changed": repeated(
            runs, lambda: run_to_exit(listing, env), edit_one_record(bank)
        ),
        "list cold": repeated(runs, lambda: run_to_exit(listing, env), cold),
        "app to home screen warm": repeated(
            runs, lambda: run_until_shown(app, env, HOME_TEXT), nothing
        ),
        "app to home screen cold": repeated(
            runs, lambda: run_until_shown(app, env, HOME_TEXT), cold
        ),
    }
    print(f"whole processes (`quiz list` prints {lines} lines):")
    row = {}
    for label, done in figures.items():
        seconds, peaks = [run.seconds for run in done], [run.peak_mb for run in done]
        print(f"  {label:26} {spread(seconds, 's')}; peak {spread(peaks, 'MB', 0)}")
        row[label] = f"{median_range(seconds)} s, {max(peaks):.0f} MB"

    paths.use_data_dir(data)
    loaded(bank)  # the cache/index as the last run left it, whatever that was
    warm = [timed(lambda: loaded(bank)) for _ in range(runs)]
    cold_loads = []
    for _ in range(runs):
        make_cold(data, bank)
        cold_loads.append(timed(lambda: loaded(bank)))
    bank_loaded = loaded(bank)
    home = [
        asyncio.run(home_screen_seconds(bank_loaded, data / "progress.sqlite3"))
        for _ in range(runs)
    ]
    print("in process (no start-up, no imports):")
    print(f"  {'load_banks warm':26} {spread(warm, 's')}")
    print(f"  {'load_banks cold':26} {spread(cold_loads, 's')}")
    print(f"  {'home screen (QuizApp)':26} {spread(home, 's')}")
    row["in process: load_banks warm / cold, home screen"] = (
        f"{median_range(warm)} / {median_range(cold_loads)}, {median_range(home)} s"
    )
    return row


def median_range(values: list[float]) -> str:
    """``median (min–max)`` in seconds, for the table."""
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def main() -> int:
    """Measure every size and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 20_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not DEV_CORPUS.is_dir():
        print(f"{DEV_CORPUS} is not available: skipped")
        return 0
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # end the app being timed too
    print(f"{os.cpu_count()} cores; medians of {args.runs} runs (min, max)")
    rows = {}
    with tempfile.TemporaryDirectory() as temporary:
        env = quiz_environment(Path(temporary) / "bytecode")
        for size in args.sizes:
            with tempfile.TemporaryDirectory() as work:
                rows[size] = measure(size, args.runs, Path(work), env)
    columns = list(next(iter(rows.values())))
    print("\n| questions | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for size, row in rows.items():
        print(f"| {size:,} | " + " | ".join(row[column] for column in columns) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
