"""Measure ``quiz serve``: from its start to the home screen shown in a headless chromium.

Usage: ``PYTHONPATH=. .venv/bin/python benchmarks/bench_serve.py [--runs 5] [--bank-dir DIR]
[--cold]``

Each run starts ``quiz serve`` (whole process; bytecode and the bank's caches written by a
first run that is not counted; ``--cold``: a fresh data dir each run, so no caches) and, as
soon as it says it listens, opens a new page on it in a chromium started beforehand; the
clock stops when the terminal's text holds the home screen's ``Studying:`` line (read from
xterm.js's buffer, see tests/browser.py). Also split: start to listening, and listening to
home (the page, its websocket and the app process textual-serve starts for the tab). Needs
/usr/bin/chromium and playwright.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))

from browser import chromium_page, free_port, missing, wait_for_text
from figures import quiz_environment, spread


def one_run(page: object, env: dict[str, str], options: list[str]) -> tuple[float, float]:
    """Seconds from the start of ``quiz serve`` to listening, and to the home screen."""
    with tempfile.TemporaryDirectory() as fresh:
        data = env.get("BENCH_DATA_DIR", fresh)
        port = free_port()
        command = [sys.executable, "-m", "quiz", "--data-dir", data, *options]
        start = time.perf_counter()
        server = subprocess.Popen(
            [*command, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE, text=True
        )
        try:
            assert server.stdout is not None
            line = server.stdout.readline()
            assert "serving the study app" in line, line
            listening = time.perf_counter() - start
            tab = page.context.new_page()  # type: ignore[attr-defined]
            tab.goto(f"http://127.0.0.1:{port}/", wait_until="commit")
            wait_for_text(tab, "Studying:")
            home = time.perf_counter() - start
            tab.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    return listening, home


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bank-dir", help="serve this bank too (default: the bundled one)")
    parser.add_argument("--cold", action="store_true", help="a fresh data dir each run")
    args = parser.parse_args()
    reason = missing()
    if reason:
        print(f"skipped: {reason}")
        return 0
    options = ["--bank-dir", args.bank_dir] if args.bank_dir else []
    with tempfile.TemporaryDirectory() as kept, chromium_page() as page:
        env = quiz_environment(Path(kept) / "bytecode")
        if not args.cold:
            env["BENCH_DATA_DIR"] = str(Path(kept) / "data")
        one_run(page, env, options)  # writes the bytecode
        runs = [one_run(page, env, options) for _ in range(args.runs)]
    print(f"quiz serve start to listening: {spread([r[0] for r in runs], 's')}")
    print(f"listening to home screen in the browser: {spread([r[1] - r[0] for r in runs], 's')}")
    print(f"quiz serve start to home screen in the browser: {spread([r[1] for r in runs], 's')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
