"""Bad input never makes the importer raise: it returns records or clear problems."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importer_samples import PLAIN_OPTIONS, plain_block, template

from quiz.importer import find_sources, import_sources
from quiz.importer.batch import SourceFile, parse_source
from quiz.model import Origin

SOURCE = SourceFile(Path("bank/Q-001.md"), "bank/Q-001.md", "bank")
ORIGIN = Origin("bank/Q-001.md", "0" * 64)
MARKDOWN_BITS = st.sampled_from(
    [
        "# Question 1",
        "## Options",
        "### 題幹",
        "### 選項",
        "- **A.** x",
        "- B. y (Correct)",
        "**正解:** `A`",
        "**ID:** `Q-1`",
        "```",
        "```sql",
        "---",
        "<!--",
        "-->",
        "## ❌ 錯誤選項排除",
        "### A - no",
        "\n",
        "  ",
        "> quote",
        "* * *",
        "1. item",
    ]
)


def check_outcome(text: str) -> None:
    found, problems, skip = parse_source(text, SOURCE, ORIGIN)
    for candidate in found:
        question = candidate.question
        assert question.stem and len(question.options) >= 2
        assert set(question.answer) <= set(question.options) and question.answer
    for problem in problems:
        assert problem.message and problem.line >= 0
    assert isinstance(skip, str)


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_random_text(text: str) -> None:
    check_outcome(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(MARKDOWN_BITS | st.text(max_size=20), max_size=40))
def test_random_markdown_shapes(bits: list[str]) -> None:
    check_outcome("\n".join(bits))


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=len(template())), st.booleans())
def test_truncated_files(cut: int, plain: bool) -> None:
    text = plain_block(1, PLAIN_OPTIONS) if plain else template()
    check_outcome(text[:cut])


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=2000))
def test_binary_files(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bank" / "Q-001.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    report = import_sources(find_sources([path]))
    assert len(report.questions) + len(report.failed) + len(report.skipped) >= 1


def test_deeply_nested_lists() -> None:
    nested = "\n".join("  " * depth + "- level" for depth in range(2000))
    check_outcome(template(stem="### 題幹\n\n" + nested + "\n"))


def test_ten_megabyte_file(tmp_path: Path) -> None:
    path = tmp_path / "bank" / "huge.md"
    path.parent.mkdir()
    filler = ("Lorem ipsum dolor sit amet, 題目 **粗體** `code` - A. no\n" * 200_000)[: 10 * 2**20]
    path.write_text(template() + filler)
    report = import_sources(find_sources([path]))
    assert len(report.questions) + len(report.failed) == 1
