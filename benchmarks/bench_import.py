"""Import speed on the dev corpus, whole process and in process.

Run: .venv/bin/python benchmarks/bench_import.py [--runs 7] [--corpus DIR]
Prints, on the dev corpus (../shared/corpus/dev, when present):
- the whole `quiz import` process, start to exit, writing included: into a fresh --out
  each run, then re-importing into the same --out (median, min and max of --runs, files/s);
  bytecode is cached first (a warm-up run), as in an installed quiz;
- in-process figures beside it: parsing (import_sources) and writing (write_records).
`quiz list` and the app on real-sized banks: bench_scale.py.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from quiz import paths
from quiz.bank import write_records
from quiz.importer import find_sources, import_sources

ROOT = Path(__file__).resolve().parent.parent
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


def spread(times: list[float], files: int) -> str:
    """``median ms (min-max), files/s at the median``."""
    median = statistics.median(times)
    return (
        f"median {median * 1000:.0f} ms (min {min(times) * 1000:.0f}, "
        f"max {max(times) * 1000:.0f}, {len(times)} runs) = {files / median:.0f} files/s"
    )


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def bench_dev_corpus_process(corpus: Path, work: Path, runs: int) -> None:
    """The whole command as a user runs it, one process per run."""
    files = len(find_sources([corpus]))
    env = {**os.environ, "QUIZ_DATA_DIR": str(work / "data")}
    env["PYTHONPYCACHEPREFIX"] = str(work / "bytecode")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])

    cpu: list[float] = []  # user + system time of each run: steadier on a busy machine

    def quiz_import(out: Path) -> None:
        command = [sys.executable, "-m", "quiz", "import", str(corpus), "--out", str(out)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, env=env, capture_output=True, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)

    quiz_import(work / "warm-up")  # writes the bytecode
    cpu.clear()
    fresh = [timed(lambda i=i: quiz_import(work / f"fresh-{i}")) for i in range(runs)]
    print(f"quiz import (whole process, fresh --out): {spread(fresh, files)}")
    print(f"  its CPU time: {spread(cpu, files)}")
    cpu.clear()
    again = [timed(lambda: quiz_import(work / "fresh-0")) for _ in range(runs)]
    print(f"quiz import (whole process, re-import, nothing changed): {spread(again, files)}")
    print(f"  its CPU time: {spread(cpu, files)}")


def bench_dev_corpus_in_process(corpus: Path, work: Path, runs: int) -> None:
    """Parsing and writing alone, in this process (no start-up, no imports)."""
    sources = find_sources([corpus])
    size = sum(s.path.stat().st_size for s in sources)
    report = import_sources(sources)
    parse = [timed(lambda: import_sources(sources)) for _ in range(runs)]
    print(
        f"  in process: {len(sources)} files, {size / 1e6:.2f} MB, "
        f"{len(report.questions)} questions, {len(report.failed)} failed"
    )
    print(f"  in process, parsing (import_sources): {spread(parse, len(sources))}")
    write = [
        timed(lambda i=i: write_records(work / f"in-{i}", report.questions)) for i in range(runs)
    ]
    print(f"  in process, writing (write_records, fresh): {spread(write, len(sources))}")
    again = [timed(lambda: write_records(work / "in-0", report.questions)) for _ in range(runs)]
    print(f"  in process, writing (write_records, unchanged): {spread(again, len(sources))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--corpus", type=Path, default=DEV_CORPUS, help="question folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        paths.use_data_dir(work / "data")
        if args.corpus.is_dir():
            bench_dev_corpus_process(args.corpus, work / "process", args.runs)
            bench_dev_corpus_in_process(args.corpus, work / "in-process", args.runs)
        else:
            print("dev corpus: not available, skipped")


if __name__ == "__main__":
    main()
