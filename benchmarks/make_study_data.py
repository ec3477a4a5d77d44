"""Generate a synthetic bank (5,000 questions) and a progress database (100,000 answers).

Usage: python benchmarks/make_study_data.py OUT_DIR [--questions N] [--answers N]
Writes OUT_DIR/bank/ (YAML records) and OUT_DIR/data/progress.sqlite3. Seeded: the same
arguments always give the same data.
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quiz.bank import write_record
from quiz.learning import review_card
from quiz.model import Explanation, Question
from quiz.store import Store, to_text
from quiz.vocabulary import TOPIC_TAGS, TRAP_TAGS

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def make_question(number: int, rng: random.Random) -> Question:
    """A plausible question with a code block, two tags and a full explanation."""
    topic = rng.choice(list(TOPIC_TAGS))
    trap = rng.choice(list(TRAP_TAGS))
    answer = tuple(sorted(rng.sample("ABCDE", 2))) if number % 7 == 0 else (rng.choice("ABCDE"),)
    return Question(
        id=f"S{number:05d}",
        bank=f"synthetic{number % 5}",
        stem=f"Question {number} about **{topic}**:\n\n```sql\nSELECT * FROM t{number};\n```",
        options={letter: f"Option {letter} for `{topic}` number {number}" for letter in "ABCDE"},
        answer=answer,
        level=rng.choice(("L1-Basic", "L2-Intermediate", "L3-Advanced")),
        topics=(topic,),
        traps=(trap,),
        explanation=Explanation(
            correct="Because the documentation says so.",
            wrong={letter: "Not this one." for letter in "ABCDE" if letter not in answer},
            mnemonic="Remember the rule.",
            key_points="- one\n- two",
        ),
    )


def real_sized(source: Path, count: int) -> list[Question]:
    """``count`` questions replicated from the records below ``source`` (e.g. the dev corpus
    imported), each with its own id and stem, so record sizes follow real ones."""
    from dataclasses import replace

    from quiz.bank import load_banks

    real = load_banks([source], use_cache=False).questions
    return [
        replace(
            real[n % len(real)],
            id=f"R{n:05d}",
            bank=f"real{n % 5}",
            stem=f"{real[n % len(real)].stem}\n\n(copy {n})",
        )
        for n in range(count)
    ]


def generate(
    out: Path, questions: int, answers: int, seed: int = 1, like: Path | None = None
) -> None:
    """Write the bank (synthetic, or replicated from the real records in ``like``) and fill
    the database."""
    rng = random.Random(seed)
    if like is not None:
        bank = real_sized(like, questions)
    else:
        bank = [make_question(n, rng) for n in range(questions)]
    for question in bank:
        write_record(out / "bank", question)
    (out / "data").mkdir(parents=True, exist_ok=True)
    with Store(out / "data" / "progress.sqlite3") as store:
        rows, last = [], {}
        for _ in range(answers):
            question = rng.choice(bank)
            at = NOW - timedelta(days=rng.uniform(0, 365))
            correct = rng.random() < 0.7
            wrong = next(letter for letter in question.options if letter not in question.answer)
            chosen = "".join(question.answer) if correct else wrong
            rows.append((question.key, chosen, int(correct), 20.0, "practice", to_text(at)))
            last[question.key] = (correct, at)
        with store.transaction() as connection:
            connection.executemany(
                "INSERT INTO answers (question_key, chosen, correct, seconds, mode, answered_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
            for key, (correct, at) in last.items():
                card, due = review_card(None, correct, at)
                connection.execute(
                    "INSERT INTO cards (question_key, card, due) VALUES (?, ?, ?)",
                    (key, card, to_text(due)),
                )


def main() -> None:
    """Parse arguments and generate."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--answers", type=int, default=100_000)
    args = parser.parse_args()
    generate(args.out, args.questions, args.answers)
    print(f"wrote {args.questions} questions and {args.answers} answers under {args.out}")


if __name__ == "__main__":
    main()
