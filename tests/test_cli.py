"""The command line: import, list and validate as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from importer_samples import numbered, template

from quiz.cli import main


def write_sources(root: Path) -> Path:
    folder = root / "src" / "mybank"
    folder.mkdir(parents=True)
    (folder / "Q-007.md").write_text(template())
    (folder / "Q-008.md").write_text(
        numbered("Q-008", tags="**Topics:** `Delta-Lake`\n").replace("L2-Intermediate", "L1-Basic")
    )
    return root / "src"


def test_import_then_list_and_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bank"
    assert main(["import", str(write_sources(tmp_path)), "--out", str(out)]) == 0
    summary = capsys.readouterr().out
    assert "2 questions imported from 2 files" in summary and "0 failed" in summary
    assert sorted(p.name for p in (out / "mybank").iterdir()) == ["Q-007.yaml", "Q-008.yaml"]

    assert main(["list", "--bank-dir", str(out), "--tag", "delta-lake"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "mybank/" in line]
    assert len(lines) == 1 and lines[0].startswith("mybank/Q-008  L1-Basic  Delta-Lake  A team")

    assert main(["list", "--bank-dir", str(out), "--json"]) == 0
    records = {r["key"]: r for r in json.loads(capsys.readouterr().out)}
    assert records["mybank/Q-007"]["answer"] == ["B"]

    assert main(["validate", str(out)]) == 0
    assert "2 records checked: 0 errors" in capsys.readouterr().out


def test_import_defaults_to_the_data_dir_and_the_app_sees_it(
    tmp_path: Path, isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(write_sources(tmp_path))]) == 0
    assert (isolated_data_dir / "banks" / "mybank" / "Q-007.yaml").is_file()
    capsys.readouterr()
    assert main(["list"]) == 0
    assert "mybank/Q-007" in capsys.readouterr().out


def test_import_reports_failures_with_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = write_sources(tmp_path)
    (sources / "mybank" / "Q-009.md").write_text(template(options="### 選項\n\n(none)\n"))
    assert main(["import", str(sources), "--out", str(tmp_path / "bank")]) == 1
    captured = capsys.readouterr()
    assert "Q-009.md:" in captured.err and "no options found" in captured.err
    assert "2 questions imported" in captured.out and "1 failed" in captured.out


def test_validate_reports_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bank"
    main(["import", str(write_sources(tmp_path)), "--out", str(out)])
    record = out / "mybank" / "Q-007.yaml"
    text = record.read_text()
    record.write_text(text.replace("answer: [B]", "answer: [Z]"))
    capsys.readouterr()
    assert main(["validate", str(out)]) == 1
    line = text.splitlines().index("answer: [B]") + 1
    assert f"Q-007.yaml:{line}: " in capsys.readouterr().err


def test_list_shows_the_bundled_bank(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("by-order_b2/Q-030  L1-Basic") for line in lines)


def test_an_empty_data_dir_is_a_usage_error(capsys) -> None:
    import pytest

    from quiz.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["--data-dir", "", "stats"])
    assert stop.value.code == 2 and "--data-dir: give a folder" in capsys.readouterr().err
