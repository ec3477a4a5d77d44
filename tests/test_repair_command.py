"""Tests of ``quiz repair``: where the output goes, the report, and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.cli import main
from quiz.repair import damage

ORIGINAL = "## 考點識別\n\n正確答案是選項 B，不是選項 A。\n"


@pytest.fixture
def damaged_file(tmp_path: Path) -> Path:
    """A file as the broken transfer left it."""
    path = tmp_path / "question.md"
    path.write_bytes(damage(ORIGINAL).encode("utf-8"))
    return path


def test_one_file_is_repaired_to_stdout(
    damaged_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["repair", str(damaged_file)]) == 0
    assert capsys.readouterr().out == ORIGINAL


def test_output_file(damaged_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "fixed.md"
    assert main(["repair", str(damaged_file), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == ORIGINAL


def test_several_files_go_to_the_out_dir_under_their_names(
    damaged_file: Path, tmp_path: Path
) -> None:
    clean = tmp_path / "clean.md"
    clean.write_bytes("already fine “quotes”\r\n".encode())
    out_dir = tmp_path / "out"
    assert main(["repair", str(damaged_file), str(clean), "--out-dir", str(out_dir)]) == 0
    assert (out_dir / "question.md").read_text(encoding="utf-8") == ORIGINAL
    assert (out_dir / "clean.md").read_bytes() == clean.read_bytes()


def test_several_files_without_out_dir_is_an_error(
    damaged_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["repair", str(damaged_file), str(damaged_file)]) == 2
    assert "--out-dir" in capsys.readouterr().err


def test_report_lists_uncertain_choices_with_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "emoji.md"
    path.write_bytes(damage("標題\n## 📍 考點識別\n").encode("utf-8"))
    assert main(["repair", str(path), "--report", "-o", str(tmp_path / "out.md")]) == 0
    err = capsys.readouterr().err
    assert f"{path}: repaired, " in err
    assert f"{path}:2:4: chose " in err
    assert "考點" in err


def test_report_says_when_a_file_is_not_damaged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "clean.md"
    path.write_text("乾淨的中文。\n", encoding="utf-8")
    assert main(["repair", str(path), "--report"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "乾淨的中文。\n"
    assert "not damaged" in captured.err


def test_missing_and_binary_files_are_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "junk.bin"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    missing = tmp_path / "missing.md"
    assert main(["repair", str(missing), str(binary), "--out-dir", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{missing}: cannot read")
    assert err[1].startswith(f"{binary}: not UTF-8 text")
