"""Run ``quiz serve`` and look at it in Debian's chromium, driven by Playwright
(tests/test_serve.py, benchmarks/bench_serve.py).

The page is xterm.js drawing on a canvas, so there is no text in the DOM and the
terminal object is not on ``window``: ``HOOK`` catches it when textual-serve's script
stores it (``this.terminal = new Terminal(...)``), and ``SCREEN_TEXT`` reads its buffer.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOOK = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true});
    if (value && value.buffer && value.buffer.active) window.quizTerminal = value;
  },
});
"""
SCREEN_TEXT = """() => {
  const terminal = window.quizTerminal;
  if (!terminal) return "";
  const buffer = terminal.buffer.active, rows = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}"""


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"no {CHROMIUM} (apt-get install chromium)"
    for module in ("playwright", "textual_serve"):
        try:
            __import__(module)
        except ImportError:
            return f"{module} is not installed (pip install 'quiz[test]')"
    return None


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(*options: str, port: int) -> Iterator[str]:
    """``quiz [options] serve --port PORT`` until the block ends; yields its URL once it
    listens (the line it prints then)."""
    command = [sys.executable, "-m", "quiz", *options, "serve", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        assert "serving the study app on http://127.0.0.1:" in line, line
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextmanager
def chromium_page() -> Iterator[Any]:
    """A page in a fresh headless chromium profile, with ``HOOK`` installed."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="quiz-chromium-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile,
                executable_path=str(CHROMIUM),
                args=CHROMIUM_ARGS,
                headless=True,
                viewport={"width": 1200, "height": 800},
            )
            try:
                context.add_init_script(HOOK)  # every page of the context
                yield context.pages[0] if context.pages else context.new_page()
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def wait_for_text(page: Any, text: str, timeout_ms: float = 30_000) -> str:
    """Wait until the terminal shows ``text``; returns the screen's text."""
    page.wait_for_function(
        f"(wanted) => ({SCREEN_TEXT})().includes(wanted)", arg=text, timeout=timeout_ms
    )
    return str(page.evaluate(SCREEN_TEXT))
