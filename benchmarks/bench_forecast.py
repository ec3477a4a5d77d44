"""The readiness forecast on simulated learners, and ``quiz ready`` on a real-sized bank.

Calibration: each simulated learner has a known skill per topic tag (uniform 0.3-0.95)
and a memory factor (log-normal around 1). A question met for the first time is answered
right with the tag's skill; one seen before with ``1 - (1 - skill) (1 - R)``, where ``R``
follows FSRS's forgetting curve with the question's card stability times the learner's
memory factor (so the model's memory is right on average, wrong for each learner). Every
day the learner answers what the app's study queue (``learning.study_queue``) puts first,
until ``--answers`` answers; then the forecast for the Professional blueprint is made, and
``--mocks`` mock exams are drawn to the blueprint (``exam.draw_to_blueprint``, seeded) and
answered by the same rules. Figures: the mean absolute error between forecast and mock
score (points), that of the learner's true expected score (the luck of the draw alone), and
how many mock scores fell in the 80% band. Then the same with learners who answer only new
questions (200 answers are 200 first answers).

Speed: ``forecast.readiness`` in process, ``quiz ready`` as a whole process, and the
readiness screen of the app (headless, 80x24: from the ``y`` key on home to the forecast
shown, its worker done), on ``benchmarks/real_bank.py``'s 5,000 questions and 100,000
answers (median of ``--runs``).

    python benchmarks/bench_forecast.py [--learners N] [--answers N] [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from figures import quiz_command, quiz_environment, run_to_exit, spread
from real_bank import DEV_CORPUS, generate

from quiz import forecast, learning
from quiz.bank import Bank, load_banks
from quiz.blueprint import catalogue, plan
from quiz.exam import draw_to_blueprint
from quiz.model import Question
from quiz.store import CardMemory, Store

START = datetime(2025, 1, 6, 18, 0, tzinfo=UTC)
PER_DAY = 15
TAGS_PER_DOMAIN = 3
QUESTIONS_PER_TAG = 30


def simulated_bank() -> list[Question]:
    """Questions tagged with the Professional blueprint's first tags, 30 per tag."""
    professional = catalogue().find("Professional")
    questions = []
    for domain in professional.domains:
        for tag in domain.tags[:TAGS_PER_DOMAIN]:
            for n in range(QUESTIONS_PER_TAG):
                questions.append(
                    Question(
                        id=f"{tag}-{n:03d}",
                        bank="sim",
                        stem="?",
                        options={"A": "a", "B": "b", "C": "c", "D": "d"},
                        answer=("A",),
                        topics=(tag,),
                    )
                )
    return questions


class Learner:
    """Known skill per tag, and a memory factor on FSRS's stability."""

    def __init__(self, rng: random.Random, tags: list[str]) -> None:
        self.rng = rng
        self.skill = {tag: rng.uniform(0.3, 0.95) for tag in tags}
        self.memory = math.exp(rng.gauss(0, 0.4))

    def chance(self, question: Question, card: CardMemory | None, now: datetime) -> float:
        """The true chance of answering right now."""
        skill = self.skill[question.topics[0]]
        if card is None:
            return skill
        scaled = CardMemory((card.stability or 0) * self.memory, card.last_review, card.due)
        return 1 - (1 - skill) * (1 - forecast.retrievability(scaled, now))


def one_learner(
    seed: int, answers: int, mocks: int, work: Path, new_only: bool = False
) -> list[tuple[float, ...]]:
    """(forecast, low, high, actual, true expected score) per mock exam of one learner
    (``new_only``: the learner practises questions never seen, not the study queue)."""
    rng = random.Random(seed)
    questions = simulated_bank()
    by_key = {q.key: q for q in questions}
    learner = Learner(rng, sorted({q.topics[0] for q in questions}))
    professional = catalogue().find("Professional")
    now = START
    with Store(work / f"learner-{seed}.sqlite3") as store:
        given = 0
        while given < answers:
            cards = store.card_memory()
            if new_only:
                queue = rng.sample([q for q in questions if q.key not in cards], PER_DAY)
            else:
                queue = learning.next_questions(store, questions, now, rng, limit=PER_DAY)
            for question in queue[: answers - given]:
                right = rng.random() < learner.chance(question, cards.get(question.key), now)
                chosen = question.answer if right else ("B",)
                learning.record_answer(store, question, chosen, seconds=40, mode="study", now=now)
                given += 1
                now += timedelta(minutes=1)
            now += timedelta(days=1) - timedelta(minutes=len(queue))
        now += timedelta(days=rng.randint(0, 3))
        made = forecast.readiness(store, questions, professional, now)
        cards = store.card_memory()
    split = professional.split(questions)
    counts = plan(professional, split).counts
    truth = sum(
        count * statistics.fmean(learner.chance(q, cards.get(q.key), now) for q in split[d.name])
        for d, count in zip(professional.domains, counts, strict=True)
    ) / sum(counts)
    results = []
    for _ in range(mocks):
        drawn, _, _ = draw_to_blueprint(questions, professional, rng)
        right = sum(
            rng.random() < learner.chance(by_key[q.key], cards.get(q.key), now) for q in drawn
        )
        results.append((made.expected, made.low, made.high, right / len(drawn), truth))
    return results


def calibration(learners: int, answers: int, mocks: int, new_only: bool) -> None:
    """Print the forecast's mean absolute error and its band's coverage."""
    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        for seed in range(learners):
            rows += one_learner(seed, answers, mocks, Path(temporary), new_only)
    errors = [abs(expected - actual) * 100 for expected, _, _, actual, _ in rows]
    inside = sum(low - 1e-9 <= actual <= high + 1e-9 for _, low, high, actual, _ in rows)
    bias = statistics.fmean((expected - actual) * 100 for expected, _, _, actual, _ in rows)
    model = [abs(expected - truth) * 100 for expected, _, _, _, truth in rows[::mocks]]
    floor = [abs(truth - actual) * 100 for _, _, _, actual, truth in rows]
    how = "new questions only" if new_only else "the study queue"
    print(
        f"{learners} simulated learners, {answers} answers each ({how}), {mocks} mock exams"
        f" each ({len(rows)} exams of 60 questions):"
    )
    print(
        f"  forecast mean absolute error {statistics.fmean(errors):.1f} points "
        f"(median {statistics.median(errors):.1f}, mean signed error {bias:+.1f})"
    )
    print(f"  against each learner's true expected score: {statistics.fmean(model):.1f} points")
    print(
        f"  a forecast of the true expected score would be off by {statistics.fmean(floor):.1f}"
        " points (the luck of a 60-question draw)"
    )
    print(f"  80% band covered {inside}/{len(rows)} mock scores ({inside / len(rows):.0%})")


def speed(questions: int, answers: int, runs: int) -> None:
    """Time ``forecast.readiness`` in process and ``quiz ready`` as whole processes."""
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        sizes = generate(work, questions, answers)
        data, bank_dir = work / "data", work / "bank"
        print(sizes.line())
        env = quiz_environment(work / "bytecode")
        command = quiz_command(data, bank_dir, "ready")
        run_to_exit(command, env)  # bytecode and the bank's index
        whole = [run_to_exit(command, env).seconds * 1000 for _ in range(runs)]
        bank = load_banks([bank_dir])
        professional = catalogue(bank.infos).find("Professional")
        core = []
        with Store(data / "progress.sqlite3") as store:
            for _ in range(runs):
                started = time.perf_counter()
                forecast.readiness(store, bank.infos, professional, datetime.now(UTC))
                core.append((time.perf_counter() - started) * 1000)
        first, screen, switch = asyncio.run(screen_ms(bank, data / "progress.sqlite3", runs))
    print(f"  forecast.readiness: {spread(core, 'ms')}")
    print(f"  quiz ready (whole process): {spread(whole, 'ms')}")
    print(f"  readiness screen open: {spread(screen, 'ms')} (first open {first:.0f} ms)")
    print(f"  readiness screen, blueprint switched (n): {spread(switch, 'ms')}")


async def screen_ms(bank: Bank, store: Path, runs: int) -> tuple[float, list[float], list[float]]:
    """Milliseconds from ``y`` on home (its line computed) to the readiness screen showing
    its forecast: the first open (its modules imported), then ``runs`` more; and from ``n``
    to the next blueprint's forecast (computed afresh)."""
    from quiz.tui.app import QuizApp
    from quiz.tui.screens.base import WORKING
    from quiz.tui.screens.readiness import ReadinessScreen

    app = QuizApp(bank, store)
    times: dict[str, list[float]] = {"y": [], "n": []}
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(runs + 1):
            for key, action in (("y", "app.readiness"), ("n", "screen.next_blueprint")):
                started = time.perf_counter()
                await app.run_action(action)  # what the key runs, without the Pilot's waits
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                times[key].append((time.perf_counter() - started) * 1000)
                assert isinstance(app.screen, ReadinessScreen)
                assert app.screen.query_one("#ready-view").render() != WORKING
            app.pop_screen()
            await app.workers.wait_for_complete()  # the home line, computed again
            await pilot.pause()
    return times["y"][0], times["y"][1:], times["n"][1:]


def main() -> int:
    """Parse arguments and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--answers", type=int, default=200)
    parser.add_argument("--mocks", type=int, default=5)
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--store-answers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args()
    calibration(args.learners, args.answers, args.mocks, new_only=False)
    calibration(args.learners, args.answers, args.mocks, new_only=True)
    if args.no_speed:
        return 0
    if not DEV_CORPUS.is_dir():
        print(f"{DEV_CORPUS} is not available: speed not measured")
        return 0
    speed(args.questions, args.store_answers, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
