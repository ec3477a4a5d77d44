"""Real-sized banks for the benchmarks: the records the dev corpus imports to, replicated.

Imports ../shared/corpus/dev (``quiz.importer``, ``write_records`` into a temporary folder)
and copies its records round robin up to N questions. Each copy has its own id, its bank
(at most ``BANK_SIZE`` questions each) and its own text: copy c maps every ASCII letter
through a permutation seeded by c and moves every CJK ideograph c places along its block,
so sizes, Markdown structure, code, tags and answers stay those of the real records while
no two records are near-duplicates or copies for the merge rules. Code fence lines keep
their language. Also writes a progress database of answers. Seeded: the same arguments
always give the same data.

    python benchmarks/real_bank.py OUT [--questions N] [--answers N]

writes OUT/bank/ (YAML records) and OUT/data/progress.sqlite3, no cache or index.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import string
import tempfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quiz import paths
from quiz.bank import load_banks, write_records
from quiz.importer import find_sources, import_sources
from quiz.learning import grade, review_card
from quiz.model import Explanation, Question, Reference
from quiz.store import Store, to_text

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
DEV_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"
BANK_SIZE = 500
CJK_FIRST, CJK_COUNT = 0x4E00, 0x9FFF - 0x4E00 + 1
_FENCE = re.compile(r"^([ \t]*(?:```|~~~)[^\n]*)$", re.MULTILINE)
KEPT_FILES = ("progress.sqlite3", "progress.sqlite3-wal", "progress.sqlite3-shm", "settings.json")


@dataclass
class Sizes:
    """Record file sizes in KB: the corpus's records and the generated ones."""

    corpus: list[float]
    generated: list[float]

    def line(self) -> str:
        """``median and mean KB`` of both, for the benchmark's output."""

        def kb(sizes: list[float]) -> str:
            return f"median {statistics.median(sizes):.2f} KB, mean {statistics.mean(sizes):.2f} KB"

        return (
            f"{len(self.generated)} records ({kb(self.generated)}, "
            f"{sum(self.generated) / 1024:.1f} MB); the corpus's {len(self.corpus)}: "
            f"{kb(self.corpus)}"
        )


def corpus_records(corpus: Path = DEV_CORPUS) -> tuple[list[Question], list[float]]:
    """The questions the corpus imports to, read back from their records, and the records'
    sizes in KB."""
    with tempfile.TemporaryDirectory() as temporary:
        out = Path(temporary) / "bank"
        report = import_sources(find_sources([corpus]))
        write_records(out, report.questions)
        loaded = load_banks([out], use_cache=False)
        files = [Path(loaded.files[question.key]) for question in loaded.questions]
        return loaded.questions, [file.stat().st_size / 1024 for file in files]


def disguise(copy: int) -> dict[int, int]:
    """The ``str.translate`` table of a copy: letters permuted, ideographs shifted
    (copy 0 is the real text)."""
    if copy == 0:
        return {}
    letters = list(string.ascii_lowercase)
    random.Random(copy).shuffle(letters)
    table = str.maketrans(
        string.ascii_lowercase + string.ascii_uppercase,
        "".join(letters) + "".join(letters).upper(),
    )
    shift = copy % CJK_COUNT
    for code in range(CJK_FIRST, CJK_FIRST + CJK_COUNT):
        table[code] = CJK_FIRST + (code - CJK_FIRST + shift) % CJK_COUNT
    return table


def disguised(text: str, table: dict[int, int]) -> str:
    """The text through the table, its code fence lines as they are."""
    if not table:
        return text
    parts = _FENCE.split(text)  # odd parts are fence lines
    return "".join(part if n % 2 else part.translate(table) for n, part in enumerate(parts))


def copy_of(question: Question, number: int, copy: int, table: dict[int, int]) -> Question:
    """The question as copy ``copy``: id ``Q-<number>``, its bank, its disguised text."""

    def text(value: str) -> str:
        return disguised(value, table)

    explanation = question.explanation
    return replace(
        question,
        id=f"Q-{number:05d}",
        bank=f"real-{number // BANK_SIZE:03d}",
        stem=text(question.stem),
        translation=text(question.translation),
        options={letter: text(option) for letter, option in question.options.items()},
        explanation=Explanation(
            key_points=text(explanation.key_points),
            correct=text(explanation.correct),
            wrong={letter: text(why) for letter, why in explanation.wrong.items()},
            mnemonic=text(explanation.mnemonic),
            references=tuple(Reference(text(r.title), r.url) for r in explanation.references),
            extra=text(explanation.extra),
        ),
    )


def replicate(real: list[Question], count: int) -> list[Question]:
    """``count`` questions: the real ones, then their disguised copies, round robin."""
    tables: dict[int, dict[int, int]] = {}
    bank = []
    for number in range(count):
        copy = number // len(real)
        if copy not in tables:
            tables[copy] = disguise(copy)
        bank.append(copy_of(real[number % len(real)], number, copy, tables[copy]))
    return bank


def make_cold(data: Path, bank: Path) -> None:
    """Remove what can be rebuilt from the records: everything in the data dir but the
    progress database and settings, and whatever is not a YAML record in the bank dir."""
    for path in data.iterdir() if data.is_dir() else ():
        if path.name not in KEPT_FILES:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    for path in sorted(bank.rglob("*"), reverse=True):
        if path.is_file() and path.suffix != ".yaml":
            path.unlink()


def generate(out: Path, questions: int, answers: int, seed: int = 1) -> Sizes:
    """Write ``out/bank`` and ``out/data/progress.sqlite3`` (no cache); their sizes."""
    real, corpus_sizes = corpus_records()
    bank = replicate(real, questions)
    paths.use_data_dir(out / "data")
    written = write_records(out / "bank", bank)
    rng = random.Random(seed)
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
                card, due = review_card(None, grade(correct, False, 1.0, ()), at)
                connection.execute(
                    "INSERT INTO cards (question_key, card, due) VALUES (?, ?, ?)",
                    (key, card, to_text(due)),
                )
    make_cold(out / "data", out / "bank")
    return Sizes(corpus_sizes, [path.stat().st_size / 1024 for path in written.paths])


def main() -> int:
    """Parse arguments and generate."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--answers", type=int, default=100_000)
    args = parser.parse_args()
    if not DEV_CORPUS.is_dir():
        print(f"{DEV_CORPUS} is not available: nothing generated")
        return 0
    sizes = generate(args.out, args.questions, args.answers)
    print(f"wrote {sizes.line()}, and {args.answers} answers, under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
