"""The importer on synthetic files: both formats and the variations real files show."""

from __future__ import annotations

from pathlib import Path

import pytest
from importer_samples import PLAIN_OPTIONS, plain_block, template

from quiz.importer import find_sources, import_sources
from quiz.model import Question


def import_text(tmp_path: Path, text: str | bytes, name: str = "bank/Q-007.md"):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return import_sources(find_sources([path]))


def only_question(tmp_path: Path, text: str | bytes, name: str = "bank/Q-007.md") -> Question:
    report = import_text(tmp_path, text, name)
    assert report.failed == [] and report.skipped == []
    assert len(report.questions) == 1
    return report.questions[0]


def test_template_with_every_part(tmp_path: Path) -> None:
    question = only_question(tmp_path, template())
    assert (question.key, question.source, question.level) == (
        "bank/Q-007",
        "Practice Set",
        "L2-Intermediate",
    )
    assert question.domain == "Data Engineering / Operations"
    assert question.topics == ("Jobs-API", "REST-API")
    assert question.traps == ("ID-Type-Confusion",)
    assert "```python\nrun = client.jobs.run_now(job_id=42)\n```" in question.stem
    assert question.stem.endswith("Which value identifies this single run?")
    assert question.options == {
        "A": "The `job_id`",
        "B": "The `run_id`",
        "C": "The `number_in_job`",
        "D": "The cluster id",
    }
    assert question.answer == ("B",)
    assert question.community is not None
    assert question.community.answer == ("B",) and question.community.votes == "B (95%)"
    explanation = question.explanation
    assert "run_id" in explanation.key_points
    assert "唯一的 `run_id`" in explanation.correct
    assert set(explanation.wrong) == {"A", "C", "D"}
    assert "Job 定義" in explanation.wrong["A"]
    assert "藍圖" in explanation.mnemonic
    assert explanation.references[0].url == "https://docs.databricks.com/api/workspace/jobs/getrun"
    assert question.origin is not None and len(question.origin.sha256) == 64


def test_crlf_bom_and_no_final_newline(tmp_path: Path) -> None:
    text = template().rstrip("\n").replace("\n", "\r\n")
    question = only_question(tmp_path, b"\xef\xbb\xbf" + text.encode())
    assert "\r" not in question.stem and question.answer == ("B",)
    assert question.explanation.references


def test_html_comments_are_ignored(tmp_path: Path) -> None:
    options = (
        "### 選項\n<!-- 列出所有選項\n- **A.** not an option -->\n- **A.** One\n- **B.** Two\n"
        "<!-- 📌 此題為多選題 -->\n"
    )
    question = only_question(tmp_path, template(options=options, answer="**正解:** `A`\n"))
    assert question.options == {"A": "One", "B": "Two"}


@pytest.mark.parametrize(
    ("answer_line", "expected"),
    [
        ("**正解:** `A, C`", ("A", "C")),
        ("**正解:** `B`, `C`", ("B", "C")),
        ("**正解:** `C` (社群共識也是 C)", ("C",)),
        ("**正解:** B and D", ("B", "D")),
        ("**正解:** `D` - because of the retention limit", ("D",)),
    ],
)
def test_answer_lines(tmp_path: Path, answer_line: str, expected: tuple[str, ...]) -> None:
    question = only_question(tmp_path, template(answer=answer_line + "\n"))
    assert question.answer == expected


def test_two_answer_lines_for_a_multi_answer_question(tmp_path: Path) -> None:
    answer = "**正解:** `A`\n**正解:** `C`\n"
    question = only_question(tmp_path, template(answer=answer, wrong=""))
    assert question.answer == ("A", "C")


def test_options_without_bullets_and_six_options(tmp_path: Path) -> None:
    options = "### 選項\n\nA. one\nB. two\nC) three\n(D) four\nE. five\nF. six\n"
    question = only_question(tmp_path, template(options=options, answer="**正解:** `F`\n"))
    assert list(question.options) == list("ABCDEF")
    assert question.options["C"] == "three" and question.options["D"] == "four"


def test_option_that_is_a_code_block(tmp_path: Path) -> None:
    options = (
        "### 選項\n\n- **A.**\n  ```sql\n  SELECT 1\n  ```\n- **B.**\n  ```sql\n  SELECT 2\n  ```\n"
    )
    question = only_question(tmp_path, template(options=options, answer="**正解:** `B`\n"))
    assert question.options["B"] == "```sql\nSELECT 2\n```"


def test_sections_in_other_order_without_emoji_and_with_variants(tmp_path: Path) -> None:
    text = template(
        key_points="",
        mnemonic="## 記憶法與技巧\n\n口訣：先藍圖後執行\n",
        references="## 官方文件參考\n\n1. **[Runs](https://docs.databricks.com/runs)** - 說明\n",
        correct="## 正解說明\n\n因為 run_id 唯一。\n",
    )
    reordered = text.replace(
        "## 記憶法與技巧", "## 常見誤解澄清\n\n不是 job_id。\n\n## 記憶法與技巧"
    )
    question = only_question(tmp_path, reordered)
    explanation = question.explanation
    assert explanation.key_points == ""
    assert explanation.mnemonic == "口訣：先藍圖後執行"
    assert explanation.references[0].title == "Runs"
    assert explanation.extra.startswith("### 常見誤解澄清")


def test_option_headings_in_the_analysis_are_not_the_options_block(tmp_path: Path) -> None:
    wrong = (
        "## 選項分析\n\n### 選項 A - `job_id`\n\n識別 Job。\n\n### 選項 B ✅\n\n正確。\n\n"
        "### 選項 C & D\n\n都不是。\n"
    )
    question = only_question(tmp_path, template(wrong=wrong))
    assert question.options["A"] == "The `job_id`"
    assert set(question.explanation.wrong) == {"A", "C", "D"}
    assert "正確。" in question.explanation.correct


def test_traps_none_means_empty(tmp_path: Path) -> None:
    tags = "**Topics:** `Jobs-API`\n**Traps:** (無)\n**Domain:** Ops\n"
    question = only_question(tmp_path, template(tags=tags))
    assert question.traps == () and question.topics == ("Jobs-API",)


def test_full_width_file_name_and_bank_suffix(tmp_path: Path) -> None:
    (tmp_path / "by-order_b2").mkdir()
    (tmp_path / "by-order_b2" / "Q-001.md").write_text(template(info="**ID:** `Q-001`\n"))
    topic = tmp_path / "by-topic" / "jobs"
    topic.mkdir(parents=True)
    other = template(info="").replace("single run", "single task run")  # another question
    (topic / "Ｑ-007_b2.md").write_text(other)
    report = import_sources(find_sources([tmp_path]))
    assert sorted(q.key for q in report.questions) == ["by-order_b2/Q-001", "by-order_b2/Q-007"]


def test_plain_export_with_many_questions(tmp_path: Path) -> None:
    options_with_code = (
        "- A. ```\n\n- SELECT 1\n``` \n- B. ```\n\n- SELECT 2\n- FROM t\n``` (Correct)\n"
        "- C. plain \n"
    )
    text = "\n---\n\n".join([plain_block(1, PLAIN_OPTIONS), plain_block(2, options_with_code)])
    multi = plain_block(3, "- A. x (Correct)\n- B. y \n- C. z (Correct)").replace(
        "is true?", "is true?\n\nChoose 2 answers:"
    )
    report = import_text(tmp_path, text + "\n---\n\n" + multi, "bank/sample_1.md")
    assert report.failed == []
    by_id = {q.id: q for q in report.questions}
    assert sorted(by_id) == ["Q-001", "Q-002", "Q-003"]
    assert by_id["Q-001"].answer == ("B",) and by_id["Q-001"].options["A"] == "First choice"
    assert by_id["Q-002"].answer == ("B",)
    assert by_id["Q-002"].options["B"] == "```\nSELECT 2\nFROM t\n```"
    assert by_id["Q-003"].answer == ("A", "C")
    assert by_id["Q-001"].explanation.correct.startswith("Because example 1")
    assert by_id["Q-001"].explanation.references[0].url.endswith("/jobs/index.html")


def test_template_and_export_copy_are_merged_keeping_the_richer(tmp_path: Path) -> None:
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "Q-007.md").write_text(template())
    export = (
        "# Question 7\n\n## Question\nA team schedules a nightly job with the Jobs API.\n\n"
        "Which value identifies this single run?\n\n## Options\n- A. The job_id \n"
        "- B. The run_id (Correct)\n- C. The number_in_job \n- D. The cluster id \n\n"
        "## Explanation\nShort.\n"
    )
    (folder / "sample_1.md").write_text(export)
    report = import_sources(find_sources([tmp_path]))
    assert report.failed == [] and len(report.questions) == 1
    assert report.questions[0].origin.file.endswith("Q-007.md")
    assert report.questions[0].origin.also == (f"{tmp_path.name}/bank/sample_1.md",)
    assert len(report.merged) == 1 and "sample_1.md" in report.merged[0]


def test_different_questions_with_one_key_are_both_reported(tmp_path: Path) -> None:
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "Q-007.md").write_text(template())
    (folder / "sample_1.md").write_text(plain_block(7, PLAIN_OPTIONS))
    report = import_sources(find_sources([tmp_path]))
    assert report.questions == []
    assert sorted(Path(p.path).name for p in report.failed) == ["Q-007.md", "sample_1.md"]
    assert all("bank/Q-007 is claimed by different questions" in p.message for p in report.failed)


def test_not_a_question_is_skipped_and_broken_file_reports_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "roster.md").write_text("# Team roster\n\n- Alice\n- Bob\n")
    broken = template(answer="**正解:** `E`\n")
    (folder / "Q-008.md").write_text(broken)
    (folder / "Q-007.md").write_text(template())
    report = import_sources(find_sources([tmp_path]))
    assert [q.id for q in report.questions] == ["Q-007"]
    assert [Path(p.path).name for p in report.skipped] == ["roster.md"]
    (failure,) = report.failed
    line = broken.split("\n")[failure.line - 1]
    assert failure.path.endswith("Q-008.md") and "**正解:**" in line
    assert "answer E is not one of the options" in failure.message


def test_blank_template_is_skipped(tmp_path: Path) -> None:
    blank = template(
        info="**ID:** `Q-XXX-XXX`\n",
        options="### 選項\n- **A.** [選項 A 內容]\n- **B.** [選項 B 內容]\n",
        answer="**正解:** `[A/B/C/D]`\n",
    )
    report = import_text(tmp_path, blank)
    assert report.questions == [] and report.failed == []
    assert "blank template" in report.skipped[0].message


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"\x00\x01\x02binary", "binary")],
)
def test_empty_and_binary_files_are_skipped(tmp_path: Path, content: bytes, reason: str) -> None:
    report = import_text(tmp_path, content)
    assert reason in report.skipped[0].message


def test_file_that_is_not_utf8_fails_with_its_line(tmp_path: Path) -> None:
    report = import_text(tmp_path, template().encode() + b"\n\xff\xfe broken\n")
    (failure,) = report.failed
    assert failure.line == template().count("\n") + 2 and "not UTF-8" in failure.message


def test_unbolded_fields_and_bilingual_headings(tmp_path: Path) -> None:
    text = template(
        info="ID: Q-007\n難度: 中等\n",
        options="### Options / 選項\n\n- A. one\n- B. two\n",
        answer="正解: B\n",
        wrong="",
    )
    question = only_question(tmp_path, text)
    assert (question.id, question.level, question.answer) == ("Q-007", "L2-Intermediate", ("B",))


def test_prose_that_starts_with_a_lowercase_a_is_no_answer(tmp_path: Path) -> None:
    report = import_text(tmp_path, template(answer="**正解:** a job id, see below\n", correct=""))
    (failure,) = report.failed
    assert "names no option letter" in failure.message


NO_ANSWER_LINE = "## 答案與來源\n\n- **社群投票答案:** B (95%)\n\n---\n\n# 題目解析\n"


def test_without_an_answer_line_the_why_correct_heading_gives_it(tmp_path: Path) -> None:
    question = only_question(tmp_path, template(answer=NO_ANSWER_LINE))
    assert question.answer == ("B",)


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), start=1) if needle in line)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("see the analysis", "names no option letter"),
        ("`Z`", "names no option letter"),
        ("`CA`", "names no option letter"),
        ("`AE`", "AE is not option letters (E is not an option)"),
    ],
)
def test_an_answer_line_that_cannot_be_read_is_an_error_at_its_line(
    tmp_path: Path, value: str, message: str
) -> None:
    text = template(answer=f"**正解:** {value}\n\n- **來源標註答案:** B\n\n# 題目解析\n")
    report = import_text(tmp_path, text)
    assert report.questions == []
    (failure,) = report.failed
    assert failure.line == line_of(text, "**正解:**") and message in failure.message


def test_letters_written_together_are_read_when_they_are_options(tmp_path: Path) -> None:
    report = import_text(tmp_path, template(answer="**正解:** `AC`\n\n# 題目解析\n", wrong=""))
    assert report.failed == [] and report.questions[0].answer == ("A", "C")


def test_the_answer_line_decides_and_other_signs_that_disagree_are_warnings(
    tmp_path: Path,
) -> None:
    text = template(answer="**正解:** `C`\n\n- **來源標註答案:** B\n\n# 題目解析\n")
    report = import_text(tmp_path, text)
    assert report.failed == [] and report.questions[0].answer == ("C",)
    assert [(w.line, w.severity) for w in report.warnings] == [
        (line_of(text, "來源標註答案"), "warning"),
        (line_of(text, "為什麼 B"), "warning"),
    ]
    assert "來源標註答案 says B but the answer line says C: C kept" in report.warnings[0].message


def test_without_an_answer_line_disagreeing_signs_are_an_error(tmp_path: Path) -> None:
    text = template(answer="## 答案與來源\n\n- **來源標註答案:** C\n\n# 題目解析\n")
    report = import_text(tmp_path, text)
    assert report.questions == []
    (failure,) = report.failed
    assert failure.line == line_of(text, "來源標註答案")
    assert "no answer line (**正解:**), and 來源標註答案 says C; the heading" in failure.message


def test_plain_export_with_bold_correct_mark_and_answer_line(tmp_path: Path) -> None:
    marked = plain_block(1, "- A. one **(Correct)**\n- B. two")
    by_line = plain_block(2, "- A. one\n- B. two").replace(
        "## Explanation", "Correct answer: B\n\n## Explanation"
    )
    report = import_text(tmp_path, marked + "\n---\n\n" + by_line, "bank/sample_2.md")
    assert [q.answer for q in report.questions] == [("A",), ("B",)]
    assert report.questions[0].options["A"] == "one"


def test_damaged_file_is_repaired_before_parsing(tmp_path: Path) -> None:
    from quiz.repair import damage

    clean = only_question(tmp_path / "clean", template())
    report = import_text(tmp_path / "damaged", damage(template()))
    assert report.failed == [] and len(report.repaired) == 1
    (question,) = report.questions
    assert question.answer == clean.answer and question.options == clean.options
    assert question.explanation.mnemonic == clean.explanation.mnemonic
    assert set(question.explanation.wrong) == set(clean.explanation.wrong)


def test_clean_text_is_never_changed(tmp_path: Path) -> None:
    report = import_text(tmp_path, template())
    assert report.repaired == []
    mnemonic = report.questions[0].explanation.mnemonic
    assert mnemonic == "### 口訣\n\n**「Job 是藍圖，Run 是每一次」**"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "Which statement about example 1 is true?",
            "Which statement about example 1 is not true?",
        ),
        (
            "Which value holds when x >= 10 in example 1?",
            "Which value holds when x <= 10 in example 1?",
        ),
    ],
)
def test_copies_that_disagree_on_the_answer_are_never_merged(
    tmp_path: Path, first: str, second: str
) -> None:
    """Two different questions under one key (a `_b1` copy with a near-identical stem but
    another answer) are both reported and neither is written: no answer silently wins."""
    stem = "Which statement about example 1 is true?"
    text = plain_block(1, PLAIN_OPTIONS).replace(stem, first)
    other_options = PLAIN_OPTIONS.replace("Second choice (Correct)", "Second choice").replace(
        "Third choice", "Third choice (Correct)"
    )
    other = plain_block(1, other_options).replace(stem, second)
    (tmp_path / "b1").mkdir()
    (tmp_path / "b1" / "sample_1.md").write_text(text, encoding="utf-8")
    (tmp_path / "topic").mkdir()
    (tmp_path / "topic" / "sample_1_b1.md").write_text(other, encoding="utf-8")
    report = import_sources(find_sources([tmp_path / "b1", tmp_path / "topic"]))
    assert report.questions == [] and len(report.failed) == 2
    assert all("claimed by different questions" in p.message for p in report.failed)


def test_two_blocks_of_one_file_with_one_number_are_never_merged(tmp_path: Path) -> None:
    text = (
        plain_block(1, PLAIN_OPTIONS)
        + "\n---\n"
        + plain_block(1, PLAIN_OPTIONS)
        .replace(
            "- B. Second choice (Correct)\n- C. Third choice ",
            "- B. Second choice\n- C. Third choice (Correct)",
        )
        .replace("# Question 1", "# Question -1")
    )
    report = import_text(tmp_path, text, "bank/sample_1.md")
    assert report.questions == [] and len(report.failed) == 2
