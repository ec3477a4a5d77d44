"""The bank as an Anki deck (``.apkg``): one note per question, of a note type of our own.

A note's GUID comes from the question's key, so importing a new export of the same bank
updates the notes in Anki instead of adding copies; the note type and the deck keep
their IDs too. Fields are HTML made from the record's Markdown (``quiz.export.html``);
images a record shows from its own folder are packed as media under content-hash names.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import multiprocessing
import os
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from html import escape
from io import BytesIO
from pathlib import Path

import genanki
from markdown_it import MarkdownIt

from quiz.export.html import WEB, Resolve, inline_html, renderer, to_html
from quiz.files import read_regular_file, write_bytes_atomically
from quiz.images import local_image
from quiz.model import Question
from quiz.text import strip_controls

MODEL_ID = 1263885181
"""The note type's ID: fixed, so every export uses the same note type in Anki."""
FIELDS = ("Stem", "Options", "Answer", "Why", "WhyNot", "Mnemonic", "KeyPoints", "Links", "Key")
FRONT = '<div class="stem">{{Stem}}</div>\n<div class="options">{{Options}}</div>'
BACK = """{{FrontSide}}
<hr id="answer">
<div class="answer">{{Answer}}</div>
{{#Why}}<div class="why">{{Why}}</div>{{/Why}}
{{#WhyNot}}<div class="why-not">{{WhyNot}}</div>{{/WhyNot}}
{{#Mnemonic}}<div class="mnemonic">{{Mnemonic}}</div>{{/Mnemonic}}
{{#KeyPoints}}<div class="key-points">{{KeyPoints}}</div>{{/KeyPoints}}
{{#Links}}<div class="links">{{Links}}</div>{{/Links}}
<div class="key">{{Key}}</div>"""
CSS = """.card { font-family: sans-serif; font-size: 18px; text-align: left; }
.option { margin: 0.3em 0; }
.answer { font-weight: bold; }
.why-not .option { color: #8a4b00; }
.mnemonic { border: 2px solid #3b7ddd; border-radius: 6px; padding: 0.5em; margin: 0.8em 0; }
.key { color: #888; font-size: 12px; margin-top: 1em; }
pre { background: #f3f3f3; padding: 0.5em; overflow-x: auto; }
table { border-collapse: collapse; } td, th { border: 1px solid #aaa; padding: 0.2em 0.4em; }"""
TAG_SPACE = re.compile(r"\s+")
CHUNK = 250
"""Questions rendered at a time (by one process when there are several)."""
MAX_WORKERS = 4
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DeckSummary:
    """What an export wrote."""

    notes: int
    images: int


def note_model() -> genanki.Model:
    """Our note type: the question on the front, answer and analysis on the back."""
    return genanki.Model(
        MODEL_ID,
        "quiz question",
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Question", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
    )


def deck_id(name: str) -> int:
    """A stable deck ID for a deck name."""
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:7], 16) | 1 << 30


def note_guid(question: Question) -> str:
    """The note's GUID, from the question's bank and ID."""
    return str(genanki.guid_for("quiz", question.bank, question.id))


def anki_tag(kind: str, name: str) -> str | None:
    """``quiz::topic::Delta-Lake``: spaces (not allowed in Anki tags) become ``-``."""
    cleaned = TAG_SPACE.sub("-", strip_controls(name).strip())
    return f"quiz::{kind}::{cleaned}" if cleaned else None


def question_tags(question: Question) -> list[str]:
    """The Anki tags of a question: topics, traps, level and bank."""
    named = [("topic", t) for t in question.topics] + [("trap", t) for t in question.traps]
    named += [("level", question.level), ("bank", question.bank)]
    tags = (anki_tag(kind, name) for kind, name in named)
    return list(dict.fromkeys(tag for tag in tags if tag))


class Media:
    """The image files packed with a deck, each under a name made from its content."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def resolver(self, record_file: Path | None) -> Resolve:
        """Name the images of a record: a link to an image file in the record's folder
        is packed; anything else is not."""

        def resolve(src: str) -> str | None:
            path = local_image(src, record_file) if record_file else None
            if path is None:
                return None
            try:
                data = read_regular_file(path)
            except OSError:
                return None
            name = f"quiz-{hashlib.sha256(data).hexdigest()[:24]}{path.suffix.lower()}"
            self.files[name] = data
            return name

        return resolve


def note_fields(
    md: MarkdownIt, question: Question, resolve: Callable[[str], str | None]
) -> list[str]:
    """The note's fields, in ``FIELDS`` order."""

    def block(text: str) -> str:
        return to_html(md, text, resolve)

    def lettered(letter: str, text: str) -> str:
        html = inline_html(md, text, resolve)
        return f'<div class="option"><b>{escape(letter)}.</b> {html}</div>'

    stem = block(question.stem)
    if question.translation:
        stem += f'\n<div class="translation">{block(question.translation)}</div>'
    shown = {k: lettered(k, v) for k, v in question.options.items()}
    options = "\n".join(shown.values())
    chosen = [shown.get(k) or lettered(k, "") for k in question.answer]
    answer = f"Answer: {escape(', '.join(question.answer))}\n" + "\n".join(chosen)
    explanation = question.explanation
    why = "\n".join(block(text) for text in (explanation.correct, explanation.extra) if text)
    why_not = "\n".join(lettered(k, v) for k, v in explanation.wrong.items())
    links = "\n".join(_link(ref.title, ref.url) for ref in explanation.references)
    return [
        stem,
        options,
        answer,
        why,
        why_not,
        block(explanation.mnemonic),
        block(explanation.key_points),
        f"<ul>{links}</ul>" if links else "",
        escape(question.key),
    ]


def _link(title: str, url: str) -> str:
    """A reference as a list item: a link when it is an http(s) URL, else plain text."""
    text = escape(strip_controls(title or url))
    url = strip_controls(url).strip()
    if url.startswith(WEB):
        return f'<li><a href="{escape(url)}">{text}</a></li>'
    return f"<li>{text} {escape(url)}</li>"


def write_deck(
    path: Path,
    questions: Iterable[tuple[Question, Path | None]],
    deck_name: str,
    *,
    timestamp: float,
    total: int = 0,
    progress: Progress | None = None,
) -> DeckSummary:
    """Write the questions (each with its record file, for its images) as an ``.apkg``
    deck, atomically. A note is dated by its record file's last change (``timestamp``,
    in seconds, when it has none), so that importing the deck again into Anki updates
    the notes whose records changed and leaves the others as they are."""
    model = note_model()
    media: dict[str, bytes] = {}
    deck = genanki.Deck(deck_id(deck_name), deck_name)
    count = 0
    chosen = list(questions)
    dates = {note_guid(q): _changed(file, timestamp) for q, file in chosen}
    for rendered, files in _rendered(chosen):
        media.update(files)
        for question, fields in rendered:
            count += 1
            deck.add_note(
                genanki.Note(model, fields, tags=question_tags(question), guid=note_guid(question))
            )
            if progress is not None:
                progress(count, total)
    write_bytes_atomically(path, _package(genanki.Package(deck), media, timestamp, dates))
    return DeckSummary(count, len(media))


Rendered = tuple[list[tuple[Question, list[str]]], dict[str, bytes]]


def _render(chunk: list[tuple[Question, Path | None]]) -> Rendered:
    """The fields of some questions, and the images they pack."""
    md = renderer()
    media = Media()
    return [(q, note_fields(md, q, media.resolver(file))) for q, file in chunk], media.files


def _rendered(questions: list[tuple[Question, Path | None]]) -> Iterator[Rendered]:
    """The questions' fields, in order, a chunk at a time: rendered by a process per core
    when there are many (rendering Markdown is nearly all of an export's time)."""
    chunks = [questions[at : at + CHUNK] for at in range(0, len(questions), CHUNK)]
    workers = min(os.cpu_count() or 1, MAX_WORKERS, len(chunks))
    if workers < 2:
        yield from map(_render, chunks)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from pool.map(_render, chunks)


def _changed(record_file: Path | None, otherwise: float) -> int:
    """When a record file last changed, in whole seconds (``otherwise`` without one)."""
    try:
        return int(record_file.stat().st_mtime) if record_file else int(otherwise)
    except OSError:
        return int(otherwise)


def _package(
    package: genanki.Package, media: dict[str, bytes], timestamp: float, dates: dict[str, int]
) -> bytes:
    """The ``.apkg`` bytes: the collection (written by genanki), the media list and files."""
    with tempfile.TemporaryDirectory(prefix="quiz-anki-") as folder:
        database = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            ids = itertools.count(int(timestamp * 1000))
            package.write_to_db(connection.cursor(), timestamp, ids)
            connection.executemany(
                "UPDATE notes SET mod = ? WHERE guid = ?", [(t, g) for g, t in dates.items()]
            )
            connection.commit()
        finally:
            connection.close()
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(database, "collection.anki2")
            archive.writestr("media", json.dumps({str(i): name for i, name in enumerate(media)}))
            for index, data in enumerate(media.values()):
                archive.writestr(str(index), data)
    return buffer.getvalue()
