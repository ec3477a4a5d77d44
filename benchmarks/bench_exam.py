"""Measure mock exams on a real-sized bank (real_bank.py: 5,000 questions, 100,000 answers).

Prints: starting a 60-question exam (core, with and without weak-tag weighting, and in the
app from ctrl+s on the set-up screen to the first question shown), moving between
questions (core write, and key press to question shown in the app), resuming a stored
exam, and the countdown's drift over 120 minutes with an injected clock whose ticks
arrive late and irregularly. Usage:
    python benchmarks/bench_exam.py [--questions N] [--answers N]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_study import FrameClockApp, quiet
from figures import spread
from real_bank import DEV_CORPUS, NOW, generate
from textual import events

from quiz.bank import Bank, load_banks
from quiz.exam import ExamConfig, ExamSession, format_remaining
from quiz.model import Question
from quiz.store import Store

RUNS = 15


class SteppingClock:
    """A clock the benchmark moves by hand."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def milliseconds(action: Callable[[], object], runs: int = RUNS) -> list[float]:
    """Wall time of each run of ``action``, in ms."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def show(label: str, times: list[float], target: str = "") -> None:
    """One line: median, min and max."""
    suffix = f"   (target {target})" if target else ""
    print(f"{label:<52} {spread(times, 'ms')}{suffix}")


def core(bank_questions: list, db: Path) -> None:
    """Start, move, answer and resume with the core only (the exams are deleted after)."""
    clock = SteppingClock()
    with Store(db) as store:
        seeds = iter(range(10_000))
        plain = ExamConfig(count=60, minutes=120)
        weighted = ExamConfig(count=60, minutes=120, weak_weighting=True)
        show(
            f"start 60 of {len(bank_questions):,} (core)",
            milliseconds(
                lambda: ExamSession.start(
                    store,
                    bank_questions,
                    ExamConfig(**{**plain.to_dict(), "seed": next(seeds)}),
                    clock,
                    holder="bench",
                )
            ),
            "< 300 ms",
        )
        show(
            f"start 60 of {len(bank_questions):,} weighted by weak tags (core)",
            milliseconds(
                lambda: ExamSession.start(
                    store,
                    bank_questions,
                    ExamConfig(**{**weighted.to_dict(), "seed": next(seeds)}),
                    clock,
                    holder="bench",
                )
            ),
            "< 300 ms",
        )
        session = ExamSession.start(store, bank_questions, plain, clock, holder="bench")
        positions = iter(range(1, 10_000))
        show(
            "move to another question (core, stored)",
            milliseconds(lambda: session.go_to(next(positions) % 60), runs=59),
        )
        show(
            "answer a question (core, stored)",
            milliseconds(lambda: session.toggle(random.choice("ABCDE")), runs=59),
        )
        by_key = {question.key: question for question in bank_questions}
        show(
            "resume a stored exam (core)",
            milliseconds(lambda: ExamSession.load(store, session.exam_id, by_key, clock)),
        )
        for exam_id in store.unfinished_exam_ids():
            store.delete_exam(exam_id, "bench")


async def key_to_frame(app: FrameClockApp, key: str) -> float:
    """Milliseconds from a key (sent as the terminal sends it) to the first frame showing it."""
    await quiet(app)
    app.frames.clear()
    wall, _ = app.clocks()
    assert app._driver is not None
    app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
    await quiet(app)
    final = app.frames[-1][2]
    first = next(frame for frame in app.frames if frame[2] == final)
    return (first[0] - wall) * 1000


async def app_figures(bank: Bank, db: Path) -> None:
    """Key press to frame in the headless app at 80x24 (frames rendered as a terminal would)."""
    from quiz.tui.screens.exam_run import ExamScreen

    app = FrameClockApp(bank, db, clock=SteppingClock(), seed=1)
    async with app.run_test(size=(80, 24)) as pilot:
        starts = []
        for _ in range(5):
            await pilot.press("e")
            starts.append(await key_to_frame(app, "ctrl+s"))
            assert isinstance(app.screen, ExamScreen)
            await pilot.press("escape", "l")  # leave the exam ...
            await pilot.press("e", "d", "y")  # ... discard it from the resume offer ...
            await pilot.press("escape")  # ... and close the set-up screen
        show(
            f"start 60 of {len(bank.questions):,}: ctrl+s to 1st question (app)", starts, "< 300 ms"
        )
        await pilot.press("e", "ctrl+s")
        moves = [await key_to_frame(app, key) for key in ["n"] * 20 + ["p"] * 10]
        show("next/previous question: key to frame (app)", moves, "< 50 ms")
        picks = [await key_to_frame(app, key) for key in "abcdabcdab"]
        show("pick an option: key to frame (app)", picks)
        palette = []
        for _ in range(5):
            palette.append(await key_to_frame(app, "g"))
            await pilot.press("escape")
        show("open the question palette: key to frame (app)", palette)
        pilot_moves = []
        for _ in range(10):
            start = time.perf_counter()
            await pilot.press("n")
            pilot_moves.append((time.perf_counter() - start) * 1000)
        show("next question through pilot.press (harness waits)", pilot_moves)


def drift(questions: list[Question], minutes: int = 120, tick: float = 0.25, seed: int = 4) -> None:
    """Countdown error over a whole exam whose ticks arrive late and irregularly."""
    rng = random.Random(seed)
    clock = SteppingClock()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "p.sqlite3") as store:
        session = ExamSession.start(store, questions, ExamConfig(60, minutes), clock)
        limit = minutes * 60.0
        elapsed, ticks, worst, worst_shown = 0.0, 0, 0.0, 0.0
        while not session.check_time():
            # Timers fire 1-20 ms late, and now and then the event loop stalls up to 2 s.
            stall = rng.uniform(0.5, 2.0) if rng.random() < 0.001 else 0.0
            step = tick + rng.uniform(0.001, 0.02) + stall
            clock.now += timedelta(seconds=step)
            elapsed, ticks = elapsed + step, ticks + 1
            true_left = max(0.0, limit - elapsed)
            worst = max(worst, abs(session.remaining().total_seconds() - true_left))
            shown = format_remaining(session.remaining()).split(":")
            shown_left = sum(int(part) * 60**power for power, part in enumerate(reversed(shown)))
            worst_shown = max(worst_shown, shown_left - true_left)
        print(
            f"countdown over {minutes} min, {ticks} late/irregular ticks: remaining() off by "
            f"at most {worst * 1000:.3f} ms (target < 1 s); the display (whole seconds, "
            f"rounded up) at most {worst_shown:.3f} s ahead; submitted at the deadline: "
            f"{session.finished_at == session.deadline}; counting ticks instead would end "
            f"{elapsed - ticks * tick:.0f} s late"
        )


def main() -> int:
    """Generate the data, then print every figure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--answers", type=int, default=100_000)
    args = parser.parse_args()
    if not DEV_CORPUS.is_dir():
        print(f"{DEV_CORPUS} is not available: skipped")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        sizes = generate(out, args.questions, args.answers)
        bank = load_banks([out / "bank"])
        db = out / "data" / "progress.sqlite3"
        print(f"{sizes.line()}; {args.answers} answers")
        core(bank.questions, db)
        asyncio.run(app_figures(bank, db))
    drift(bank.questions[:60])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
