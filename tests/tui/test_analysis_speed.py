"""Showing the analysis stays fast on long records, and the benchmark that times it runs."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from quiz.bank import write_record
from tui.test_question_view import letter_question

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def test_benchmark_times_showing_the_analysis(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_study
    finally:
        sys.path.remove(str(BENCHMARKS))
    for number in (1, 2):
        write_record(tmp_path / "banks" / "letters", letter_question(number))
    shown, sizes = asyncio.run(bench_study.reveal_ms(tmp_path / "banks", tmp_path, count=2))
    assert len(shown) == 2 and all(ms > 0 for ms in shown)
    assert len(sizes) == 2
