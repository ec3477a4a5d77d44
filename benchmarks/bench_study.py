"""Measure the study app on a real-sized bank (real_bank.py: 5,000 questions, 100,000 answers).

Prints: launch to "ready to answer" (cold and warm bank cache), next question after the
key press, showing the analysis of the largest records, weak-tag and stats queries, and
peak memory. Usage:
    python benchmarks/bench_study.py [--questions N] [--answers N]

Launch: a whole process running the app headless (``run_test``), from spawn to the home
screen drawn and to the first question after ``p``; bench_scale.py times the real app in a
terminal. Next question: from the ``n`` key (sent as the terminal driver sends keys) to the
first frame that shows the next question as it ends up ("shown": what a person sees), and
to the last frame the key caused ("settled"). ``pilot.press`` is timed apart: a Pilot test
also waits until the app looks idle, which is harness overhead, not latency. Analysis: from
the ``enter`` that submits the right answer to the first frame that shows the analysis as
it ends up.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import inspect
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from rich.console import RenderableType
from textual import events
from textual._compositor import CompositorUpdate
from textual.screen import Screen

from quiz.tui.app import QuizApp

sys.path.insert(0, str(Path(__file__).parent))

from figures import quiz_environment, spread
from real_bank import DEV_CORPUS, NOW, generate, make_cold

RUNS = 5

READY_CHILD = textwrap.dedent(
    """
    import asyncio, sys, time
    from quiz.cli import build_parser
    from quiz import paths
    from quiz.commands._shared import bank_dirs
    from quiz.bank import load_banks
    from quiz.tui.app import QuizApp
    from quiz.tui.screens.home import HomeScreen
    from quiz.tui.screens.practice import PracticeScreen

    async def main():
        args = build_parser().parse_args(["--bank-dir", sys.argv[1]])
        app = QuizApp(load_banks(bank_dirs(args)), paths.progress_db())
        async with app.run_test(size=(80, 24)) as pilot:
            while not isinstance(app.screen, HomeScreen):
                await pilot.pause(0.005)
            await pilot.pause()  # its first frame drawn
            print("home", flush=True)
            await pilot.press("p")
            while not isinstance(app.screen, PracticeScreen) or not app.screen.query("#option-A"):
                await pilot.pause(0.005)
            print("ready", flush=True)
            # VmHWM, not ru_maxrss: that carries the parent's peak over the fork and exec
            hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
            rss = int(hwm.split()[1]) / 1024
            print(f"rss {rss:.0f}", flush=True)

    asyncio.run(main())
    """
)


def launch_to_ready(bank: Path, data: Path) -> tuple[float, float, float]:
    """Seconds from spawning a process to the home screen drawn, and to the first question
    on screen after ``p``, and the peak MB (bytecode cached beside ``data``, as an installed
    quiz has it)."""
    env = {**quiz_environment(data.parent / "bytecode"), "QUIZ_DATA_DIR": str(data)}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", READY_CHILD, str(bank)], env=env, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "home"
    home = time.perf_counter() - start
    assert process.stdout.readline().strip() == "ready"
    ready = time.perf_counter() - start
    rss = float(process.stdout.readline().split()[1])
    process.wait()
    return home, ready, rss


class FrameClockApp(QuizApp):
    """The study app noting when each frame is drawn and what it shows.

    The headless test driver skips turning a frame into terminal output; this app does it,
    as a terminal driver would, so that cost is counted. Each frame is also captured (as an
    SVG screenshot) so the benchmark can tell which frame first shows the final screen; the
    capture's own time is taken off the clocks. (``_display`` is Textual's private hook
    between the compositor and the driver; nothing public sees the frame itself.)
    """

    CSS_PATH = str(Path(inspect.getfile(QuizApp)).with_name(QuizApp.CSS_PATH))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.frames: list[tuple[float, float, float, str]] = []
        self.off_clock = (0.0, 0.0)
        self.capturing = False
        self.full_collections_ms = 0.0
        """Time spent in full (generation 2) garbage collections, captures excepted."""
        self._collection_start = 0.0
        gc.callbacks.append(self._time_full_collections)

    def _time_full_collections(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._collection_start = time.perf_counter()
        elif info["generation"] == 2 and not self.capturing:
            self.full_collections_ms += (time.perf_counter() - self._collection_start) * 1000

    def clocks(self) -> tuple[float, float]:
        """Wall and CPU seconds, less the time spent capturing frames."""
        wall, cpu = self.off_clock
        return time.perf_counter() - wall, time.process_time() - cpu

    def _display(self, screen: Screen, renderable: RenderableType | None) -> None:
        if renderable is not None and self.is_headless:
            cast("CompositorUpdate", renderable).render_segments(self.console)
        super()._display(screen, renderable)
        if renderable is not None:
            wall, cpu = time.perf_counter(), time.process_time()
            self.capturing = True
            self.frames.append((*self.clocks(), self.full_collections_ms, self.export_screenshot()))
            self.capturing = False
            spent_wall, spent_cpu = self.off_clock
            self.off_clock = (
                spent_wall + time.perf_counter() - wall,
                spent_cpu + time.process_time() - cpu,
            )


@dataclass
class KeyTimings:
    """Milliseconds from a key press to the frames it caused."""

    shown: list[float] = field(default_factory=list)
    """Key → the first frame that already shows what the screen ends up showing."""
    shown_cpu: list[float] = field(default_factory=list)
    """CPU time used by the app over the same span (less sensitive to a busy machine)."""
    settled: list[float] = field(default_factory=list)
    """Key → the last frame the key caused (later frames change nothing visible)."""
    collecting: list[float] = field(default_factory=list)
    """Part of ``shown`` spent in full garbage collections."""

    @property
    def shown_without_collections(self) -> list[float]:
        """``shown`` less its full garbage collections."""
        return [shown - gc_ms for shown, gc_ms in zip(self.shown, self.collecting, strict=True)]

    pilot: list[float] = field(default_factory=list)
    """``await pilot.press(key)``: what a Pilot test waits for, its idle checks included."""


async def quiet(app: FrameClockApp, gap: float = 0.2) -> None:
    """Wait until the app has drawn at least one frame and then none for ``gap`` seconds."""
    while True:
        count = len(app.frames)
        await asyncio.sleep(gap)
        if count and len(app.frames) == count:
            return


async def next_question_ms(bank: Path, data: Path, presses: int = 20) -> KeyTimings:
    """Answer a question (analysis shown), press ``n`` and time the next question's frames.

    The key is sent the way the terminal driver sends it; the Pilot is only used around it.
    ``presses`` more ``n`` presses go through ``pilot.press`` to show what the Pilot adds.
    A session that reaches its last question is ended and a new one started, off the clock.
    """
    from quiz.bank import load_banks
    from quiz.tui.screens.practice import PracticeScreen

    app = FrameClockApp(load_banks([bank]), data / "progress.sqlite3", clock=lambda: NOW, seed=1)
    timings = KeyTimings()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        for turn in range(2 * presses):
            screen = app.screen
            assert isinstance(screen, PracticeScreen)
            if screen.practice.is_last:
                await pilot.press("q", "escape", "p")
            await pilot.press("a", "enter")
            await quiet(app)
            app.frames.clear()
            wall, cpu = app.clocks()
            collected = app.full_collections_ms
            if turn % 2:
                await pilot.press("n")
                timings.pilot.append((app.clocks()[0] - wall) * 1000)
            else:
                assert app._driver is not None
                app._driver.send_message(events.Key("n", "n"))
            await quiet(app)
            if turn % 2 == 0:
                final = app.frames[-1][3]
                first = next(frame for frame in app.frames if frame[3] == final)
                timings.shown.append((first[0] - wall) * 1000)
                timings.shown_cpu.append((first[1] - cpu) * 1000)
                timings.settled.append((app.frames[-1][0] - wall) * 1000)
                timings.collecting.append(first[2] - collected)
    return timings


def record_size(question: Any) -> int:
    """Characters of Markdown a question brings to the screen once its analysis is shown."""
    explanation = question.explanation
    parts = [question.stem, *question.options.values(), *explanation.wrong.values()]
    parts += [explanation.correct, explanation.key_points, explanation.mnemonic, explanation.extra]
    return sum(len(part) for part in parts)


async def reveal_ms(bank: Path, data: Path, count: int = 7) -> tuple[list[float], list[int]]:
    """Milliseconds from ``enter`` to the analysis on screen, for the ``count`` largest records."""
    from quiz.bank import load_banks
    from quiz.study import Mode
    from quiz.tui.screens.practice import PracticeScreen

    questions = load_banks([bank]).questions
    largest = sorted(questions, key=record_size, reverse=True)[:count]
    app = FrameClockApp(load_banks([]), data / "reveal.sqlite3", clock=lambda: NOW, seed=1)
    shown: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PracticeScreen(largest, mode=Mode.PRACTICE, title="largest"))
        while not isinstance(app.screen, PracticeScreen) or not app.screen.query("#option-A"):
            await pilot.pause(0.005)
        for _ in largest:
            screen = app.screen
            assert isinstance(screen, PracticeScreen)
            await pilot.press(
                *(letter.lower() for letter in screen.practice.current.question.answer)
            )
            await quiet(app)
            app.frames.clear()
            wall, _cpu = app.clocks()
            assert app._driver is not None
            app._driver.send_message(events.Key("enter", "\r"))
            await quiet(app)
            assert screen.query("#analysis"), "the analysis was not shown"
            final = app.frames[-1][3]
            first = next(frame for frame in app.frames if frame[3] == final)
            shown.append((first[0] - wall) * 1000)
            await pilot.press("n")
            await quiet(app)
    return shown, [record_size(q) for q in largest]


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


def main() -> int:
    """Generate the data in a temporary directory and print every figure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--answers", type=int, default=100_000)
    args = parser.parse_args()
    if not DEV_CORPUS.is_dir():
        print(f"{DEV_CORPUS} is not available: skipped")
        return 0
    with tempfile.TemporaryDirectory() as temporary:
        out = Path(temporary)
        start = time.perf_counter()
        sizes = generate(out, args.questions, args.answers)
        print(
            f"data: {sizes.line()}; {args.answers} answers"
            f" (generated in {time.perf_counter() - start:.1f} s)"
        )
        bank, data = out / "bank", out / "data"
        for label, cold in (("cold bank cache", True), ("warm bank cache", False)):
            launch_to_ready(bank, data)  # caches bytecode (and the bank cache)
            runs = []
            for _ in range(RUNS):
                if cold:
                    make_cold(data, bank)
                runs.append(launch_to_ready(bank, data))
            print(
                f"launch ({label}, {RUNS} runs): home screen {spread([r[0] for r in runs], 's')}"
                f"; first question {spread([r[1] for r in runs], 's')}"
                f"; peak {spread([r[2] for r in runs], 'MB', 0)}"
            )
        os.environ["QUIZ_DATA_DIR"] = str(data)
        timings = asyncio.run(next_question_ms(bank, data))
        print("next question, key press to frame (ms):")
        for label, values in (
            ("shown (first frame with it)", timings.shown),
            ("  CPU used meanwhile", timings.shown_cpu),
            ("  less full GC passes", timings.shown_without_collections),
            ("settled (last frame)", timings.settled),
            ("pilot.press (harness waits)", timings.pilot),
        ):
            print(f"  {label:28} {spread(values, 'ms')}")
        overhead = statistics.median(timings.pilot) - statistics.median(timings.settled)
        print(f"  harness overhead per press (pilot - settled, medians): {overhead:.1f} ms")
        pauses = [ms for ms in timings.collecting if ms]
        if pauses:
            print(
                f"  presses with a full GC pass before the frame: {len(pauses)}"
                f"/{len(timings.collecting)}, {statistics.median(pauses):.1f} ms median"
            )
        shown, chars = asyncio.run(reveal_ms(bank, data))
        print(f"show the analysis, {len(shown)} largest records ({min(chars)}-{max(chars)} chars):")
        print(f"  enter to frame: {spread(shown, 'ms')}")
        weak, stats = query_ms(data, bank)
        print(f"weak-tag query: {spread(weak, 'ms')}")
        print(f"stats query: {spread(stats, 'ms')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
