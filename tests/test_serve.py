"""``quiz serve``: the study app in a browser, checked in a real headless chromium."""

from __future__ import annotations

import base64
import shlex
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from browser import chromium_page, free_port, missing, serving, wait_for_text
from test_records import make_question

from quiz.bank import write_record
from quiz.cli import build_parser, main
from quiz.commands.serve import app_command, is_loopback
from quiz.store import Store


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    """One question (answer B) in a folder whose name needs quoting in a shell."""
    folder = tmp_path / "it's a bank; $(echo no)"
    write_record(folder, make_question(bank="travel", answer=("B",)))
    return folder


def test_the_tab_command_keeps_the_options_quoted(bank_dir: Path, tmp_path: Path) -> None:
    data = tmp_path / "my data"
    args = build_parser().parse_args(
        ["--data-dir", str(data), "serve", "--bank-dir", str(bank_dir), "--level", "L1 x"]
    )
    from quiz import paths

    paths.use_data_dir(args.data_dir)
    given = shlex.split(app_command(args))
    assert given == [
        sys.executable,
        "-m",
        "quiz",
        "--data-dir",
        str(data),
        "--bank-dir",
        str(bank_dir),
        "--level",
        "L1 x",
    ]


def test_the_data_dir_from_the_environment_is_passed_on(isolated_data_dir: Path) -> None:
    args = build_parser().parse_args(["serve", "--no-bundled", "--bank", "a", "--bank", "b"])
    given = shlex.split(app_command(args))
    wanted = ["--data-dir", str(isolated_data_dir), "--bank", "a", "--bank", "b", "--no-bundled"]
    assert given[3:] == wanted


def test_only_loopback_hosts_are_local() -> None:
    assert all(map(is_loopback, ["127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"]))
    assert not any(map(is_loopback, ["0.0.0.0", "192.168.1.2", "example.org", "::"]))


def test_a_public_host_needs_the_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert "no login" in err and "--public" in err and len(err.splitlines()) == 1


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """The (host, port) each ``quiz serve`` would listen on (it does not)."""
    server = pytest.importorskip("textual_serve.server")
    calls: list[tuple[str, int]] = []
    monkeypatch.setattr(
        server.Server, "serve", lambda self, debug=False: calls.append((self.host, self.port))
    )
    return calls


def test_public_warns_there_is_no_login(
    served: list[tuple[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--port", "8123", "--public"]) == 0
    assert served == [("0.0.0.0", 8123)]
    assert "warning: anyone who can reach 0.0.0.0:8123" in capsys.readouterr().err


def test_the_scope_is_checked_before_serving(
    bank_dir: Path, served: list[tuple[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    given = ["serve", "--bank-dir", str(bank_dir), "--no-bundled"]
    assert main([*given, "--level", "L3"]) == 1
    assert "no question is in what" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        main([*given, "--level", "L9"])
    assert stopped.value.code == 2
    assert main(["serve", "--port", "70000"]) == 2
    assert "give a port from 1 to 65535" in capsys.readouterr().err
    assert served == []


def test_without_textual_serve_it_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails
    assert main(["serve"]) == 2
    assert capsys.readouterr().err == "quiz serve needs textual-serve: pip install 'quiz[serve]'\n"


def test_a_port_in_use_is_one_line() -> None:
    pytest.importorskip("textual_serve")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run(
            [sys.executable, "-m", "quiz", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert run.returncode == 2
    assert run.stderr == f"quiz serve: port {port} is in use; choose another with --port\n"


@pytest.mark.skipif(missing() is not None, reason=str(missing()))
def test_the_browser_shows_home_and_a_practice_answer_is_saved(
    bank_dir: Path, isolated_data_dir: Path, tmp_path: Path
) -> None:
    """The data dir comes from QUIZ_DATA_DIR, the bank and scope from the options."""
    options = ["--bank-dir", str(bank_dir), "--no-bundled"]
    with serving(*options, port=free_port()) as url, chromium_page() as page:
        page.goto(url, wait_until="commit")
        home = wait_for_text(page, "Studying:")
        assert "1 question" in home and "Practice" in home
        shot = page.locator("#terminal").screenshot(path=str(tmp_path / "home.png"))
        assert colours(page, shot) > 20  # text drawn, not an empty terminal
        page.focus(".xterm-helper-textarea")
        page.keyboard.press("p")
        wait_for_text(page, "Which endpoint?")
        page.keyboard.press("2")
        page.keyboard.press("Enter")
        wait_for_text(page, "Right")
        with Store(isolated_data_dir / "progress.sqlite3") as store:
            saved = [(a.question_key, a.chosen, a.correct) for a in store.answers()]
    assert saved == [("travel/Q-001", "B", True)]


def colours(page: Any, png: bytes) -> int:
    """How many colours a PNG has, decoded by the browser (no imaging library needed)."""
    return int(page.evaluate(COUNT_COLOURS, base64.b64encode(png).decode()))


COUNT_COLOURS = """async (png) => {
  const image = new Image();
  image.src = "data:image/png;base64," + png;
  await image.decode();
  const canvas = new OffscreenCanvas(image.width, image.height);
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, image.width, image.height).data, seen = new Set();
  for (let i = 0; i < pixels.length; i += 4) {
    seen.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
  }
  return seen.size;
}"""
