"""How the benchmarks time whole processes and print a figure (median, min, max)."""

from __future__ import annotations

import os
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from fcntl import ioctl
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIME = "/usr/bin/time"  # GNU time: the peak memory of a command (%M)


def spread(values: list[float], unit: str, digits: int = 2) -> str:
    """``median X unit (min A, max B, N runs)``; ms figures with one decimal."""
    digits = 1 if unit == "ms" else digits
    median, low, high = statistics.median(values), min(values), max(values)
    return (
        f"median {median:.{digits}f} {unit} (min {low:.{digits}f}, max {high:.{digits}f}, "
        f"{len(values)} runs)"
    )


@dataclass
class Run:
    """One whole process: seconds from spawn to exit (or to what was awaited), peak MB."""

    seconds: float
    peak_mb: float
    output: bytes = b""


def quiz_environment(bytecode: Path) -> dict[str, str]:
    """The environment a quiz process runs in: this worktree first on the path, bytecode
    written (once) under ``bytecode`` as an installed quiz has it, a fixed terminal."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "NO_COLOR"))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    env.update(TERM="xterm-256color", COLORTERM="truecolor", LC_ALL="C.UTF-8", LANG="C.UTF-8")
    return env


def quiz_command(data: Path, bank: Path, *args: str) -> list[str]:
    """``python -m quiz --data-dir DATA --bank-dir BANK ARGS``."""
    return [sys.executable, "-m", "quiz", "--data-dir", str(data), "--bank-dir", str(bank), *args]


def peak_mb(pid: int) -> float:
    """The peak resident memory of a running process (VmHWM), in MB.

    Not ``wait4``'s ``ru_maxrss``: Linux carries a parent's peak over a fork and exec,
    so a child of a big benchmark process would show the benchmark's peak."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def run_to_exit(command: list[str], env: dict[str, str]) -> Run:
    """Run a command from start to exit (its output kept); it must succeed. Its peak
    memory comes from ``/usr/bin/time`` (a small parent, see ``peak_mb``)."""
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.perf_counter()
        process = subprocess.Popen(
            [TIME, "-f", "%M", "-o", report.name, *command],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        output, _ = process.communicate()
        seconds = time.perf_counter() - start
        if process.returncode:
            raise RuntimeError(f"{command} failed ({process.returncode}): {output[-2000:]!r}")
        return Run(seconds, int(report.read().split()[-1]) / 1024, output)


def _visible(output: bytes) -> str:
    """The terminal output without its escape sequences."""
    text = output.decode("utf-8", "replace")
    return re.sub(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])", "", text)


def run_until_shown(
    command: list[str], env: dict[str, str], text: str, size: tuple[int, int] = (100, 30)
) -> Run:
    """Run a full-screen command in a pseudo-terminal of ``size`` (columns, lines), from
    spawn until its screen shows ``text``; then kill it (SIGKILL) and reap it."""
    controller, terminal = os.openpty()
    ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdin=terminal, stdout=terminal, stderr=terminal, start_new_session=True
    )
    os.close(terminal)
    output = b""
    try:
        while text not in _visible(output[-65536:]):
            if time.perf_counter() - start > 120:
                raise RuntimeError(f"{text!r} not shown in 120 s: {_visible(output)[-2000:]!r}")
            ready, _, _ = select.select([controller], [], [], 1)
            if ready:
                try:
                    output += os.read(controller, 65536)
                except OSError:  # the process ended
                    raise RuntimeError(f"ended before {text!r}: {_visible(output)!r}") from None
        seconds = time.perf_counter() - start
        peak = peak_mb(process.pid)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
        os.close(controller)
    return Run(seconds, peak, output)


class TerminalSession:
    """A full-screen command in a pseudo-terminal, driven by keys; how long each key's
    effect takes to draw: from the key written to the last output before ``QUIET``
    seconds of silence (what a person sees settle), whatever the screen shows."""

    QUIET = 0.25

    def __init__(self, command: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
        self.controller, terminal = os.openpty()
        ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command,
            env=env,
            stdin=terminal,
            stdout=terminal,
            stderr=terminal,
            start_new_session=True,
        )
        os.close(terminal)
        self.output = b""

    def wait_for(self, text: str, limit: float = 120) -> float:
        """Seconds from the start until the screen shows ``text``."""
        while text not in _visible(self.output[-65536:]):
            if time.perf_counter() - self.started > limit:
                raise RuntimeError(f"{text!r} not shown: {_visible(self.output)[-2000:]!r}")
            if select.select([self.controller], [], [], 0.5)[0]:
                self.output += os.read(self.controller, 65536)
        return time.perf_counter() - self.started

    def press(self, key: bytes, limit: float = 10) -> float:
        """Write a key once the screen is quiet; seconds until what it drew settled."""
        while select.select([self.controller], [], [], self.QUIET)[0]:
            os.read(self.controller, 65536)
        start = time.perf_counter()
        os.write(self.controller, key)
        last = None
        while time.perf_counter() - start < limit:
            if select.select([self.controller], [], [], self.QUIET)[0]:
                os.read(self.controller, 65536)
                last = time.perf_counter()
            elif last is not None:
                return last - start
        raise RuntimeError(f"{key!r}: the screen did not settle in {limit} s")

    def close(self) -> None:
        """Kill the command (SIGKILL) and reap it."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        os.close(self.controller)
