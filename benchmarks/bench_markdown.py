"""Reading Markdown structure: dev-corpus files/s and MB/s on files built to be slow.

Run: .venv/bin/python benchmarks/bench_markdown.py [--rounds 7]
Each figure is the median, min and max over the rounds: files/s of ``Document``
alone (headings, code, sections) and of ``import_sources`` (the whole parse,
no writing) on ../shared/corpus/dev, then MB/s of ``Document`` on big texts
(one paragraph of short lines, fences, headings) that must stay ≥ 1 MB/s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from quiz.importer import find_sources, import_sources
from quiz.importer.markdown import Document, normalise_source

DEV_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"
MB = 1_000_000

BIG_TEXTS: dict[str, Callable[[], str]] = {
    "1 MB paragraph of 4-byte lines": lambda: "- a\n" * (MB // 4),
    "1 MB of fences": lambda: "```\nx\n```\n" * (MB // 10),
    "1 MB of headings": lambda: "## heading\ntext\n" * (MB // 16),
    "1 MB of option-letter fences": lambda: (
        "- **A.** ```sql\nSELECT 1\n``` (Correct)\n" * (MB // 38)
    ),
}


def timed(work: Callable[[], object], rounds: int) -> list[float]:
    """Seconds of each round of ``work``."""
    seconds = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return seconds


def report(name: str, amount: float, unit: str, seconds: list[float]) -> None:
    rates = [amount / s for s in seconds]
    print(
        f"{name:44} median {statistics.median(rates):8.1f} {unit}"
        f"  min {min(rates):8.1f}  max {max(rates):8.1f}  ({len(rates)} rounds)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    if DEV_CORPUS.is_dir():
        sources = find_sources([DEV_CORPUS])
        texts = [normalise_source(s.path.read_text(encoding="utf-8")) for s in sources]
        report(
            "dev corpus, Document",
            len(texts),
            "files/s",
            timed(lambda: [*map(Document, texts)], rounds),
        )
        report(
            "dev corpus, import_sources",
            len(texts),
            "files/s",
            timed(lambda: import_sources(sources), rounds),
        )
    else:
        print("dev corpus: not available, skipped", file=sys.stderr)
    for name, build in BIG_TEXTS.items():
        text = build()
        report(
            name, len(text.encode()) / MB, "MB/s", timed(lambda text=text: Document(text), rounds)
        )


if __name__ == "__main__":
    main()
