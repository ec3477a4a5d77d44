"""Hostile question files: control characters, broken comments, odd option letters."""

from __future__ import annotations

import time
from dataclasses import asdict
from pathlib import Path

import pytest
from importer_samples import PLAIN_OPTIONS, plain_block, template
from test_importer import import_text, only_question

from quiz.importer import find_sources, import_sources
from quiz.importer.markdown import normalise_source
from quiz.text import has_controls


def strings_in(value: object) -> list[str]:
    """Every string held by a record (dataclasses, dicts and tuples walked)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in strings_in(key) + strings_in(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in strings_in(item)]
    return []


def test_control_characters_never_reach_a_record(tmp_path: Path) -> None:
    evil = "\x1b]0;owned\x07\x1b[2J\x9b31m\x85\x01\x7f\u202e"
    text = template(
        stem=f"### 題幹\n\nWhich value{evil} identifies a run?\n",
        options=f"### 選項\n\n- **A.** job{evil}\n- **B.** run\n- **C.** cluster\n- **D.** pool\n",
        tags=f"**Topics:** `Jobs{evil}`, `REST`\n**Traps:** `Trap{evil}`\n",
    )
    question = only_question(tmp_path, text)
    assert question.stem == "Which value]0;owned[2J31m identifies a run?"
    assert question.options["A"] == "job]0;owned[2J31m"
    assert question.topics == ("Jobs0;owned2J31m", "REST")
    assert not any(has_controls(s) for s in strings_in(asdict(question)))
    assert normalise_source("a\tb\x1b[0m\r\nc") == "a\tb[0m\nc"


def test_unclosed_html_comment_is_an_error_with_its_line(tmp_path: Path) -> None:
    text = template(options="### 選項\n\n- **A.** One\n<!-- note\n- **B.** Two\n")
    report = import_text(tmp_path, text)
    assert report.questions == [] and report.skipped == []
    (failure,) = report.failed
    assert "unclosed HTML comment" in failure.message
    assert text.split("\n")[failure.line - 1] == "<!-- note"


def test_closed_comments_keep_line_numbers(tmp_path: Path) -> None:
    text = "<!-- one\ntwo -->\n" + template(answer="**正解:** `E`\n")
    (failure,) = import_text(tmp_path, text).failed
    assert text.split("\n")[failure.line - 1] == "**正解:** `E`"


def test_plain_export_with_controls_in_options(tmp_path: Path) -> None:
    options = PLAIN_OPTIONS.replace("Second", "Sec\x1b[31mond")
    (question,) = import_text(tmp_path, plain_block(1, options), "bank/s.md").questions
    assert question.options["B"] == "Sec[31mond choice"


HUNDRED_KB = 100_000
ADVERSARIAL = {
    "spaces in a field": template(info="**ID:** `Q-007`\n**來源:** a" + " " * HUNDRED_KB + "b\n"),
    "[ in the references": template(references="## 📚 官方文件\n\n" + "[" * HUNDRED_KB + "\n"),
    "[ in a plain explanation": plain_block(1, PLAIN_OPTIONS) + "[" * HUNDRED_KB + "\n",
    "spaces in a heading": template() + "\n## x" + " " * HUNDRED_KB + "# #" + " " * HUNDRED_KB,
    "why in a heading": template() + "\n## " + "why " * (HUNDRED_KB // 4) + "\n\ntext\n",
    "one answer letter again and again": template(answer="**正解:** " + "B, " * 30_000 + "\n"),
    "sections": template(mnemonic="".join(f"## 記憶法 {n}\n\nx\n\n" for n in range(40_000))),
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_files_do_not_hang(tmp_path: Path, name: str) -> None:
    started = time.process_time()
    report = import_text(tmp_path, ADVERSARIAL[name])
    assert time.process_time() - started < 5, "a hang guard (CPU time): speed is in benchmarks/"
    assert len(report.questions) == 1 and not report.failed


def cpu_seconds(run: object) -> float:
    """The CPU time a call takes (other processes' load does not count, as wall time would)."""
    started = time.process_time()
    run()  # type: ignore[operator]
    return time.process_time() - started


def test_many_plain_questions_in_one_file_do_not_hang(tmp_path: Path) -> None:
    """A hang guard, not a speed test (speed is measured in benchmarks/): 8 times the
    questions may cost 8 times the CPU time, with room for noise, never the 64 times of
    a quadratic parse."""

    def import_plain(count: int) -> None:
        text = "\n---\n\n".join(plain_block(n, PLAIN_OPTIONS) for n in range(1, count + 1))
        report = import_text(tmp_path / str(count), text, "bank/sample_1.md")
        assert len(report.questions) == count

    small = cpu_seconds(lambda: import_plain(1000))
    large = cpu_seconds(lambda: import_plain(8000))
    assert large < 20 * max(small, 0.05)


def test_long_near_duplicate_stems_are_merged_and_different_ones_are_not(tmp_path: Path) -> None:
    words = " ".join(f"word{n % 97}x{n}" for n in range(3000))
    first = template(stem=f"### 題幹\n\n{words}\n")
    (tmp_path / "bank").mkdir()
    (tmp_path / "bank" / "Q-007.md").write_text(first)
    (tmp_path / "bank" / "Q-007-copy.md").write_text(first.replace("x1", "y1"))
    started = time.process_time()
    report = import_sources(find_sources([tmp_path]))
    assert time.process_time() - started < 5, "a hang guard (CPU time): speed is in benchmarks/"
    assert len(report.questions) == 1 and len(report.merged) == 1
    (tmp_path / "bank" / "Q-007-copy.md").write_text(template(stem="### 題幹\n\nOther words.\n"))
    report = import_sources(find_sources([tmp_path]))
    assert report.questions == [] and len(report.failed) == 2
