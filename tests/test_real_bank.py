"""The benchmarks' real-sized bank (benchmarks/real_bank.py): distinct questions whose
records are the size of the dev corpus's (skipped when ../shared is absent)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from real_bank import generate

from quiz.bank import load_banks
from quiz.importer.merge import identity
from quiz.near_duplicates import near_duplicates

COUNT = 300  # the corpus's 118 questions and two disguised copies of most of them


def test_the_generated_bank_holds_distinct_real_sized_questions(
    dev_corpus: Path, tmp_path: Path
) -> None:
    sizes = generate(tmp_path, COUNT, answers=50)
    loaded = load_banks([tmp_path / "bank"], use_cache=False)
    assert not loaded.problems
    questions = loaded.questions
    assert len({q.key for q in questions}) == COUNT
    assert len({identity(q) for q in questions}) == COUNT  # no copies for the merge rules
    real = len(sizes.corpus)
    pairs = near_duplicates(questions)
    assert all(int(p.second.id[2:]) < real for p in pairs), "a copy is a near-duplicate"
    assert all(q.tags == questions[n % real].tags for n, q in enumerate(questions))
    assert len(sizes.generated) == COUNT
    for number, size in enumerate(sizes.generated):  # each the size of the record it copies
        assert size == pytest.approx(sizes.corpus[number % real], rel=0.02, abs=0.05)
