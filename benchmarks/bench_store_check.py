"""Measure the check run when the progress database is opened, at 10^6 answers.

Prints the file size, ``Store()`` open time (with its check of every table but the answer
history), and for comparison a full ``PRAGMA quick_check`` and each table's. Usage:
    python benchmarks/bench_store_check.py [--answers N] [--questions N]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Rating

from quiz.learning import review_card
from quiz.store import Store, to_text

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def fill(db: Path, answers: int, questions: int) -> None:
    """Answers spread over a year, and a review card per question."""
    rng = random.Random(1)
    keys = [f"synthetic{n % 5}/S{n:05d}" for n in range(questions)]
    rows = [
        (
            rng.choice(keys),
            "A",
            int(rng.random() < 0.7),
            20.0,
            "practice",
            to_text(NOW - timedelta(days=rng.uniform(0, 365))),
        )
        for _ in range(answers)
    ]
    with Store(db) as store, store.transaction() as connection:
        connection.executemany(
            "INSERT INTO answers (question_key, chosen, correct, seconds, mode, answered_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        for key in keys:
            card, due = review_card(None, Rating.Good, NOW)
            connection.execute(
                "INSERT INTO cards (question_key, card, due) VALUES (?, ?, ?)",
                (key, card, to_text(due)),
            )


def timed(run, repeat: int = 5) -> float:
    """Median milliseconds of ``run()``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Fill a database and time the checks."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--questions", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        db = Path(directory) / "progress.sqlite3"
        fill(db, args.answers, args.questions)
        print(f"{args.answers} answers, {args.questions} cards: {db.stat().st_size / 1e6:.0f} MB")
        print(f"Store() open, with its check: {timed(lambda: Store(db).close()):.1f} ms")
        connection = sqlite3.connect(db)
        full = timed(lambda: connection.execute("PRAGMA quick_check").fetchall())
        print(f"full PRAGMA quick_check: {full:.1f} ms")
        tables = [
            n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        for table in tables:
            ms = timed(lambda t=table: connection.execute(f'PRAGMA quick_check("{t}")').fetchall())
            print(f"  quick_check({table}): {ms:.1f} ms")
        connection.close()


if __name__ == "__main__":
    main()
