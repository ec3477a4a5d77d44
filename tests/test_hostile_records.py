"""Hostile record files: escapes, alias bombs, ambiguous YAML, FIFOs, odd names, ASCII terminals."""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from quiz import bank, records
from quiz.bank import load_banks, read_record, validate_directory
from quiz.cli import main
from quiz.index import index_file
from quiz.records import parse_yaml, record_to_question
from quiz.text import has_controls

ROOT = Path(__file__).resolve().parent.parent
HANG_GUARD = 5  # seconds; the work itself takes milliseconds (a child process: twice that)

RECORD = """\
id: Q-1
bank: hostile
stem: 哪一個端點會回傳執行的狀態？
options: {A: 一, B: 二}
answer: [A]
"""


def write(path: Path, text: str = RECORD) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def all_strings(value: object) -> Iterator[str]:
    """Every string inside a question (dataclasses, mappings, tuples)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for item in dataclasses.fields(value):
            yield from all_strings(getattr(value, item.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from all_strings(key)
            yield from all_strings(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from all_strings(item)


def run_python(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run this Python on the project, without ``PYTHONIOENCODING`` and with ``env`` added."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONIOENCODING"}
    environment.update(PYTHONPATH=str(ROOT), **(env or {}))
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=environment,
        timeout=2 * HANG_GUARD,
    )


# ------------------------------------------------------------ control characters

EVERY_FIELD = r"""
id: "Q-\e1"
bank: "b\e[2J"
source: "s\x9b31m"
level: "L\a"
domain: "d\u202e"
topics: ["t\e]0;x\a"]
traps: ["r\x7f"]
stem: "Which \e[2J\e]0;pwned\a?"
options: {A: "a\e[1m", B: "b\x85"}
answer: [A]
community: {answer: [A], votes: "A\e[5m"}
explanation:
  key_points: "k\e"
  correct: "c\e"
  wrong: {"B\e": "w\e"}
  mnemonic: "m\e"
  references: [{title: "t\e", url: "https://x\e"}]
  extra: "x\e"
origin: {file: "f\e.md", sha256: "h\e"}
"""


def test_control_characters_in_every_field_become_visible_symbols(tmp_path: Path) -> None:
    question = record_to_question(parse_yaml(EVERY_FIELD))
    strings = list(all_strings(question))
    assert len(strings) >= 22 and not any(has_controls(text) for text in strings)
    assert question.stem == "Which ␛[2J␛]0;pwned␇?"
    write(tmp_path / "r.yaml", EVERY_FIELD)
    for _ in range(2):  # parsed, then from the cache
        (loaded,) = load_banks([tmp_path]).questions
        assert loaded == question


def test_an_index_entry_with_control_characters_is_shown_not_sent(tmp_path: Path) -> None:
    write(tmp_path / "r.yaml")
    load_banks([tmp_path])
    with closing(sqlite3.connect(index_file(tmp_path))) as connection, connection:
        (text,) = connection.execute("SELECT record FROM records").fetchone()
        record = {**json.loads(text), "stem": "\x1b[2J"}
        connection.execute("UPDATE records SET record = ?", (json.dumps(record),))
        connection.execute("UPDATE files SET first_words = '\x1b[2J', level = '\x07'")
    loaded = load_banks([tmp_path])
    (info,) = loaded.infos
    assert (info.first_words, info.level) == ("␛[2J", "␇")
    (question,) = loaded.questions
    assert question.stem == "␛[2J"


def test_list_stats_and_validate_never_print_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "b"
    write(folder / "ok.yaml", EVERY_FIELD)
    write(folder / "bad\x1b[2J.yaml", "id: [\n")
    for argv in (
        ["list", "--bank-dir", str(folder)],
        ["list", "--bank-dir", str(folder), "--json"],
        ["stats", "--bank-dir", str(folder)],
        ["stats", "--bank-dir", str(folder), "--json"],
        ["validate", str(folder), str(tmp_path / "no\x1b[2Jdir")],
    ):
        main(argv)
        captured = capsys.readouterr()
        assert "␛[2J" in captured.out + captured.err, argv
        assert not has_controls(captured.out + captured.err), argv


# ------------------------------------------------------------ alias bombs


def alias_bomb(levels: int = 9, width: int = 10) -> str:
    lines = [f"    - &a0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"    - &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    return RECORD + "community:\n  answer: [A]\n  votes:\n" + "\n".join(lines) + "\n"


LOADING_CHILD = """
import json, sys
from pathlib import Path
from quiz import bank
folder = Path(sys.argv[1])
question, problem = bank.read_record(folder / sys.argv[2])
loaded = bank.load_banks([folder])
print(json.dumps({
    "read": str(problem),
    "loaded": [q.id for q in loaded.questions],
    "problems": [str(p) for p in loaded.problems],
    "validate": [str(p) for p in bank.validate_directory(folder)],
    "cache": [p.stat().st_size for p in bank.paths.cache_dir().glob("bank-*.sqlite3")],
}))
"""


def load_in_a_child(folder: Path, name: str) -> dict[str, Any]:
    """read_record, load_banks and validate_directory in a child killed after the hang guard.

    A child, because the old code hung where no in-process guard reaches: in C (``str()`` of
    an alias expansion) or in ``open()`` of a FIFO.
    """
    child = run_python("-c", LOADING_CHILD, str(folder), name)
    assert child.returncode == 0, child.stderr
    return json.loads(child.stdout)


def test_an_alias_bomb_is_a_clear_problem_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    path = write(folder / "bomb.yaml", alias_bomb())
    write(folder / "ok.yaml", RECORD.replace("Q-1", "Q-2"))
    assert len(path.read_bytes()) < 700
    found = load_in_a_child(folder, "bomb.yaml")
    finding = f"{path}:9: anchors, aliases and merge keys (&, *, <<) are not allowed in a record"
    assert found["read"] == finding
    assert found["loaded"] == ["Q-2"] and found["problems"] == [finding]
    assert found["validate"] == [finding]
    assert len(found["cache"]) == 1 and found["cache"][0] < 40_000  # a few empty pages


def test_quiz_list_on_an_alias_bomb_finishes(tmp_path: Path) -> None:
    write(tmp_path / "b" / "bomb.yaml", alias_bomb())
    result = run_python("-m", "quiz", "list", "--bank-dir", str(tmp_path / "b"))
    assert result.returncode == 0, result.stderr
    assert "bomb.yaml:9: anchors, aliases and merge keys" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        "base: &b {x: 1}\nother: {<<: *b}\n",
        "a: &x [1]\nb: *x\n",
    ],
)
def test_aliases_and_merge_keys_are_refused(text: str) -> None:
    with pytest.raises(Exception, match="aliases and merge keys"):
        parse_yaml(text)


def test_community_votes_must_be_text(tmp_path: Path) -> None:
    path = write(tmp_path / "r.yaml", RECORD + "community: {answer: [A], votes: [1, 2]}\n")
    assert "community.votes must be text" in str(read_record(path)[1])


# ------------------------------------------------------------ ambiguous YAML


def problems_of(tmp_path: Path, text: str) -> list[str]:
    write(tmp_path / "r.yaml", text)
    return [
        str(problem).replace(str(tmp_path) + "/", "") for problem in validate_directory(tmp_path)
    ]


def test_an_answer_letter_given_twice_is_an_error(tmp_path: Path) -> None:
    text = RECORD.replace("answer: [A]", "answer: [B, B]")
    assert problems_of(tmp_path, text) == ["r.yaml:5: answer lists B twice"]
    assert load_banks([tmp_path]).questions == []


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (RECORD + "stem: again\n", "r.yaml:6: key 'stem' is given twice"),
        (RECORD.replace("B: 二}", "B: 二, A: 三}"), "r.yaml:4: key 'A' is given twice"),
    ],
)
def test_a_key_given_twice_is_an_error(tmp_path: Path, text: str, finding: str) -> None:
    assert problems_of(tmp_path, text) == [finding]
    assert load_banks([tmp_path]).questions == []


def test_a_community_answer_that_is_not_an_option_is_a_warning(tmp_path: Path) -> None:
    text = RECORD + "community: {answer: [E], votes: E (80%)}\n"
    assert problems_of(tmp_path, text) == [
        "r.yaml:6: warning: community answer E is not one of the options"
    ]
    assert [q.id for q in load_banks([tmp_path]).questions] == ["Q-1"]


def test_plain_values_are_text_as_written(tmp_path: Path) -> None:
    text = "id: 0x1F\nbank: 030\nstem: 3.10\noptions: {A: 42, B: Yes, C: 2024-01-01}\nanswer: [A]\n"
    question = record_to_question(parse_yaml(text))
    assert (question.id, question.bank, question.stem) == ("0x1F", "030", "3.10")
    assert dict(question.options) == {"A": "42", "B": "Yes", "C": "2024-01-01"}
    assert problems_of(tmp_path, text) == []


@pytest.mark.parametrize(
    ("change", "finding"),
    [
        (("id: Q-1", "id: !!int 0x1F"), "r.yaml:1: id must be text"),
        (("A: 一", "A: !!int 42"), "r.yaml:4: option A must be text"),
        (("A: 一", "A: ~"), "r.yaml:4: option A is empty"),
    ],
)
def test_numbers_are_not_text_and_not_empty(
    tmp_path: Path, change: tuple[str, str], finding: str
) -> None:
    assert problems_of(tmp_path, RECORD.replace(*change)) == [finding]


# ------------------------------------------------------------ FIFOs and file names


def test_a_fifo_named_like_a_record_is_skipped_not_waited_on(tmp_path: Path) -> None:
    write(tmp_path / "ok.yaml")
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    found = load_in_a_child(tmp_path, "fifo.yaml")
    finding = f"{fifo}: not a regular file"
    assert found["read"] == finding
    assert found["loaded"] == ["Q-1"] and found["problems"] == [finding]
    assert found["validate"] == [finding]


def not_utf8(name: bytes) -> str:
    return os.fsdecode(name)


def test_names_that_are_not_utf8_load_cache_and_validate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "b"
    write(folder / not_utf8(b"caf\xe9.yaml"))
    write(folder / not_utf8(b"d\xfe") / "two.yaml", RECORD.replace("Q-1", "Q-2"))
    assert sorted(q.id for q in load_banks([folder]).questions) == ["Q-1", "Q-2"]
    (cache_file,) = bank.paths.cache_dir().glob("bank-*.sqlite3")
    with monkeypatch.context() as patch:
        patch.setattr(records, "parse_yaml", lambda text: pytest.fail("the cache was not used"))
        assert len(load_banks([folder]).questions) == 2
    assert cache_file.stat().st_size > 100
    assert validate_directory(folder) == []

    write(folder / not_utf8(b"bad\xff.yaml"), "id: [\n")
    assert main(["validate", str(folder)]) == 1
    assert "bad\\xff.yaml:" in capsys.readouterr().err
    assert main(["list", "--bank-dir", str(folder)]) == 0
    assert "skipped " in capsys.readouterr().err


def test_an_ascii_terminal_degrades_and_never_crashes(tmp_path: Path) -> None:
    ascii_env = {"PYTHONUTF8": "0", "LC_ALL": "C"}
    probe = run_python("-c", "import sys; print(sys.stdout.encoding)", env=ascii_env)
    assert probe.stdout.strip() == "ascii"  # else this test could not fail
    folder = tmp_path / "b"
    write(folder / not_utf8(b"caf\xe9.yaml"), RECORD + "topics: [中文]\n")

    def quiz(*args: str) -> subprocess.CompletedProcess[str]:
        return run_python("-m", "quiz", *args, env=ascii_env)

    listed = quiz("list", "--bank-dir", str(folder))
    assert (listed.returncode, listed.stderr) == (0, "")
    assert "hostile/Q-1  -  \\u4e2d\\u6587  \\u54ea" in listed.stdout
    stats = quiz("stats", "--bank-dir", str(folder))
    assert (stats.returncode, stats.stderr) == (0, "") and "\\u4e2d\\u6587" in stats.stdout

    write(folder / not_utf8(b"bad\xff.yaml"), "id: [\n")
    for args, status in ((("validate", str(folder)), 1), (("list", "--bank-dir", str(folder)), 0)):
        result = quiz(*args)
        assert result.returncode == status and "Traceback" not in result.stderr, args
        assert "bad\\xff.yaml:" in result.stderr, args
    assert "2 records checked: 1 error" in quiz("validate", str(folder)).stdout


def test_validate_finds_a_key_given_in_two_directories(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "Q-1.yaml").write_text(RECORD, encoding="utf-8")
    assert main(["validate", str(tmp_path / "one"), str(tmp_path / "two")]) == 1
    err = capsys.readouterr().err
    assert "two/Q-1.yaml:1: duplicate key hostile/Q-1 (also in" in err


def test_a_bank_folder_that_cannot_be_read_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "Q-1.yaml").write_text(RECORD, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    problems = [str(p) for p in load_banks([tmp_path], use_cache=False).problems]
    assert problems == [f"{tmp_path / 'locked'}: cannot read the folder (Permission denied)"]
    assert main(["validate", str(tmp_path)]) == 1
    assert "locked: cannot read the folder (Permission denied)" in capsys.readouterr().err


def test_a_bank_dir_that_is_not_there_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--bank-dir", str(tmp_path / "nowhere"), "list"])
    assert stop.value.code == 2
    assert capsys.readouterr().err == f"quiz: --bank-dir {tmp_path / 'nowhere'}: not a directory\n"


def test_names_that_are_not_utf8_are_printed_as_their_bytes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from quiz.commands._shared import say

    say(os.fsdecode(b"bank/caf\xe9.yaml:") + " \x1b[2J 中文")
    assert capsys.readouterr().out == "bank/caf\\xe9.yaml: ␛[2J 中文\n"


def test_a_directory_named_twice_is_checked_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "Q-1.yaml").write_text(RECORD, encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "one")
    assert (
        main(["validate", str(tmp_path / "one"), str(tmp_path / "link"), str(tmp_path / "one")])
        == 0
    )
    assert capsys.readouterr().out == "1 record checked: 0 errors, 0 warnings\n"
