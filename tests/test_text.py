"""Control characters from files never reach a terminal."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.importer.markdown import normalise_source
from quiz.text import (
    has_controls,
    markdown_words,
    preview,
    strip_controls,
    visible_controls,
    without_stray_joiners,
)

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


JOINER, SELECTOR = "\u200d", "\ufe0f"
SEQUENCES = ("👩\u200d💻", "🏳\ufe0f\u200d🌈", "⚠\ufe0f", "1\ufe0f\u20e3", "क\u094d\u200dष")
TEXTS = st.text(st.sampled_from(["a", "中", " ", "\n", "👩", "💻", JOINER, SELECTOR, "\ufe0e"]))


def test_joiners_that_join_nothing_go_and_emoji_sequences_stay() -> None:
    text = f"{JOINER}⚠{SELECTOR} ok {SELECTOR}x\n👩{JOINER}{JOINER}💻 y{JOINER}\n{JOINER}z"
    assert without_stray_joiners(text) == f"⚠{SELECTOR} ok x\n👩{JOINER}💻 y\nz"
    assert normalise_source(f"題幹{JOINER}\r\n{SELECTOR}選項") == "題幹\n選項"
    assert preview(f"a👩{JOINER}💻 b c", 4) == "a👩…"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(TEXTS, st.sampled_from(SEQUENCES), TEXTS)
def test_cleaning_keeps_emoji_sequences_and_leaves_no_stray_joiner(
    before: str, sequence: str, after: str
) -> None:
    cleaned = without_stray_joiners(before + sequence + after)
    assert sequence in cleaned
    assert without_stray_joiners(cleaned) == cleaned
    glue = re.compile("[\u200d\ufe00-\ufe0f]")
    assert glue.sub("", cleaned) == glue.sub("", before + sequence + after)
    assert not re.search(r"(?:^|[\s\u200d\ufe00-\ufe0f])[\ufe00-\ufe0f]", cleaned)
    assert not re.search(r"(?:^|\s)\u200d|\u200d(?:$|[\s\u200d\ufe00-\ufe0f])", cleaned)
