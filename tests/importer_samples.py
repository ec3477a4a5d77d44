"""Synthetic question files in both source formats, for the importer tests.

The texts are written for the tests (no corpus text); ``template`` takes
overrides so each test can state the one variation it is about.
"""

from __future__ import annotations

from pathlib import Path

TEMPLATE_PARTS: dict[str, str] = {
    "title": "# Question #007\n\n---\n",
    "info": (
        "## 題目資訊\n\n### 題目編號\n**ID:** `Q-007`\n\n### 來源\n**來源:** Practice Set\n\n"
        "### 難度等級\n**難度:** `L2-Intermediate`\n\n---\n"
    ),
    "stem": (
        "## 題目內容\n\n### 題幹\n\nA team schedules a nightly job with the Jobs API.\n\n"
        "```python\nrun = client.jobs.run_now(job_id=42)\n```\n\n"
        "Which value identifies this single run?\n"
    ),
    "options": (
        "### 選項\n\n- **A.** The `job_id`\n- **B.** The `run_id`\n"
        "- **C.** The `number_in_job`\n- **D.** The cluster id\n\n---\n"
    ),
    "tags": (
        "## 標籤系統\n\n### Topic Tags (技術主題標籤)\n**Topics:** `Jobs-API`, `REST-API`\n\n"
        "### Trap Tags (陷阱類型標籤)\n**Traps:** `ID-Type-Confusion`\n\n"
        "### Knowledge Domain (知識領域)\n**Domain:** Data Engineering / Operations\n\n---\n"
    ),
    "answer": (
        "## 答案與來源\n\n### 正確答案\n**正解:** `B`\n\n### 答案來源\n"
        "- **來源標註答案:** B\n- **社群投票答案:** B (95%)\n\n---\n\n# 題目解析\n"
    ),
    "key_points": "## 📍 考點識別\n\n**核心技術:** Jobs API  \n**關鍵概念:** run_id\n",
    "correct": "## ✅ 正解說明\n\n### 為什麼 B 是正確答案？\n\n每次執行都有唯一的 `run_id`。\n",
    "wrong": (
        "## ❌ 錯誤選項排除\n\n### A - `job_id`\n\n`job_id` 識別的是 Job 定義。\n\n"
        "### C - `number_in_job`\n\n只是序號。\n\n### D - cluster\n\n與執行無關。\n"
    ),
    "mnemonic": "## 🧠 記憶法\n\n### 口訣\n\n**「Job 是藍圖，Run 是每一次」**\n",
    "references": (
        "## 📚 官方文件\n\n- [Jobs API runs/get](https://docs.databricks.com/api/workspace/jobs/getrun)\n"
    ),
}


def template(**overrides: str) -> str:
    """A zh-template question file; each keyword replaces one part ("" drops it)."""
    parts = {**TEMPLATE_PARTS, **overrides}
    return "\n".join(part for part in parts.values() if part)


def numbered(question_id: str, **overrides: str) -> str:
    """A template question of its own: its ID in the info and the stem (two files of
    the same text are one question, whatever their IDs)."""
    stem = TEMPLATE_PARTS["stem"].replace("single run", f"single run of {question_id}")
    info = TEMPLATE_PARTS["info"].replace("Q-007", question_id)
    return template(**{"info": info, "stem": stem, **overrides})


def plain_block(number: int, options: str) -> str:
    """One ``# Question N`` block of a plain export."""
    return (
        f"# Question {number}\n\n## Question\nWhich statement about example {number} is true?\n\n"
        f"## Options\n{options}\n\n## Explanation\nBecause example {number} says so.\n"
        "Reference: https://docs.databricks.com/jobs/index.html\n"
    )


PLAIN_OPTIONS = "- A. First choice \n- B. Second choice (Correct)\n- C. Third choice \n- D. Fourth"


def damaged_bank(folder: Path, clean: tuple[str, ...] = ()) -> Path:
    """Q-001 and Q-002 damaged as the broken transfer did (the same emoji headings: the
    same doubts in each), and the ``clean`` IDs as they are, in a new ``folder``."""
    from quiz.repair import damage

    folder.mkdir()
    for name in ("Q-001", "Q-002"):
        (folder / f"{name}.md").write_text(damage(numbered(name)), encoding="utf-8")
    for name in clean:
        (folder / f"{name}.md").write_text(numbered(name), encoding="utf-8")
    return folder
