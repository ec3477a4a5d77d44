"""The repair model's build and cached start, as whole processes.

Run: .venv/bin/python benchmarks/bench_repair_model.py [--runs 5] [--code DIR]
Prints, for ``python -P -c "load_lexicon()"`` (start to exit, bytecode cached by a first run):
- the build: each run with a fresh, empty cache directory (QUIZ_DATA_DIR);
- the cached start: the model loaded from the cache the build wrote;
median, min and max seconds of --runs runs, the highest peak memory, and the cache's size.
``--code DIR`` times the ``quiz`` package under DIR instead of this tree's (for a before
figure: ``git archive REF quiz | tar -x -C DIR``). Repair speed: bench_repair.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from figures import ROOT, Run, quiz_environment, run_to_exit, spread

LOAD = "from quiz.repair.lexicon import load_lexicon; load_lexicon()"


def main() -> int:
    """Time the build and the cached start, and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each")
    parser.add_argument("--code", type=Path, default=ROOT, help="the directory holding quiz/")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-repair-model-") as scratch:
        env = quiz_environment(Path(scratch, "bytecode"))
        env["PYTHONPATH"] = str(args.code.resolve())

        def load(data: Path) -> Run:
            return run_to_exit(
                [sys.executable, "-P", "-c", LOAD], {**env, "QUIZ_DATA_DIR": str(data)}
            )

        load(Path(scratch, "warm-up"))  # writes the bytecode
        builds = [load(Path(scratch, f"build-{run}")) for run in range(args.runs)]
        cached = [load(Path(scratch, "build-0")) for _ in range(args.runs)]
        caches = list(Path(scratch, "build-0").rglob("repair-lexicon-*.marshal"))
        size = sum(path.stat().st_size for path in caches) / 2**20
    print(f"code: {args.code.resolve()}")
    for label, runs in (("build, empty cache", builds), ("cached start", cached)):
        seconds = spread([run.seconds for run in runs], "s")
        print(f"{label:20} {seconds}, peak {max(run.peak_mb for run in runs):.0f} MB")
    print(f"cache file: {size:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
