"""Measure the study app on 5,000 questions and 100,000 answers (issue 4's figures).

Prints: launch to "ready to answer" (cold and warm bank cache), next question after the
key press, weak-tag and stats queries, and peak memory. Usage:
    python benchmarks/bench_study.py [--questions N] [--answers N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from make_study_data import NOW, generate

READY_CHILD = textwrap.dedent(
    """
    import asyncio, resource, sys, time
    from quiz.cli import build_parser
    from quiz import paths
    from quiz.commands._shared import bank_dirs
    from quiz.bank import load_banks
    from quiz.tui.app import QuizApp
    from quiz.tui.screens.practice import PracticeScreen

    async def main():
        args = build_parser().parse_args(["--bank-dir", sys.argv[1]])
        app = QuizApp(load_banks(bank_dirs(args)), paths.progress_db())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("p")
            while not isinstance(app.screen, PracticeScreen) or not app.screen.query("#stem"):
                await pilot.pause(0.005)
            print("ready", flush=True)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"rss {rss:.0f}", flush=True)

    asyncio.run(main())
    """
)


def launch_to_ready(bank: Path, data: Path) -> tuple[float, float]:
    """Seconds from spawning a process to the first question on screen, and its peak MB."""
    env = {**os.environ, "QUIZ_DATA_DIR": str(data)}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", READY_CHILD, str(bank)], env=env, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    ready = time.perf_counter() - start
    rss = float(process.stdout.readline().split()[1])
    process.wait()
    return ready, rss


async def next_question_ms(bank: Path, data: Path, presses: int = 15) -> list[float]:
    """Milliseconds from pressing ``n`` to the next question being mounted."""
    from quiz.bank import load_banks
    from quiz.tui.app import QuizApp
    from quiz.tui.widgets import QuestionCard

    app = QuizApp(load_banks([bank]), data / "progress.sqlite3", clock=lambda: NOW, seed=1)
    timings = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        for _ in range(presses):
            await pilot.press("a", "enter")
            before = app.screen.query_one(QuestionCard)
            start = time.perf_counter()
            await pilot.press("n")
            while app.screen.query_one(QuestionCard) is before:
                await pilot.pause(0)
            await pilot.pause(0)
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def query_ms(data: Path, bank: Path) -> tuple[list[float], list[float]]:
    """Milliseconds for the weak-tag query and for the full stats query."""
    from quiz.bank import load_banks
    from quiz.learning import HALF_LIFE_DAYS, study_stats, weak_tags
    from quiz.store import Store

    questions = load_banks([bank]).questions
    weak, stats = [], []
    with Store(data / "progress.sqlite3") as store:
        for _ in range(10):
            start = time.perf_counter()
            weak_tags(questions, store.answer_totals(NOW, HALF_LIFE_DAYS))
            weak.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            study_stats(store, questions, NOW)
            stats.append((time.perf_counter() - start) * 1000)
    return weak, stats


def main() -> None:
    """Generate the data in a temporary directory and print every figure."""
    import asyncio

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--answers", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        out = Path(temporary)
        start = time.perf_counter()
        generate(out, args.questions, args.answers)
        print(
            f"data: {args.questions} questions, {args.answers} answers "
            f"(generated in {time.perf_counter() - start:.1f} s)"
        )
        bank, data = out / "bank", out / "data"
        cold, rss = launch_to_ready(bank, data)
        print(f"launch to ready, cold bank cache: {cold:.2f} s (peak {rss:.0f} MB)")
        warm = [launch_to_ready(bank, data) for _ in range(3)]
        print(
            f"launch to ready, warm cache: median {statistics.median(w[0] for w in warm):.2f} s"
            f" (peak {max(w[1] for w in warm):.0f} MB)"
        )
        os.environ["QUIZ_DATA_DIR"] = str(data)
        timings = asyncio.run(next_question_ms(bank, data))
        print(
            f"next question after the key: median {statistics.median(timings):.1f} ms, "
            f"max {max(timings):.1f} ms"
        )
        weak, stats = query_ms(data, bank)
        print(f"weak-tag query: median {statistics.median(weak):.1f} ms")
        print(f"stats query: median {statistics.median(stats):.1f} ms")


if __name__ == "__main__":
    main()
