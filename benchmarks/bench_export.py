"""``quiz export anki`` of a real-sized bank (issue 15: 5,000 questions < 10 s; re-exported
after editing one record, one note changes).

A bank of --questions questions and --answers answers made by real_bank.py. Whole
processes, median of --runs with min and max: the export with the bank index warm, with
it cold (caches and index removed first), and ``--missed`` (the questions whose last
answer was wrong). Then one record's stem is edited and the deck exported again: the
notes of both decks are compared by GUID, and the changed ones counted.

    python benchmarks/bench_export.py [--questions 5000] [--answers 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path

from figures import quiz_command, quiz_environment, run_to_exit, spread
from real_bank import DEV_CORPUS, generate, make_cold

from quiz.bank import read_record, record_files, write_record


def deck_notes(deck: Path) -> dict[str, tuple[str, str]]:
    """The notes of an ``.apkg``: GUID -> (fields, tags)."""
    with zipfile.ZipFile(deck) as archive, tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "collection.anki2"
        database.write_bytes(archive.read("collection.anki2"))
        connection = sqlite3.connect(database)
        rows = connection.execute("SELECT guid, flds, tags FROM notes").fetchall()
        connection.close()
    return {guid: (fields, tags) for guid, fields, tags in rows}


def edit_one_record(bank: Path) -> str:
    """Change the stem of one record (rewritten in place); its key."""
    path = record_files(bank)[len(record_files(bank)) // 2]
    question, problem = read_record(path)
    assert question is not None, problem
    assert write_record(bank, replace(question, stem=question.stem + "\n\nEdited.")) == path
    return question.key


def main() -> int:
    """Parse arguments, generate the bank, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not DEV_CORPUS.is_dir():
        print(f"{DEV_CORPUS} is not available: nothing measured")
        return 0
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        sizes = generate(work, args.questions, args.answers)
        data, bank = work / "data", work / "bank"
        print(sizes.line())
        env = quiz_environment(work / "bytecode")
        first, second = work / "first.apkg", work / "second.apkg"

        def export(deck: Path, *options: str) -> float:
            command = quiz_command(data, bank, "export", "anki", str(deck), "--no-bundled")
            return run_to_exit([*command, *options], env).seconds

        export(first)  # bytecode and index
        print(f"export anki, whole process ({args.runs} runs each):")
        warm = [export(first) for _ in range(args.runs)]
        print(f"  {args.questions} questions, index warm   {spread(warm, 's')}")
        cold = []
        for _ in range(args.runs):
            make_cold(data, bank)
            cold.append(export(first))
        print(f"  {args.questions} questions, index cold   {spread(cold, 's')}")
        missed_deck = work / "missed.apkg"
        missed = [export(missed_deck, "--missed") for _ in range(args.runs)]
        count = len(deck_notes(missed_deck))
        print(f"  --missed ({count} notes), index warm {spread(missed, 's')}")
        before = deck_notes(first)
        key = edit_one_record(bank)
        seconds = export(second)
        after = deck_notes(second)
        changed = [guid for guid in before if before[guid] != after.get(guid)]
        same = before.keys() == after.keys()
        print(
            f"re-export after editing {key}: {len(changed)} of {len(after)} notes changed, "
            f"same GUIDs: {'yes' if same else 'no'}; {seconds:.2f} s"
        )
        size = first.stat().st_size / 2**20
        print(f"deck size {size:.1f} MB")
        return 0 if len(changed) == 1 and same else 1


if __name__ == "__main__":
    sys.exit(main())
