"""Hostile question files: control characters, broken comments, odd option letters."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from importer_samples import PLAIN_OPTIONS, plain_block, template
from test_importer import import_text, only_question

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
