"""Control characters from files never reach a terminal."""

from quiz.text import has_controls, markdown_words, strip_controls, visible_controls

HOSTILE = "a\x1b]0;pwned\x07b\x1b[2J\x9bc\u202ed\x7f\r"


def test_strip_controls_keeps_newlines_tabs_and_text():
    assert strip_controls(HOSTILE + "\n\tok 中文") == "a]0;pwnedb[2Jcd\n\tok 中文"


def test_visible_controls_shows_each_one():
    shown = visible_controls(HOSTILE)
    assert not has_controls(shown)
    assert shown.startswith("a␛]0;pwned␇b␛[2J<U+009B>c<U+202E>d␡␍")


def test_clean_text_is_returned_as_is():
    text = "Delta Lake 的 `OPTIMIZE`\n\t- [DataFrame]"
    assert visible_controls(text) is text
    assert not has_controls(text)


def test_preview_keeps_identifiers_and_drops_markdown_marks():
    from quiz.text import preview

    stem = (
        "### 題幹\n\nWhich **`job_id`** of `run_id`, *really*?\n"
        "```sql\nSELECT 1\n```\nSELECT * FROM t"
    )
    assert preview(stem, 80) == "題幹 Which job_id of run_id, really? SELECT * FROM t"
    assert preview("word " * 30, 20) == "word word word word…"


def test_markdown_words_keep_the_words_and_the_code_not_the_marks() -> None:
    text = "# Which **call** fits `job_id`?\n```python\nSELECT * FROM t\n```\n> __quoted__"
    assert markdown_words(text) == "Which call fits job_id?\n\nSELECT * FROM t\n\nquoted"


def test_previews_drop_a_line_break_mark_but_not_a_backslash_in_code() -> None:
    from quiz.text import preview

    text = "first\\\nsecond\n```sh\nls \\\n  -l\n```"
    assert markdown_words(text) == "first\nsecond\n\nls \\\n  -l\n"
    assert preview(text, 40) == "first second"
