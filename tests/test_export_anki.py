"""``quiz export anki``: the produced ``.apkg`` is opened (a zip holding an SQLite
collection and a media list) and its notes, fields, tags, GUIDs and media checked."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_records import make_question

from quiz.bank import write_record
from quiz.cli import main
from quiz.export.anki import FIELDS, anki_tag, note_fields
from quiz.export.html import renderer
from quiz.learning import record_answer
from quiz.model import Explanation
from quiz.store import Store
from quiz.text import has_controls

PNG = b"\x89PNG\r\n\x1a\n" + b"picture" * 10
STEM = (
    "Which one? 哪一個？ ![diagram](img/flow.png) ![secret](../outside.png)\n\n"
    "```python\nprint('<b>')\n```\n\n| a | b |\n|---|---|\n| 1 | 中 |"
)


def write_bank(folder: Path) -> list[Path]:
    """Three records (one with code, a table, CJK and images), an image beside them and
    one outside their folder."""
    files = [
        write_record(folder, make_question(id="Q1", stem=STEM, topics=("Delta Lake",))),
        write_record(folder, make_question(id="Q2", stem="Second?", topics=("Jobs-API",))),
        write_record(folder, make_question(id="Q3", stem="Third?", topics=("Jobs-API",))),
    ]
    (files[0].parent / "img").mkdir()
    (files[0].parent / "img" / "flow.png").write_bytes(PNG)
    (folder / "outside.png").write_bytes(PNG + b"outside")
    return files


def export(bank: Path, deck: Path, *options: str) -> int:
    return main(["--bank-dir", str(bank), "export", "anki", str(deck), "--no-bundled", *options])


def read_deck(deck: Path) -> tuple[dict[str, tuple[dict[str, str], set[str]]], dict[str, bytes]]:
    """The deck's notes by GUID (fields by name, tags) and its media files by name."""
    with zipfile.ZipFile(deck) as archive:
        names = json.loads(archive.read("media"))
        media = {name: archive.read(index) for index, name in names.items()}
        database = deck.with_suffix(".anki2")
        database.write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(database)
    rows = connection.execute("SELECT guid, flds, tags FROM notes").fetchall()
    connection.close()
    notes = {
        guid: (dict(zip(FIELDS, fields.split("\x1f"), strict=True)), set(tags.split()))
        for guid, fields, tags in rows
    }
    return notes, media


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    write_bank(tmp_path / "bank")
    return tmp_path / "bank"


def test_one_note_per_question_with_fields_tags_and_media(
    bank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "Study.apkg"
    assert export(bank, deck) == 0
    assert capsys.readouterr().out.strip() == f"wrote {deck}: deck 'Study', 3 notes, 1 images"
    notes, media = read_deck(deck)
    assert len(notes) == 3
    by_key = {fields["Key"]: (fields, tags) for fields, tags in notes.values()}
    fields, tags = by_key["demo/Q1"]
    assert "<pre><code" in fields["Stem"] and "print('&lt;b&gt;')" in fields["Stem"]
    assert (
        "<table>" in fields["Stem"]
        and "<td>中</td>" in fields["Stem"]
        and "哪一個" in fields["Stem"]
    )
    assert "<b>A.</b> <code>runs/get</code>" in fields["Options"]
    assert fields["Answer"].startswith("Answer: A, C")
    assert "Because." in fields["Why"] and "lists runs" in fields["WhyNot"]
    assert fields["Mnemonic"] == "<p>get gets</p>"
    assert '<a href="https://docs.databricks.com/api">Jobs API</a>' in fields["Links"]
    assert tags == {
        "quiz::topic::Delta-Lake",
        "quiz::trap::Similar-Options",
        "quiz::level::L1-Basic",
        "quiz::bank::demo",
    }
    # The image beside the record is packed under its content name; the one outside is not.
    assert list(media.values()) == [PNG]
    (name,) = media
    assert f'<img src="{name}" alt="diagram">' in fields["Stem"]
    assert "outside" not in fields["Stem"] and "[secret]" in fields["Stem"]


def test_guids_are_stable_and_an_edited_record_changes_one_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = write_bank(tmp_path / "bank")
    first, second, third = (tmp_path / f"{n}.apkg" for n in ("a", "b", "c"))
    assert export(tmp_path / "bank", first) == 0
    assert export(tmp_path / "bank", second) == 0
    notes_a, _ = read_deck(first)
    notes_b, _ = read_deck(second)
    assert notes_a == notes_b
    write_record(tmp_path / "bank", make_question(id="Q2", stem="Second, edited?"))
    assert files[1].read_text(encoding="utf-8").count("edited") == 1
    assert export(tmp_path / "bank", third) == 0
    notes_c, _ = read_deck(third)
    assert notes_c.keys() == notes_a.keys()
    changed = [guid for guid in notes_a if notes_a[guid] != notes_c[guid]]
    assert len(changed) == 1 and notes_c[changed[0]][0]["Key"] == "demo/Q2"


def test_hostile_record_text_is_escaped(tmp_path: Path) -> None:
    hostile = make_question(
        id="H1",
        stem='<script>alert(1)</script> <img src=x onerror="alert(2)"> \x1b[31mred\x07',
        options={"A": "<b onclick=x>a</b>", "B": "[x](javascript:alert(3))"},
        answer=("A",),
        topics=("two words\x1b[2J",),
        explanation=Explanation(mnemonic="<iframe src=//evil>", wrong={"B": "<style>*{}</style>"}),
    )
    write_record(tmp_path / "bank", hostile)
    deck = tmp_path / "h.apkg"
    assert export(tmp_path / "bank", deck) == 0
    ((fields, tags),) = read_deck(deck)[0].values()
    text = "\x1f".join(fields.values())
    for raw in ("<script", "<img", "<b onclick", "<iframe", "<style", 'javascript:alert(3)"'):
        assert raw not in text
    assert "&lt;script&gt;" in fields["Stem"] and "&lt;iframe" in fields["Mnemonic"]
    assert "\x1b" not in text and "\x07" not in text and "red" in fields["Stem"]
    assert not [tag for tag in tags if " " in tag or "\x1b" in tag]


def test_control_characters_never_reach_a_field() -> None:
    """A question held in memory (records on disk are already cleaned when written)."""
    question = make_question(
        stem="\x1b]0;title\x07red\u202e",
        options={"A": "a\x1b[2J", "B": "b"},
        answer=("A",),
        explanation=Explanation(mnemonic="m\x00\x9b"),
    )
    fields = note_fields(renderer(), question, lambda _: None)
    assert fields[0].startswith("<p>]0;titlered</p>") and "[2J" in fields[1]
    assert not [f for f in fields if has_controls(f)]


def test_tags_and_missed_choose_the_questions(bank: Path, tmp_path: Path) -> None:
    deck = tmp_path / "d.apkg"
    assert export(bank, deck, "--tag", "Delta Lake") == 0
    assert [f["Key"] for f, _ in read_deck(deck)[0].values()] == ["demo/Q1"]
    now = datetime(2026, 1, 5, tzinfo=UTC)
    q2, q3 = make_question(id="Q2"), make_question(id="Q3")
    with Store() as store:
        record_answer(store, q2, ("A", "C"), seconds=3, mode="practice", now=now)
        record_answer(store, q2, ("B",), seconds=3, mode="practice", now=now.replace(hour=1))
        record_answer(store, q3, ("B",), seconds=3, mode="practice", now=now)
        record_answer(store, q3, ("A", "C"), seconds=3, mode="practice", now=now.replace(hour=1))
    assert export(bank, deck, "--missed") == 0
    assert [f["Key"] for f, _ in read_deck(deck)[0].values()] == ["demo/Q2"]


def test_without_genanki_one_line_says_what_to_install(
    bank: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "genanki", None)  # import genanki fails
    monkeypatch.delitem(sys.modules, "quiz.export.anki", raising=False)
    assert export(bank, tmp_path / "d.apkg") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "quiz: quiz export anki needs genanki: pip install 'quiz[export]' (or pip install genanki)"
    ]
    assert not (tmp_path / "d.apkg").exists()


def test_a_deck_name_must_end_in_apkg(bank: Path, tmp_path: Path) -> None:
    assert export(bank, tmp_path / "deck.zip") == 2
    assert not (tmp_path / "deck.zip").exists()


def test_anki_tags_never_hold_spaces() -> None:
    assert anki_tag("topic", " Delta  Lake\tSQL ") == "quiz::topic::Delta-Lake-SQL"
    assert anki_tag("level", "") is None and anki_tag("trap", "\x1b") is None


def test_many_questions_rendered_by_several_processes_give_the_same_deck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quiz.export import anki

    questions = [
        (
            make_question(
                id=f"Q-{n:04d}", stem=f"Question **{n}**?\n\n| a | b |\n|---|---|\n| 1 | 2 |"
            ),
            None,
        )
        for n in range(3 * anki.CHUNK + 7)
    ]
    anki.write_deck(tmp_path / "many.apkg", questions, "many", timestamp=1.0)
    monkeypatch.setattr(anki, "MAX_WORKERS", 1)  # one process, as on one core
    anki.write_deck(tmp_path / "one.apkg", questions, "many", timestamp=1.0)
    many, _ = read_deck(tmp_path / "many.apkg")
    one, _ = read_deck(tmp_path / "one.apkg")
    assert len(many) == len(questions) and many == one


def test_a_note_is_dated_by_its_record_so_anki_updates_only_edited_ones(tmp_path: Path) -> None:
    """Anki's import updates a note whose date is newer than its own copy's: dating every
    note by the export made Anki rewrite all 5,000 after one record was edited."""
    files = write_bank(tmp_path / "bank")
    os.utime(files[0], (1_700_000_000, 1_700_000_000))
    os.utime(files[1], (1_700_000_500, 1_700_000_500))
    deck = tmp_path / "deck.apkg"
    assert export(tmp_path / "bank", deck) == 0
    with zipfile.ZipFile(deck) as archive:
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(tmp_path / "c.anki2")
    dates = dict(connection.execute("SELECT sfld, mod FROM notes"))
    connection.close()
    assert sorted(dates.values())[:2] == [1_700_000_000, 1_700_000_500]
