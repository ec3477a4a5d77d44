"""Search a bank's questions by their text: stem, translation, options and analysis.

A query is words separated by spaces; a question matches when its text holds every word
as a substring, whatever the case (Chinese needs no spaces: ``記憶法`` is found inside a
sentence). The query is data: quotes, ``*``, ``NEAR(``, ``OR`` are looked for as they
are, control characters are dropped. Banks on disk are searched through their indexes
(``quiz.index``: FTS5 trigrams, built by the first search or by ``prepare``, or a
plain scan for words under three characters or when SQLite has no FTS5); questions held
in memory are scanned. Results are keys in bank order (the order of ``Bank.infos``): a
screen sorts them as it likes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quiz.text import strip_controls

if TYPE_CHECKING:
    from quiz.bank import Bank
    from quiz.index import IndexedDirectory
    from quiz.model import Question


def fold(text: str) -> str:
    """The text in lower case, character for character (a character whose lower case is
    longer stays as it is, so positions in the folded text are those of the text)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


def search_text(question: Question) -> str:
    """The searchable text of a question, folded (``question_text``)."""
    return fold(question_text(question))


def question_text(question: Question) -> str:
    """A question's text as it is searched: stem, translation, options and every part of
    the analysis (Markdown marks stay), one per line."""
    explanation = question.explanation
    parts = [
        question.stem,
        question.translation,
        *(f"{letter}. {text}" for letter, text in question.options.items()),
        explanation.key_points,
        explanation.correct,
        *explanation.wrong.values(),
        explanation.mnemonic,
        explanation.extra,
        *(reference.title for reference in explanation.references),
    ]
    return "\n".join(part for part in parts if part)


def terms(query: str) -> list[str]:
    """The words of a query, folded, without control characters, each once."""
    return list(dict.fromkeys(fold(strip_controls(query)).split()))


def search(bank: Bank, query: str, limit: int | None = None) -> list[str]:
    """The keys of the bank's questions that hold every word of the query, in bank
    order (an empty query matches them all), at most ``limit`` of them."""
    words = terms(query)
    matched: dict[IndexedDirectory, set[str]] = {}
    found: list[str] = []
    for info in bank.infos:
        if limit is not None and len(found) >= limit:
            break
        where = bank.location(info.key)
        if not words:
            hit = True
        elif where is None:
            text = search_text(bank.question(info.key))
            hit = all(word in text for word in words)
        else:
            directory, relative = where
            if directory not in matched:
                matched[directory] = directory.matching(words)
            hit = relative in matched[directory]
        if hit:
            found.append(info.key)
    return found


def prepare(bank: Bank) -> None:
    """Build the trigram tables the bank's indexes lack (what the first search would do,
    a second or two on a big bank): for a screen to call ahead, in a worker."""
    for directory in {where[0] for info in bank.infos if (where := bank.location(info.key))}:
        directory.prepare_search()


def highlights(text: str, query: str) -> list[tuple[int, int]]:
    """Where the query's words are in the text, as sorted ``(start, end)`` spans (the
    overlapping ones merged), for a screen to mark."""
    folded = fold(text)
    spans: list[tuple[int, int]] = []
    for word in terms(query):
        start = folded.find(word)
        while start >= 0:
            spans.append((start, start + len(word)))
            start = folded.find(word, start + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
