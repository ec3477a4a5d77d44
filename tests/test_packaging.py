"""``pip install .`` (not editable) carries the bundled bank: ``quiz list`` works anywhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_installed_wheel_lists_the_bundled_bank(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    site = tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(ROOT)], check=True)
    (wheel,) = wheels.glob("quiz-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(site), str(wheel)], check=True)
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import quiz, quiz.cli; "
        "print(quiz.__file__); quiz.cli.main(['list'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(site)],
        cwd=tmp_path,
        env={"QUIZ_DATA_DIR": str(tmp_path / "data"), "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    first, *lines = result.stdout.splitlines()
    assert first.startswith(str(site))
    bundled = sorted(p.stem for p in (ROOT / "questions").rglob("*.yaml"))
    assert sorted(line.split()[0].split("/")[1] for line in lines) == bundled
