"""The repair extra: its packages are named once, said when missing, and never imported
by what clean files need (the app, ``quiz list``, ``quiz import`` of clean files)."""

from __future__ import annotations

import importlib.abc
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from importer_samples import numbered

from quiz import repair
from quiz.cli import main
from quiz.repair import EXTRA, INSTALL, damage, missing_extra

ROOT = Path(__file__).resolve().parent.parent


class Refuse(importlib.abc.MetaPathFinder):
    """An import hook under which one package cannot be imported."""

    def __init__(self, name: str) -> None:
        self.name = name

    def find_spec(self, fullname: str, path: object, target: object = None) -> None:
        if fullname.partition(".")[0] == self.name:
            raise ImportError(f"no module named {fullname!r}")


@pytest.fixture(params=["sys.modules", "import hook"])
def without_jieba(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """jieba cannot be imported, made so one way or the other."""
    if request.param == "sys.modules":
        monkeypatch.setitem(sys.modules, "jieba", None)
    else:
        monkeypatch.delitem(sys.modules, "jieba", raising=False)
        monkeypatch.setattr(sys, "meta_path", [Refuse("jieba"), *sys.meta_path])


def test_the_extra_in_pyproject_is_the_packages_repair_checks() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {re.split(r"[<>=!~ ]", spec)[0] for spec in project["optional-dependencies"]["repair"]}
    assert names == set(EXTRA)
    assert "quiz[repair]" in project["optional-dependencies"]["test"]
    assert not {re.split(r"[<>=!~ ]", spec)[0] for spec in project["dependencies"]} & names


def test_the_extra_is_installed_here() -> None:
    assert missing_extra() == ""


@pytest.mark.usefixtures("without_jieba")
def test_missing_extra_names_the_package_and_what_to_install() -> None:
    assert missing_extra() == f"repairing damaged text needs jieba: {INSTALL}"
    assert "\n" not in missing_extra()


@pytest.mark.usefixtures("without_jieba")
def test_quiz_repair_without_the_extra_says_what_to_install_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "question.md"
    path.write_text(damage("正確答案是選項 B。\n"), encoding="utf-8")
    assert main(["repair", str(path), "-o", str(tmp_path / "out.md")]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [f"quiz repair: {missing_extra()}"]
    assert "pip install 'quiz[repair]'" in captured.err
    assert not (tmp_path / "out.md").exists()


@pytest.mark.usefixtures("without_jieba")
def test_import_without_the_extra_skips_the_damaged_file_and_imports_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_repair(*args: object) -> None:
        raise AssertionError("the repairer was asked for")

    monkeypatch.setattr(repair, "__getattr__", no_repair)
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "Q-001.md").write_text(numbered("Q-001"), encoding="utf-8")
    (folder / "Q-002.md").write_text(damage(numbered("Q-002")), encoding="utf-8")
    (folder / "Q-003.md").write_text(numbered("Q-003"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["import", str(folder), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    damaged = str(folder / "Q-002.md")
    assert captured.err.splitlines() == [f"skipped {damaged}: damaged text; {missing_extra()}"]
    summary = captured.out.splitlines()[-1]
    assert "2 questions imported from 2 files" in summary
    assert "1 skipped" in summary and "0 repaired" in summary
    assert sorted(path.stem for path in out.rglob("*.yaml")) == ["Q-001", "Q-003"]


@pytest.mark.usefixtures("without_jieba")
def test_a_damaged_file_named_without_the_extra_is_a_failing_status(tmp_path: Path) -> None:
    path = tmp_path / "bank" / "Q-002.md"
    path.parent.mkdir()
    path.write_text(damage(numbered("Q-002")), encoding="utf-8")
    assert main(["import", str(path), "--out", str(tmp_path / "out")]) == 1
    assert not list((tmp_path / "out").rglob("*.yaml"))


CLEAN_PATHS = """
import sys
from quiz.cli import main
import quiz.tui.app
assert main(["list"]) == 0
assert main(["import", sys.argv[1], "--out", sys.argv[2]]) == 0
print(" ".join(sorted(sys.modules)))
"""


def test_the_app_list_and_a_clean_import_never_import_the_extra(tmp_path: Path) -> None:
    folder = tmp_path / "bank"
    folder.mkdir()
    for key in ("Q-001", "Q-002"):
        (folder / f"{key}.md").write_text(numbered(key), encoding="utf-8")
    command = [sys.executable, "-c", CLEAN_PATHS, str(folder), str(tmp_path / "out")]
    environment = {"QUIZ_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        command, capture_output=True, text=True, timeout=120, check=True, env=environment
    )
    modules = {name.partition(".")[0] for name in run.stdout.splitlines()[-1].split()}
    assert "quiz" in modules and "textual" in modules  # the script did run the app's import
    assert modules & set(EXTRA) == set()
