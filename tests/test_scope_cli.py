"""``--bank``, ``--level``, ``--domain``, ``--no-bundled``: what to study, for one run."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_records import make_question

from quiz import paths
from quiz.bank import write_record
from quiz.cli import main
from quiz.scope import SETTINGS_KEY, Scope
from quiz.settings import load_settings, save_settings
from quiz.tui.app import QuizApp


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    """Two banks: one at L1 in the Operations domain, one at L2."""
    for number in range(4):
        level = "L1-Basic" if number < 2 else "L2-Intermediate"
        write_record(
            tmp_path / "bank",
            make_question(
                id=f"Q{number}",
                bank="ops" if number < 2 else "dev",
                level=level,
                domain="Operations" if number < 2 else "",
                topics=("Jobs-API" if number % 2 else "Delta-Lake",),
            ),
        )
    return tmp_path / "bank"


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QuizApp]:
    """The apps the commands would open (not run)."""
    apps: list[QuizApp] = []
    monkeypatch.setattr(QuizApp, "run", lambda app: apps.append(app))
    return apps


def listed(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return [line.split()[0] for line in capsys.readouterr().out.splitlines()]


def test_list_takes_the_scope_options(bank_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    given = ["--bank-dir", str(bank_dir)]
    assert main(["list", *given, "--level", "l2", "--no-bundled"]) == 0
    assert listed(capsys) == ["dev/Q2", "dev/Q3"]
    assert main(["list", *given, "--bank", "OPS", "--bank", "dev", "--no-bundled"]) == 0
    assert listed(capsys) == ["dev/Q2", "dev/Q3", "ops/Q0", "ops/Q1"]
    assert main([*given, "list", "--domain", "operations", "--tag", "Jobs-API"]) == 0
    assert listed(capsys) == ["ops/Q1"]
    assert main(["list", *given]) == 0  # no option: every question, bundled ones too
    assert len(listed(capsys)) > 4


def test_a_name_no_question_has_is_one_line(
    bank_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["list", "--bank-dir", str(bank_dir), "--level", "L9"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err.splitlines()[-1]
    assert err.startswith("quiz: --level L9: no question has it (there are: L1-Basic,")
    with pytest.raises(SystemExit):
        main(["--level", "L1", "stats"])
    assert "do not go with stats" in capsys.readouterr().err


def test_the_app_gets_the_scope_for_this_run_without_saving_it(
    bank_dir: Path, opened: list[QuizApp], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--bank-dir", str(bank_dir), "--bank", "ops", "--no-bundled"]) == 0
    assert opened[-1].scope == Scope(banks=frozenset({"ops"}), bundled=False)
    assert SETTINGS_KEY not in load_settings(paths.settings_file())
    # a scope that leaves no question: said, and no app opened
    assert main(["--bank-dir", str(bank_dir), "--bank", "ops", "--level", "L2"]) == 1
    assert "no question is in what --bank" in capsys.readouterr().err and len(opened) == 1


def test_drill_and_exam_check_the_scope_first(
    bank_dir: Path, opened: list[QuizApp], capsys: pytest.CaptureFixture[str]
) -> None:
    given = ["--bank-dir", str(bank_dir)]
    assert main(["drill", *given, "--tag", "Delta-Lake", "--level", "L2"]) == 0
    assert opened[-1].drill_at_start == ["Delta-Lake"]
    assert opened[-1].scope == Scope(levels=frozenset({"L2-Intermediate"}))
    # the scope saved in the app counts when no option is given
    save_settings(paths.settings_file(), {SETTINGS_KEY: Scope(banks=frozenset({"x"})).to_dict()})
    assert main(["drill", *given, "--tag", "Delta-Lake"]) == 1
    err = capsys.readouterr().err
    assert "no question in what you chose to study has the tag 'Delta-Lake'" in err
    assert main(["exam", *given, "--count", "5"]) == 2
    assert "no question in what you chose to study matches all questions" in capsys.readouterr().err
    assert main(["exam", *given, "--count", "5", "--domain", "Operations", "--bank", "ops"]) == 0
    assert opened[-1].scope == Scope(domains=frozenset({"Operations"}))
    assert opened[-1].exam_request is not None and opened[-1].exam_request.banks == ("ops",)
