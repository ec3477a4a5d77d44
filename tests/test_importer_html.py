"""HTML left in question files: record text is data, so the importer turns the little HTML
authors write (``<br>`` and anchors) into the Markdown it means, outside code."""

from __future__ import annotations

from pathlib import Path

from importer_samples import template

from quiz.importer import find_sources, import_sources
from quiz.importer.markdown import clean_markdown
from quiz.model import Question


def imported(tmp_path: Path, text: str) -> Question:
    path = tmp_path / "bank" / "Q-007.md"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    report = import_sources(find_sources([path]))
    assert report.failed == [] and len(report.questions) == 1
    return report.questions[0]


def test_a_br_in_a_table_cell_becomes_a_slash_and_elsewhere_a_line_break(tmp_path: Path) -> None:
    correct = (
        "## ✅ 正解說明\n\n| 選項 | 說明 |\n|---|---|\n| B | 每次<br>執行<BR />唯一 |\n"
        "| A | 定義<br/> |\n\n第一行<br>第二行\n"
    )
    question = imported(tmp_path, template(correct=correct))
    assert question.explanation.correct == (
        "| 選項 | 說明 |\n|---|---|\n| B | 每次 / 執行 / 唯一 |\n| A | 定義 |\n\n第一行\\\n第二行"
    )


def test_br_tags_in_code_stay_as_written() -> None:
    text = "Write `<br>` or `` a<br/>b ``<br>then\n```html\na<br>b\n```"
    assert clean_markdown(text) == "Write `<br>` or `` a<br/>b ``\\\nthen\n```html\na<br>b\n```"


def test_br_tags_at_a_line_edge_or_in_a_run_make_one_break() -> None:
    assert clean_markdown("<br>first<br><br />second<br>\n  <br>- item") == (
        "first\\\nsecond\n  - item"
    )


def test_empty_anchors_go_and_an_anchor_with_text_becomes_its_text_or_a_web_link() -> None:
    text = (
        '<a id="top"></a>Intro<a name=x/> and <A NAME="t">term</a>\n'
        '<a href="https://docs.example.com/jobs" target="_blank">the docs</a>, '
        "<a href='javascript:alert(1)'>this</a>, <a href=\"#top\">up</a>, <a name='y'>\n"
        '`<a id="kept"></a>`'
    )
    assert clean_markdown(text) == (
        'Intro and term\n[the docs](https://docs.example.com/jobs), this, up,\n`<a id="kept"></a>`'
    )


def test_an_anchor_in_a_heading_does_not_hide_the_section(tmp_path: Path) -> None:
    mnemonic = '## <a id="memo"></a>🧠 記憶法\n\n### 口訣\n\n**「Job 是藍圖」**\n'
    question = imported(tmp_path, template(mnemonic=mnemonic))
    assert "Job 是藍圖" in question.explanation.mnemonic
