"""The question browser and a question's page, driven as a person does: keys, arrows and
enter, clicks; search, every filter, sort, notes, flags and studying what was found."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table
from textual.widgets import Input, SelectionList, Static
from textual.widgets._footer import FooterKey

from quiz.bank import Bank
from quiz.learning import record_answer
from quiz.model import Explanation
from quiz.store import AnswerRecord, Store
from quiz.study import Mode
from quiz.tui.actions import STUDY_ACTIONS
from quiz.tui.app import QuizApp
from quiz.tui.screens.browse import BrowserScreen
from quiz.tui.screens.browse_filter import FilterScreen
from quiz.tui.screens.exam_run import ExamScreen
from quiz.tui.screens.note import NoteScreen
from quiz.tui.screens.practice import PracticeScreen
from quiz.tui.screens.question_page import QuestionPageScreen, history_table
from quiz.tui.widgets.row_table import RowTable
from tui.conftest import FIXED_NOW, SIZE
from tui.fixture_bank import fixture_questions


def _bank() -> Bank:
    """The fixture bank, one question with a Chinese mnemonic inside a sentence."""
    questions = fixture_questions()
    first = questions[0]
    chinese = Explanation(mnemonic="這是一個很好的記憶法，請記住它")
    questions[0] = type(first)(**{**first.__dict__, "explanation": chinese})
    return Bank(questions=questions)


def _table(app: QuizApp) -> RowTable:
    return app.screen.query_one(RowTable)


def _keys(app: QuizApp) -> list[str]:
    return [row.key for row in _table(app).rows]


def _shown(widget: Static) -> str:
    """What a Static shows, as text (Rich renderables too)."""
    console = Console(width=200, file=io.StringIO(), color_system=None)
    console.print(widget.content)
    return console.file.getvalue()  # type: ignore[attr-defined]


def _status(app: QuizApp) -> str:
    return str(app.screen.query_one("#browse-status", Static).render())


async def _back_to_browser(pilot) -> None:
    """Leave a practice session (and its summary) for the browser."""
    for _ in range(3):
        if isinstance(pilot.app.screen, BrowserScreen):
            return
        await pilot.press("escape")
    assert isinstance(pilot.app.screen, BrowserScreen)


async def _type(pilot, text: str) -> None:
    await pilot.press(*text)


async def test_b_opens_the_browser_and_the_home_list_and_palette_do_too(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app(_bank())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, BrowserScreen)
        assert len(_keys(app)) == 12 and "12 questions" in _status(app)
        await pilot.press("escape")  # from the search to the table
        await pilot.press("escape")
        assert not isinstance(app.screen, BrowserScreen)
        index = [entry.action for entry in STUDY_ACTIONS].index("browse")
        await pilot.press(*["down"] * index, "enter")
        assert isinstance(app.screen, BrowserScreen)
        await pilot.press("escape", "escape")
        await pilot.click("#home-actions", offset=(4, 1 + index))
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen)


async def test_search_as_you_type_english_word_and_chinese_inside_a_sentence(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app(_bank())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await _type(pilot, "streaming")
        assert _keys(app) == ["delta/Q002", "delta/Q006", "delta/Q010"]
        assert "3 of 12 questions" in _status(app)
        preview = str(app.screen.query_one("#browse-preview", Static).render())
        assert preview.startswith("delta/Q002") and "Streaming" in preview
        app.screen.query_one(Input).value = ""
        await pilot.pause()
        await _type(pilot, "記憶法")
        assert _keys(app) == ["jobs/Q001"]
        await _type(pilot, " nowhere")
        assert _keys(app) == [] and "nothing matches" in _status(app)


async def test_every_filter_and_a_kept_filter(make_app: Callable[..., QuizApp], tmp_path) -> None:
    app = make_app(_bank())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p", "a", "enter")  # answer one question: it is no longer new
        answered = app.screen.practice.current.question.key
        await pilot.press("escape", "escape", "b", "escape", "f")
        assert isinstance(app.screen, FilterScreen)
        expectations = {
            "1": ("new", 11),
            "2": ("delta", 6),
            "3": ("L3-Advanced", 4),
            "4": ("Data Engineering", 12),
            "5": ("Streaming", 3),
        }
        for tab, (value, count) in expectations.items():
            await pilot.press(tab)
            listed = app.screen.query_one(
                f"#filter-{app.screen.query_one('TabbedContent').active}", SelectionList
            )
            listed.select(value)
            await pilot.press("escape")
            assert len(_keys(app)) == count, value
            await pilot.press("f", "a")
        await pilot.press("1")
        app.screen.query_one("#filter-statuses", SelectionList).select("missed")
        await pilot.press("escape")
        wrong = app.screen.catalog.row(answered).statuses
        assert _keys(app) == ([answered] if "missed" in wrong else [])
        await pilot.press("f", "a", "2")
        app.screen.query_one("#filter-banks", SelectionList).select("jobs")
        await pilot.press("5")
        app.screen.query_one("#filter-tags", SelectionList).select("Delta-Lake")
        await pilot.press("6")
        await _type(pilot, "jobs delta")
        await pilot.press("enter", "escape")
        assert _keys(app) == ["jobs/Q001", "jobs/Q005", "jobs/Q009"]
        await pilot.press("f", "a", "escape")
        assert len(_keys(app)) == 12
        await pilot.press("f", "6", "enter")  # the kept filter, brought back
        assert _keys(app) == ["jobs/Q001", "jobs/Q005", "jobs/Q009"]
        assert "jobs · Delta-Lake" in _status(app)


async def test_sort_by_key_column_and_header_click(make_app: Callable[..., QuizApp]) -> None:
    app = make_app(_bank())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "escape")
        assert _keys(app)[:2] == ["delta/Q002", "delta/Q004"]
        await pilot.press("S")
        assert _keys(app)[0] == "jobs/Q011"
        await pilot.press("s", "s")  # ID, then Bank, then Level
        levels = [row.info.level for row in _table(app).rows]
        assert levels == sorted(levels)
        await pilot.click(RowTable, offset=(1, 0))  # the ID column's name
        assert _keys(app)[0] == "delta/Q002"
        await pilot.click(RowTable, offset=(1, 0))
        assert _keys(app)[0] == "jobs/Q011"


async def test_the_question_page_shows_history_and_schedule_and_keeps_a_note(
    make_app: Callable[..., QuizApp], tmp_path: Path, clock
) -> None:
    app = make_app(_bank())
    bank = app.bank
    with Store(app.store_path) as store:
        question = bank.question("delta/Q002")
        record_answer(store, question, {"B"}, seconds=12, mode="practice", now=FIXED_NOW)
        later = FIXED_NOW + timedelta(minutes=5)
        record_answer(store, question, {"A"}, seconds=8, mode="drill", now=later)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "enter", "enter")
        page = app.screen
        assert isinstance(page, QuestionPageScreen) and page.key == "delta/Q002"
        history = _shown(page.query_one("#page-history", Static))
        assert "2 answers, 1 right" in history
        assert "drill" in history and "8 s" in history and "12 s" in history
        assert "next review in" in str(page.query_one("#page-flags", Static).render())
        await pilot.press("n")
        assert isinstance(app.screen, NoteScreen)
        await _type(pilot, "trap: [b]x[/b]")
        await pilot.press("ctrl+s")
        assert "trap: [b]x[/b]" in str(page.query_one("#note", Static).render())
        await pilot.press("m", "x")
        with Store(app.store_path) as other:
            assert other.note("delta/Q002") == "trap: [b]x[/b]"
            assert other.flagged("bookmarks") == {"delta/Q002"}
            assert other.flagged("suspended") == {"delta/Q002"}
        await pilot.press("x", "escape")
        assert isinstance(app.screen, BrowserScreen)
        row = app.screen.catalog.row("delta/Q002")
        assert {s.value for s in row.statuses} >= {"bookmarked", "noted"}
        await pilot.press("slash")
        await _type(pilot, "[b]x")  # notes are searched, and as text
        assert _keys(app) == ["delta/Q002"]


async def test_practise_drill_and_exam_of_what_was_found(make_app: Callable[..., QuizApp]) -> None:
    app = make_app(_bank())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await _type(pilot, "unity")
        await pilot.press("enter", "p")
        assert isinstance(app.screen, PracticeScreen) and app.screen.mode is Mode.PRACTICE
        assert {q.key for q in app.screen.questions} == {"jobs/Q003", "jobs/Q007", "jobs/Q011"}
        assert app.screen.title_text == "Practice: “unity”"
        await _back_to_browser(pilot)
        await pilot.press("d")
        assert isinstance(app.screen, PracticeScreen) and app.screen.mode is Mode.DRILL
        await _back_to_browser(pilot)
        await pilot.press("e", "y")  # asked first (tests/tui/test_exam_flow.py)
        assert isinstance(app.screen, ExamScreen)
        keys = {item.question.key for item in app.screen.session.items}
        assert keys == {"jobs/Q003", "jobs/Q007", "jobs/Q011"}
        assert app.screen.session.config.minutes == 6


async def test_the_question_page_from_a_click_and_its_actions(
    make_app: Callable[..., QuizApp], monkeypatch
) -> None:
    app = make_app(_bank())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "escape")
        await pilot.click(RowTable, offset=(2, 2))  # the second row: highlighted
        assert isinstance(app.screen, BrowserScreen)
        await pilot.click(RowTable, offset=(2, 2))  # clicked again: opened
        await pilot.pause()
        assert isinstance(app.screen, QuestionPageScreen) and app.screen.key == "delta/Q004"
        monkeypatch.delenv("EDITOR", raising=False)
        monkeypatch.delenv("VISUAL", raising=False)
        await pilot.press("o")  # bundled-like: no record file
        await pilot.press("p")
        assert isinstance(app.screen, PracticeScreen)
        assert [q.key for q in app.screen.questions] == ["delta/Q004"]


def test_the_history_lists_every_answer_latest_first() -> None:
    answers = [
        AnswerRecord("delta/Q001", "A", n % 2 == 0, 10.0, "practice", FIXED_NOW + timedelta(n))
        for n in range(45)
    ]
    table = history_table(answers)
    assert isinstance(table, Table) and table.row_count == 45
    when = table.columns[0]._cells
    assert when[0] > when[-1]  # the latest first


async def test_an_empty_bank_says_how_to_fill_it(make_app: Callable[..., QuizApp]) -> None:
    app = make_app(Bank(questions=[]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, BrowserScreen)
        assert "No questions yet" in _status(app)
        await pilot.press("enter", "p", "slash", "escape", "f")
        assert isinstance(app.screen, FilterScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, BrowserScreen)


async def test_record_text_is_never_markup_in_the_table(make_app: Callable[..., QuizApp]) -> None:
    questions = fixture_questions(2)
    hostile = type(questions[0])(
        **{**questions[0].__dict__, "topics": ("[b]bold[/b]\x1b[2J",), "id": "[red]Q"}
    )
    app = make_app(Bank(questions=[hostile, questions[1]]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        line = "".join(segment.text for segment in _table(app).render_line(2))
        assert "[red]Q" in line and "[b]bold[/b]" in line and "\x1b" not in line


def test_browser_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    assert snap_compare(make_app(_bank()), terminal_size=SIZE, press=["b", *"delta", "down"])


def test_question_page_snapshot(make_app: Callable[..., QuizApp], snap_compare) -> None:
    assert snap_compare(make_app(_bank()), terminal_size=SIZE, press=["b", "enter", "enter"])


async def test_a_question_repaired_with_doubt_says_so_on_its_card_and_page(
    make_app: Callable[..., QuizApp],
) -> None:
    from quiz.model import Origin

    questions = fixture_questions(2)
    origin = Origin("b1/Q001.md", "0" * 64, doubt=((12, 5), (14, 2)))
    questions[0] = type(questions[0])(**{**questions[0].__dict__, "origin": origin})
    app = make_app(Bank(questions=questions))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "escape")
        assert _keys(app)[1] == "jobs/Q001"
        await pilot.press("down", "enter")
        page = app.screen
        assert isinstance(page, QuestionPageScreen)
        assert "◌ 2 repaired with doubt" in str(page.query_one("#question-meta", Static).render())
        files = str(page.query_one("#page-origin", Static).render())
        assert "2 characters chosen with doubt" in files and "12:5, 14:2" in files


def _header(app: QuizApp) -> str:
    return "".join(segment.text for segment in _table(app).render_line(0))


def _footer_keys(app: QuizApp) -> set[str]:
    return {key.key for key in app.screen.query(FooterKey)}


def _one_bank() -> Bank:
    """The fixture bank's questions, all in one bank."""
    return Bank(questions=[replace(q, bank="delta") for q in fixture_questions()])


async def test_at_80_columns_the_first_words_stay_and_silent_columns_go(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app(_one_bank())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        header = _header(app)
        assert "Question" in header
        for silent in ("Bank", "Domain", "Acc", "Seen", "Due"):  # one bank, one domain, new
            assert silent not in header, silent
        assert "Question 1: which call fits" in "".join(
            segment.text for segment in _table(app).render_line(1)
        )
    answered = make_app(_bank())
    async with answered.run_test(size=(160, 45)) as pilot:
        await pilot.press("p", "a", "enter", "escape", "escape", "b")
        header = _header(answered)
        assert {"Bank", "Acc", "Seen", "Due", "Question"} <= set(header.split())
        assert "Domain" not in header  # the same on every question


async def test_f_types_in_the_search_and_ctrl_f_filters_from_anywhere(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app(_bank())
    async with app.run_test(size=SIZE) as pilot:
        app.browse("cluster")
        await pilot.pause()
        search = app.screen.query_one(Input)
        assert app.screen.focused is search and search.value == "cluster"
        assert "ctrl+f" in _footer_keys(app) and "f" not in _footer_keys(app)
        await pilot.press("f")  # the search was not selected: the letter is added
        assert search.value == "clusterf" and isinstance(app.screen, BrowserScreen)
        await pilot.press("backspace", "ctrl+f")
        assert isinstance(app.screen, FilterScreen)
        await pilot.press("escape", "escape")  # back, then from the search to the table
        assert "f" in _footer_keys(app) and "ctrl+f" not in _footer_keys(app)
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, FilterScreen)
        await pilot.press("escape", "f")
        assert isinstance(app.screen, FilterScreen)


async def test_the_sort_arrow_stays_in_the_header_and_the_count_line_says_the_sort(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app(_bank())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b", *"delta", "escape", "s", "s")  # ID, Bank, then Level
        assert app.screen.sort.value == "level"
        assert "Lvl ↑" in _header(app)
        assert "“delta”" in _status(app) and "sorted by Lvl ↑" in _status(app)
        await pilot.press("S")
        assert "Lvl ↓" in _header(app) and "sorted by Lvl ↓" in _status(app)


async def test_the_preview_shows_markdown_as_plain_words_with_the_match(
    make_app: Callable[..., QuizApp],
) -> None:
    app = make_app(_bank())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", *"streaming")
        preview = app.screen.query_one("#browse-preview", Static).render()
        text = str(preview)
        assert "**" not in text and "```" not in text and "python" not in text
        assert "fits Streaming? result = client.get(endpoint)" in text
        start = text.index("Streaming")
        styles = [span.style for span in preview.spans if span.start <= start < span.end]
        assert any("reverse" in str(style) for style in styles)


async def test_with_room_a_column_is_shown_whole(make_app: Callable[..., QuizApp]) -> None:
    long = "Data Engineering / Operations & Automation"
    questions = fixture_questions()
    questions[0] = replace(questions[0], domain=long, exam_domain=None)
    app = make_app(Bank(questions=questions))
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("b")
        assert "Domain" in _header(app)
        assert long in "".join(segment.text for segment in _table(app).render_line(1 + 6))
