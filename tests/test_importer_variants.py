"""Variations of the zh template seen in real banks, each on a small sample written here:
tags as bullet lists, answer lines with other labels, official and community answers,
a stem in two languages, an analysis appended to the question file, and one
integrated analysis section with ``###`` parts."""

from __future__ import annotations

from pathlib import Path

import pytest
from importer_samples import PLAIN_OPTIONS, TEMPLATE_PARTS, plain_block, template

from quiz.importer import find_sources, import_sources
from quiz.importer.batch import ImportReport
from quiz.model import Question

ENGLISH_STEM = (
    "A team schedules a nightly job with the Jobs API.\n\n"
    "```python\nrun = client.jobs.run_now(job_id=42)\n```\n\n"
    "Which value identifies this single run?"
)
CHINESE_STEM = "團隊用 Jobs API 排程每晚的作業。\n\n哪個值識別這一次執行？"
FIVE_OPTIONS = TEMPLATE_PARTS["options"].replace(
    "- **D.** The cluster id\n", "- **D.** The cluster id\n- **E.** The task key\n"
)
NO_ANALYSIS = {key: "" for key in ("key_points", "correct", "wrong", "mnemonic", "references")}


def import_text(tmp_path: Path, text: str, name: str = "bank/Q-007.md") -> ImportReport:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return import_sources(find_sources([path]))


def only_question(tmp_path: Path, text: str) -> Question:
    report = import_text(tmp_path, text)
    assert report.failed == [] and report.skipped == [] and report.warnings == []
    (question,) = report.questions
    return question


# Tags


@pytest.mark.parametrize(
    ("topic_heading", "trap_heading"),
    [("### Topic Tags", "### Trap Tags"), ("### 技術主題標籤", "### 陷阱類型標籤")],
)
def test_tags_as_bullet_lists_under_headings(
    tmp_path: Path, topic_heading: str, trap_heading: str
) -> None:
    tags = (
        f"## 標籤系統\n\n{topic_heading}\n\n- Delta-Lake\n- `Auto-Loader`\n"
        f"- **Streaming**: incremental reads\n\n{trap_heading}\n- Option-Confusion\n\n---\n"
    )
    question = only_question(tmp_path, template(tags=tags))
    assert question.topics == ("Delta-Lake", "Auto-Loader", "Streaming")
    assert question.traps == ("Option-Confusion",)


@pytest.mark.parametrize(
    "closing",
    [
        "## 🏷️ 標籤\n\n**Topics:** `Jobs-API`, `Run-Id`\n**Traps:** `ID-Type-Confusion`\n",
        "## 🏷️ 標籤\n\n### Topic Tags\n- `Jobs-API`\n- Run-Id\n\n### Trap Tags\n"
        "- **ID-Type-Confusion**: job vs run\n",
    ],
)
def test_a_closing_tags_section_adds_its_tags_once_and_is_no_explanation(
    tmp_path: Path, closing: str
) -> None:
    key_points = TEMPLATE_PARTS["key_points"] + "- **陷阱:** `job_id` is not a run\n"  # prose
    question = only_question(tmp_path, template(key_points=key_points, closing=closing))
    assert question.topics == ("Jobs-API", "REST-API", "Run-Id")
    assert question.traps == ("ID-Type-Confusion",)
    assert question.explanation.extra == ""


# Answer lines


@pytest.mark.parametrize(
    "line",
    [
        "**✅ 正確答案:** C",
        "**🎯 Correct Answer:** `C`",
        "**❗ 官方答案：** C",
        "- **Official answer:** C",
        "**官方正確答案:** C",
    ],
)
def test_answer_lines_with_other_labels_and_emoji(tmp_path: Path, line: str) -> None:
    text = template(answer=f"## 答案與來源\n\n{line}\n\n# 題目解析\n", correct="")
    assert only_question(tmp_path, text).answer == ("C",)


@pytest.mark.parametrize(
    ("vote", "votes"),
    [
        ("**社群投票結果:** E (83%)", "E (83%)"),
        ("**🗳️ 社群投票:** `E` (83%)", "E (83%)"),
        ("- **Community vote:** E", ""),
    ],
)
def test_official_and_community_answers_that_disagree(
    tmp_path: Path, vote: str, votes: str
) -> None:
    answer = f"## 答案與來源\n\n**官方正確答案:** D\n{vote}\n\n# 題目解析\n"
    question = only_question(tmp_path, template(options=FIVE_OPTIONS, answer=answer, correct=""))
    assert question.answer == ("D",)
    assert question.community is not None
    assert (question.community.answer, question.community.votes) == (("E",), votes)
    assert question.disputed


# Stem in two languages


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("### 題幹（中文）", "### 題幹（英文）"),
        ("### 題幹 (翻譯)", "### 題幹 (Original)"),
        ("### 題目 - Chinese", "### 題目 - English"),
    ],
)
@pytest.mark.parametrize("english_first", [False, True])
def test_a_stem_in_two_languages(
    tmp_path: Path, first: str, second: str, english_first: bool
) -> None:
    chinese = f"{first}\n\n{CHINESE_STEM}\n"
    english = f"{second}\n\n{ENGLISH_STEM}\n"
    parts = [english, chinese] if english_first else [chinese, english]
    stem = "## 題目內容\n\n" + "\n".join(parts)
    question = only_question(tmp_path / "both", template(stem=stem))
    assert (question.stem, question.translation) == (ENGLISH_STEM, CHINESE_STEM)
    assert question.stem == only_question(tmp_path / "one", template()).stem


def test_a_stem_in_two_languages_without_an_options_heading(tmp_path: Path) -> None:
    stem = (
        f"## 題目內容\n\n### 題幹（中文）\n\n{CHINESE_STEM}\n\n### 題幹（英文）\n\n{ENGLISH_STEM}\n"
    )
    options = TEMPLATE_PARTS["options"].replace("### 選項\n\n", "")
    question = only_question(tmp_path, template(stem=stem, options=options))
    assert (question.stem, question.translation) == (ENGLISH_STEM, CHINESE_STEM)
    assert set(question.options) == {"A", "B", "C", "D"}


# An analysis appended to the question file


def appended(title: str, repeat_answer: str = "B") -> str:
    """A question file (no analysis) with an analysis file pasted after it."""
    question_part = template(answer="## 答案與來源\n\n**正解:** `B`\n\n---\n", **NO_ANALYSIS)
    analysis = "\n".join(
        TEMPLATE_PARTS[key] for key in ("key_points", "correct", "wrong", "mnemonic", "references")
    )
    repeat = (
        f"{title}\n\n## 原文題目\n\n{ENGLISH_STEM}\n\n{TEMPLATE_PARTS['options']}\n"
        f"**正確答案:** {repeat_answer}\n\n"
    )
    return question_part + "\n" + repeat + analysis


@pytest.mark.parametrize("title", ["# 題目解析", "# Analysis", "# Question #007 解析"])
@pytest.mark.parametrize("answer_heading", ["", "## 答案\n\n"])
def test_an_appended_analysis_is_one_question(
    tmp_path: Path, title: str, answer_heading: str
) -> None:
    text = appended(title).replace("**正確答案:**", answer_heading + "**正確答案:**")
    question = only_question(tmp_path / "appended", text)
    whole = only_question(tmp_path / "whole", template())
    assert question.id == "Q-007"
    assert (question.stem, question.options, question.answer) == (
        whole.stem,
        whole.options,
        whole.answer,
    )
    assert question.explanation == whole.explanation
    assert question.explanation.extra == ""


def test_an_appended_analysis_whose_answer_disagrees_is_a_warning(tmp_path: Path) -> None:
    text = appended("# 題目解析", repeat_answer="C")
    report = import_text(tmp_path, text)
    assert report.failed == [] and [q.answer for q in report.questions] == [("B",)]
    messages = [w.message for w in report.warnings]
    assert any("says C but the answer line says B: B kept" in m for m in messages), messages


def plain_with_analysis(number: int) -> str:
    """A plain export block with an analysis pasted after it, repeating the question."""
    return plain_block(number, PLAIN_OPTIONS) + (
        f"\n# Question {number} 解析\n\n## 原文題目\n\n"
        f"Which statement about example {number} is true?\n\n{PLAIN_OPTIONS}\n\n"
        f"**Correct Answer:** B\n\n## Mnemonic\n\nThe second one, {number}.\n"
    )


@pytest.mark.parametrize("name", ["bank/Q-001.md", "bank/sample_1.md"])
def test_plain_exports_with_appended_analyses(tmp_path: Path, name: str) -> None:
    numbers = [1] if name.endswith("Q-001.md") else [1, 2]
    text = "\n".join(plain_with_analysis(number) for number in numbers)
    report = import_text(tmp_path, text, name)
    assert report.failed == [] and report.warnings == []
    assert [q.id for q in report.questions] == [f"Q-00{number}" for number in numbers]
    for number, question in zip(numbers, report.questions, strict=True):
        assert question.stem == f"Which statement about example {number} is true?"
        explanation = question.explanation
        assert explanation.correct.startswith(f"Because example {number} says so.")
        assert explanation.mnemonic == f"The second one, {number}."
        assert explanation.references and explanation.extra == ""


# One integrated analysis section


INTEGRATED = (
    "## 解題解析（整合）\n\n先看題目要什麼。\n\n"
    "### 解題步驟\n\n1. 找出 run 的識別。\n2. 排除 Job 層級的值。\n\n"
    "### 考點\n\nrun_id 與 job_id\n\n"
    "### 為什麼 B 正確\n\n每次執行都有唯一的 `run_id`。\n\n"
    "### 錯誤選項排除\n\n- **A**: 識別 Job 定義。\n- **C**: 只是序號。\n- **D**: 與執行無關。\n\n"
    "### 記憶口訣\n\n**Job 是藍圖，Run 是每一次**\n\n"
    "### 官方文件\n\n- [Jobs API](https://docs.databricks.com/api/workspace/jobs/getrun)\n\n"
    "### 實務補充\n\n排程時記下 run_id。\n"
)


@pytest.mark.parametrize("heading", ["## 解題解析（整合）", "## 詳細解析", "## Analysis"])
def test_an_integrated_analysis_routes_each_part(tmp_path: Path, heading: str) -> None:
    analysis = INTEGRATED.replace("## 解題解析（整合）", heading)
    question = only_question(tmp_path, template(**{**NO_ANALYSIS, "key_points": analysis}))
    explanation = question.explanation
    assert explanation.key_points == "run_id 與 job_id"
    assert explanation.correct == (
        "每次執行都有唯一的 `run_id`。\n\n"
        "### 解題步驟\n\n1. 找出 run 的識別。\n2. 排除 Job 層級的值。"
    )
    assert explanation.wrong == {"A": "識別 Job 定義。", "C": "只是序號。", "D": "與執行無關。"}
    assert explanation.mnemonic == "**Job 是藍圖，Run 是每一次**"
    assert [ref.url for ref in explanation.references] == [
        "https://docs.databricks.com/api/workspace/jobs/getrun"
    ]
    assert explanation.extra == "先看題目要什麼。\n\n### 實務補充\n\n排程時記下 run_id。"


def test_solution_steps_that_are_all_the_correct_answer_has_need_no_heading(
    tmp_path: Path,
) -> None:
    analysis = INTEGRATED.replace("### 為什麼 B 正確\n\n每次執行都有唯一的 `run_id`。\n\n", "")
    question = only_question(tmp_path, template(**{**NO_ANALYSIS, "key_points": analysis}))
    assert question.explanation.correct == "1. 找出 run 的識別。\n2. 排除 Job 層級的值。"


def test_a_plain_export_whose_stem_has_no_heading_keeps_it_before_the_analysis(
    tmp_path: Path,
) -> None:
    text = plain_with_analysis(1).replace("## Question\n", "")
    (question,) = import_text(tmp_path, text, "bank/sample_1.md").questions
    assert question.stem == "Which statement about example 1 is true?"
    assert question.explanation.mnemonic == "The second one, 1."


def test_an_integrated_analysis_in_a_plain_export(tmp_path: Path) -> None:
    blocks = [
        plain_block(number, PLAIN_OPTIONS).replace(
            "## Explanation",
            "## Analysis\n\n### Mnemonic\n\nSecond.\n\n### Why not\n\n- **A**: no.\n\n"
            "## Explanation",
        )
        for number in (1, 2)
    ]
    report = import_text(tmp_path, "\n---\n".join(blocks), "bank/sample_1.md")
    for question in report.questions:
        assert question.explanation.mnemonic == "Second."
        assert question.explanation.wrong == {"A": "no."}
        assert question.explanation.correct.startswith("Because") and not question.explanation.extra
    assert len(report.questions) == 2
