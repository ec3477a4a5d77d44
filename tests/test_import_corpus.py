"""The importer on the development corpus in ../shared (skipped when absent)."""

from __future__ import annotations

import re
from pathlib import Path

from quiz.importer import find_sources, import_sources

ANALYSIS_PARTS = {
    "考點識別": "key_points",
    "正解說明": "correct",
    "錯誤選項排除": "wrong",
    "記憶法": "mnemonic",
    "官方文件": "references",
}


def test_every_dev_question_imports_with_its_fields(dev_corpus: Path) -> None:
    report = import_sources(find_sources([dev_corpus]))
    assert report.failed == [] and report.skipped == []
    files = sorted(dev_corpus.rglob("*.md"))
    singles = [f for f in files if not f.name.startswith("sample_")]
    expected_keys = {f"{f.parent.name}/{f.stem}" for f in singles}
    by_key = {q.key: q for q in report.questions}
    assert set(by_key) == expected_keys

    blocks = sum(
        len(re.findall(r"^# Question \d+", f.read_text(encoding="utf-8"), re.M))
        for f in files
        if f.name.startswith("sample_")
    )
    assert len(report.merged) == blocks

    for source in singles:
        question = by_key[f"{source.parent.name}/{source.stem}"]
        text = source.read_text(encoding="utf-8")
        assert question.stem and len(question.options) >= 2, source
        assert set(question.answer) <= set(question.options), source
        assert question.origin and question.origin.file.endswith(source.name)
        if "**ID:**" not in text:
            assert question.explanation.correct, source
            continue
        assert question.level and question.topics and question.domain, source
        for heading, part in ANALYSIS_PARTS.items():
            if re.search(rf"^##.*{heading}", text, re.M):
                assert getattr(question.explanation, part), (source, part)
        if re.search(r"^## .*錯誤選項排除", text, re.M):
            wrong = set(question.options) - set(question.answer)
            assert set(question.explanation.wrong) == wrong, source
