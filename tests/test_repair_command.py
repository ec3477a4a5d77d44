"""Tests of ``quiz repair``: where the output goes, the report, and errors."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
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


# ------------------------------------------------------------ files that are not files, full disks

ROOT = Path(__file__).resolve().parent.parent
HANG_GUARD_SECONDS = 60  # a FIFO read blocks forever, a good run takes ~1 s


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_a_one_line_error_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "f.md"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "quiz", "repair", str(fifo)],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=HANG_GUARD_SECONDS,
    )
    assert result.returncode == 1
    assert result.stderr == f"{fifo}: not a regular file\n".encode()


def fill_the_disk(monkeypatch: pytest.MonkeyPatch, below: Path, after: int = 0) -> None:
    """Writes of files below a folder, after the first ``after``, stop half-way with ENOSPC."""
    real_write_text, real_write_bytes = Path.write_text, Path.write_bytes
    writes: list[Path] = []

    def full(path: Path) -> bool:
        writes.append(path)
        return path.is_relative_to(below) and len(writes) > after

    def write_text(self: Path, data: str, *args: object, **kwargs: object) -> int:
        if full(self):
            real_write_text(self, data[: len(data) // 2], *args, **kwargs)  # type: ignore[arg-type]
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write_text(self, data, *args, **kwargs)  # type: ignore[arg-type]

    def write_bytes(self: Path, data: bytes) -> int:
        if full(self):
            real_write_bytes(self, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write_bytes(self, data)

    monkeypatch.setattr(Path, "write_text", write_text)
    monkeypatch.setattr(Path, "write_bytes", write_bytes)


def test_a_full_disk_keeps_the_old_output_whole(
    damaged_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    full = tmp_path / "full"
    full.mkdir()
    keep = full / "keep2.md"
    keep.write_text("a good file\n" * 300, encoding="utf-8")
    fill_the_disk(monkeypatch, full)
    assert main(["repair", str(damaged_file), "-o", str(keep)]) == 1
    assert keep.read_text(encoding="utf-8") == "a good file\n" * 300
    assert list(full.iterdir()) == [keep]
    assert capsys.readouterr().err == f"{keep}: cannot write: {os.strerror(errno.ENOSPC)}\n"


def test_a_full_disk_leaves_no_partial_file_in_the_out_dir(
    damaged_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text("乾淨的中文。\n", encoding="utf-8")
    out_dir = tmp_path / "out"
    fill_the_disk(monkeypatch, out_dir, after=1)
    assert main(["repair", str(damaged_file), str(clean), "--out-dir", str(out_dir)]) == 1
    assert [p.name for p in out_dir.iterdir()] == ["question.md"]
    assert (out_dir / "question.md").read_text(encoding="utf-8") == ORIGINAL
    err = capsys.readouterr().err
    assert err == f"{out_dir / 'clean.md'}: cannot write: {os.strerror(errno.ENOSPC)}\n"


def test_an_out_dir_that_is_a_file_is_not_a_directory(
    damaged_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "passwd"
    file.write_text("root:x:0:0\n", encoding="utf-8")
    assert main(["repair", str(damaged_file), "--out-dir", str(file)]) == 2
    assert capsys.readouterr().err == f"quiz repair: --out-dir {file}: not a directory\n"
    assert file.read_text(encoding="utf-8") == "root:x:0:0\n"


def test_an_output_through_a_symlink_writes_the_file_it_names(
    damaged_file: Path, tmp_path: Path
) -> None:
    real = tmp_path / "real.md"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert main(["repair", str(damaged_file), "-o", str(link)]) == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8") == ORIGINAL


def test_file_names_with_control_characters_are_shown_not_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "evil\x1b]0;title\x07.md"
    assert main(["repair", str(missing)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "evil␛]0;title␇.md: cannot read" in err
