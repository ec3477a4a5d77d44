"""``quiz import`` against hostile files, paths and machines: names that try to
escape ``--out``, FIFOs, undecodable names, full disks, unreadable folders,
UTF-16 files, and a Python without UTF-8 mode."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from importer_samples import numbered, template

from quiz import bank as bank_module
from quiz.bank import RecordNotWritten, load_banks, record_path, validate_directory
from quiz.cli import main
from quiz.model import Question
from quiz.names import MAX_COMPONENT_BYTES, path_text, safe_component

ROOT = Path(__file__).resolve().parent.parent
HANG_GUARD_SECONDS = 60  # generous: a FIFO read blocks forever, a good run takes ~1 s
NO_ID = template(info="")  # a template question whose ID comes from its file name


def with_id(question_id: str) -> str:
    return numbered(question_id)


def files_below(root: Path) -> set[Path]:
    return {path for path in root.rglob("*") if not path.is_dir()}


def run_quiz(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    """The CLI in a child process (for what could block, or needs another locale)."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "quiz", *args],
        capture_output=True,
        env=environment,
        cwd=cwd,
        timeout=HANG_GUARD_SECONDS,
    )


# ---------------------------------------------------------------- names as paths


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("bank-1", "bank-1"),
        ("..", "__"),
        (".", "_"),
        ("", "_"),
        (".hidden", "_hidden"),
        ("a/b\\c", "a_b_c"),
        ("a\x00b\x1b[2J\u202e", "a_b_[2J_"),
        ("題庫", "題庫"),
        (unicodedata.normalize("NFD", "café"), "café"),
        ("bad\udcffbyte", "bad_xffbyte"),
    ],
)
def test_safe_component(name: str, safe: str) -> None:
    assert safe_component(name) == safe
    assert safe_component(safe) == safe


def test_long_names_are_cut_in_bytes_and_stay_distinct() -> None:
    first, second = "題" * 200 + "1", "題" * 200 + "2"
    cut = {safe_component(first), safe_component(second)}
    assert len(cut) == 2
    assert all(len(name.encode()) <= MAX_COMPONENT_BYTES for name in cut)
    assert all(safe_component(name) == name for name in cut)


def test_path_text_shows_undecodable_bytes() -> None:
    assert path_text(os.fsdecode(b"bank\xff/Q.md")) == "bank\\xff/Q.md"


def test_record_path_refuses_a_bank_folder_that_leads_outside(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "linked").symlink_to(elsewhere)
    question = Question(id="Q-1", bank="linked", stem="?", options={"A": "a"}, answer=("A",))
    with pytest.raises(RecordNotWritten, match="outside the bank directory"):
        record_path(out, question)


def test_a_dotdot_path_writes_inside_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "work"
    (work / "bankA").mkdir(parents=True)
    (work / "t.md").write_text(template(), encoding="utf-8")
    monkeypatch.chdir(work)
    before = files_below(tmp_path)
    assert main(["import", "bankA/../t.md", "--out", "out/deep"]) == 0
    new = files_below(tmp_path) - before
    records = [path for path in new if path.suffix == ".yaml"]
    assert records == [work / "out" / "deep" / "work" / "Q-007.yaml"]
    assert all(path.is_relative_to(work / "out" / "deep") or "cache" in path.parts for path in new)
    assert load_banks([work / "out" / "deep"]).questions[0].origin.file == "work/t.md"


@pytest.mark.parametrize(
    "bank", ["../../x", "/abs", "..", ".", ".hidden", "a\\b", "", "x\x1b[2J", "b" * 101]
)
def test_an_unsafe_bank_name_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bank: str
) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "q.md").write_text(template(), encoding="utf-8")
    before = files_below(tmp_path)
    assert main(["import", str(tmp_path / "src"), "--bank", bank, "--out", str(tmp_path)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and "a bank name is one folder name" in lines[0]
    assert "\x1b" not in lines[0]
    assert files_below(tmp_path) == before


def test_a_folder_name_with_controls_becomes_a_safe_bank(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "src" / "evil\x1b]0;owned\x07"
    folder.mkdir(parents=True)
    (folder / "q.md").write_text(template(), encoding="utf-8")
    (folder / "notes.md").write_text("just notes\n", encoding="utf-8")
    assert main(["import", str(tmp_path / "src"), "--out", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    assert "\x1b" not in captured.err + captured.out and "\x07" not in captured.err
    assert "skipped" in captured.err and "␛" in captured.err
    (question,) = load_banks([tmp_path / "out"]).questions
    assert question.bank == "evil_]0;owned_"
    assert (tmp_path / "out" / "evil_]0;owned_" / "Q-007.yaml").is_file()


def test_an_id_too_long_for_a_file_name_is_written(tmp_path: Path) -> None:
    long_id = "Q-" + "x" * 300
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.md").write_text(with_id(long_id), encoding="utf-8")
    (tmp_path / "src" / "b.md").write_text(with_id(long_id + "y"), encoding="utf-8")
    assert main(["import", str(tmp_path / "src"), "--out", str(tmp_path / "out")]) == 0
    loaded = load_banks([tmp_path / "out"])
    assert {q.id for q in loaded.questions} == {long_id, long_id + "y"}
    assert all(len(p.name.encode()) <= MAX_COMPONENT_BYTES + 5 for p in files_below(tmp_path))


def test_distinct_ids_never_share_a_file(tmp_path: Path) -> None:
    ids = ["a/b", "a\\b", "a:b", "a_b", ".", "~", "_", "Q-1.2_x", "題目-7"]
    (tmp_path / "src").mkdir()
    for number, question_id in enumerate(ids):
        (tmp_path / "src" / f"{number}.md").write_text(with_id(question_id), encoding="utf-8")
    assert main(["import", str(tmp_path / "src"), "--out", str(tmp_path / "out")]) == 0
    records = sorted(p.name for p in (tmp_path / "out" / "src").iterdir())
    assert len(records) == len(ids)
    assert {q.id for q in load_banks([tmp_path / "out"]).questions} == set(ids)
    assert {"a_b.yaml", "_.yaml", "Q-1.2_x.yaml", "題目-7.yaml"} <= set(records)  # plain names kept


def test_two_questions_for_one_file_are_refused_not_overwritten(tmp_path: Path) -> None:
    first = Question(id="Q-1", bank="b", stem="first?", options={"A": "a"}, answer=("A",))
    second = Question(id="Q-1", bank="b", stem="second?", options={"A": "a"}, answer=("A",))
    with pytest.raises(RecordNotWritten, match="b/Q-1 of the same import goes to that file too"):
        bank_module.write_records(tmp_path, [first, second])
    assert not (tmp_path / "b" / "Q-1.yaml").exists()


def test_an_answer_sign_that_disagrees_is_a_warning_line_and_status_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "Q-1.md").write_text(template(answer="**正解:** `C`\n\n# 題目解析\n"))
    assert main(["import", str(tmp_path / "Q-1.md"), "--out", str(tmp_path / "out")]) == 0
    (line,) = capsys.readouterr().err.splitlines()
    assert "Q-1.md:" in line and ": warning: the heading" in line and "C kept" in line


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"bin \x00 data here\n", "a binary file"), (b"", "an empty file"), (b"# Notes\n", "not a")],
)
def test_a_file_skipped_is_status_1_when_named_and_0_inside_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, reason: str
) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "Q.md").write_bytes(content)
    (tmp_path / "src" / "Q-007.md").write_text(template(), encoding="utf-8")
    out = str(tmp_path / "out")
    assert main(["import", str(tmp_path / "src" / "Q.md"), "--out", out]) == 1
    assert f"skipped {tmp_path / 'src' / 'Q.md'}: {reason}" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "src"), "--out", out]) == 0


def test_a_folder_without_md_files_says_so_and_is_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "src"
    for name in (".git/Q.md", "sub/.hidden.md", "x.markdown"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(template(), encoding="utf-8")
    assert main(["import", str(folder), "--out", str(tmp_path / "out")]) == 1
    reason = "no .md question files found (hidden folders and other extensions are not read)"
    assert f"{folder}: {reason}" in capsys.readouterr().err.splitlines()


def test_an_empty_out_is_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "Q-007.md").write_text(template(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = files_below(tmp_path)
    assert main(["import", "Q-007.md", "--out", ""]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("--out: an empty folder name")
    assert files_below(tmp_path) == before


# ---------------------------------------------------------------- files that are not files


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_a_folder_is_skipped_with_a_line(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "q.md").write_text(template(), encoding="utf-8")
    os.mkfifo(folder / "pipe.md")
    result = run_quiz("import", str(folder), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert b"pipe.md: not a regular file" in result.stderr
    assert b"1 question imported" in result.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_is_an_error_not_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "named.md")
    result = run_quiz("import", str(tmp_path / "named.md"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert b"named.md: not a regular file" in result.stderr and b"Traceback" not in result.stderr


def test_undecodable_names_give_records_that_load_and_validate(tmp_path: Path) -> None:
    folder = os.path.join(os.fsencode(tmp_path), b"src", b"bank\xff")
    os.makedirs(folder)
    with open(os.path.join(folder, b"Q-9\xfe.md"), "w", encoding="utf-8") as file:
        file.write(NO_ID)
    out = tmp_path / "out"
    assert main(["import", str(tmp_path / "src"), "--out", str(out)]) == 0
    (question,) = load_banks([out]).questions
    assert question.key == "bank_xff/Q-9\\xfe"
    assert question.origin.file == "src/bank\\xff/Q-9\\xfe.md"
    assert validate_directory(out) == []


# ---------------------------------------------------------------- where records go


def test_out_that_is_a_file_or_below_one_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "q.md"
    source.write_text(template(), encoding="utf-8")
    a_file = tmp_path / "file"
    a_file.write_text("x", encoding="utf-8")
    for out, reason in ((a_file, "not a directory"), (a_file / "sub", "cannot create it")):
        assert main(["import", str(source), "--out", str(out)]) == 2
        (line,) = capsys.readouterr().err.splitlines()
        assert line.startswith(f"--out {out}: {reason}")


def test_out_that_is_not_writable_is_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "q.md"
    source.write_text(template(), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != out)  # root writes anyway
    assert main(["import", str(source), "--out", str(out)]) == 2
    assert capsys.readouterr().err == f"--out {out}: not writable\n"


def test_a_full_disk_leaves_no_temporary_file_and_says_which_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "src" / "bank"
    folder.mkdir(parents=True)
    for number in (1, 2, 3):
        (folder / f"q{number}.md").write_text(with_id(f"Q-{number}"), encoding="utf-8")
    out = tmp_path / "out"
    real_write_bytes = Path.write_bytes
    writes = []

    def write_bytes(self: Path, data: bytes) -> int:
        if self.is_relative_to(out):
            writes.append(self)
            if len(writes) == 2:
                real_write_bytes(self, data[:10])
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    assert main(["import", str(tmp_path / "src"), "--out", str(out)]) == 1
    printed = capsys.readouterr()
    err = printed.err
    assert "bank/Q-2 could not be written to" in err and os.strerror(errno.ENOSPC) in err
    assert "2 records not written" in err and printed.out.startswith("1 question imported")
    assert "Traceback" not in err
    assert sorted(p.name for p in files_below(out)) == ["Q-1.yaml"]
    assert [q.key for q in load_banks([out]).questions] == ["bank/Q-1"]


def test_write_record_removes_its_temporary_file_on_any_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(bank_module.os, "replace", fail)
    question = Question(id="Q-1", bank="b", stem="?", options={"A": "a"}, answer=("A",))
    with pytest.raises(RecordNotWritten, match="b/Q-1 could not be written"):
        bank_module.write_record(tmp_path, question)
    assert files_below(tmp_path) == set()


# ---------------------------------------------------------------- nothing skipped silently


def test_an_unreadable_folder_is_a_line_and_status_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "src" / "bank"
    (folder / "locked").mkdir(parents=True)
    (folder / "q.md").write_text(template(), encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:  # tests run as root: chmod 000 would not stop it
        if Path(os.fsdecode(path)).name == "locked":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert main(["import", str(tmp_path / "src"), "--out", str(tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    assert f"{folder / 'locked'}: cannot read the folder (Permission denied)" in captured.err
    assert "1 question imported from 1 file" in captured.out and "1 failed" in captured.out


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-le"])
def test_utf16_and_utf32_with_a_byte_order_mark_import(tmp_path: Path, codec: str) -> None:
    bom = "" if codec in ("utf-16", "utf-32") else "\ufeff"  # the bare codecs write one
    (tmp_path / "bank").mkdir()
    (tmp_path / "bank" / "q.md").write_bytes((bom + template()).encode(codec))
    assert main(["import", str(tmp_path / "bank"), "--out", str(tmp_path / "out")]) == 0
    (question,) = load_banks([tmp_path / "out"]).questions
    assert "Job 是藍圖" in question.explanation.mnemonic


def test_utf16_without_a_byte_order_mark_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "q.md").write_bytes(template().encode("utf-16-le"))
    (tmp_path / "image.md").write_bytes(bytes(range(256)) * 4)
    assert main(["import", str(tmp_path), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "q.md: UTF-16 text without a byte-order mark" in err
    assert "skipped" in err and "image.md: a binary file" in err


# ---------------------------------------------------------------- a machine without UTF-8 mode


def test_import_without_utf8_mode_writes_valid_records(tmp_path: Path) -> None:
    """Depends on nothing printed to stdout being non-ASCII (the summary is ASCII here)."""
    folder = tmp_path / "src" / "題庫"
    folder.mkdir(parents=True)
    (folder / "題目-1.md").write_text(NO_ID, encoding="utf-8")
    (folder / "筆記.md").write_text("只是筆記\n", encoding="utf-8")
    out = tmp_path / "out"
    ascii_env = {"PYTHONUTF8": "0", "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": ""}
    result = run_quiz("import", str(tmp_path / "src"), "--out", str(out), env=ascii_env)
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert result.returncode == 0
    (question,) = load_banks([out]).questions
    assert question.key == "題庫/題目-1" and question.origin.file == "src/題庫/題目-1.md"
    assert "藍圖" in question.explanation.mnemonic
    assert validate_directory(out) == []
