"""The plain export: ``# Question N``, ``## Question``, ``## Options`` with
``(Correct)`` marks, ``## Explanation``; one or many questions per file."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from quiz.importer.errors import SourceError
from quiz.importer.fields import answer_letters
from quiz.importer.markdown import Document, Heading, links
from quiz.importer.options import find_options, unbullet_code
from quiz.importer.sections import (
    ANSWER,
    CONTAINER,
    CORRECT,
    OPTIONS,
    STEM,
    ExplanationBuilder,
    add_analysis,
    heading_kind,
    is_analysis_title,
)
from quiz.model import Question

_TITLE = re.compile(r"^(?:question|q|題目|問題|第)\s*[#＃№.:-]?\s*(?P<number>\d+)", re.IGNORECASE)
_EMPTY_BULLET = re.compile(r"^([-*+])[ \t]*\n(?:[ \t]*\n)+(?=\S)", re.MULTILINE)
_ANSWER_LINE = re.compile(
    r"^\s*+(?:[-*]\s++)?(?:\*\*)?(?:correct answers?|answers?|正解|正確答案|答案)(?:\*\*)?\s*[:：]"
    r"(?:\*\*)?\s*(?P<value>.+)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Block:
    """One question of a plain export: its title heading and line span."""

    number: int | None
    start: int
    end: int


def question_blocks(doc: Document) -> list[Block]:
    """The ``# Question N`` blocks of a document (outside code blocks)."""
    titles = [
        (heading, match)
        for heading in doc.headings
        if heading.level == 1
        and (match := _TITLE.match(unicodedata.normalize("NFKC", heading.text)))
        and not is_analysis_title(heading.text)  # "# Question 7 解析" goes on question 7
    ]
    blocks = []
    for number, (heading, match) in enumerate(titles):
        end = titles[number + 1][0].index if number + 1 < len(titles) else len(doc.lines)
        blocks.append(Block(int(match["number"]), heading.index, end))
    return blocks


def parse_block(doc: Document, block: Block, fallback_number: int) -> Question:
    """One question from a block; ``bank`` and ``origin`` are set later."""
    number = block.number if block.number is not None else fallback_number
    headings = doc.headings_between(block.start, block.end)
    # an analysis appended under a second "# ..." heading: its sections are explanation only
    analysis = next((h for h in headings if h.level == 1), None)
    question_end = analysis.index if analysis is not None else block.end
    question_part = _top_sections([h for h in headings if h.index < question_end])
    sections = list(question_part)
    if analysis is not None:
        sections += [analysis, *_top_sections([h for h in headings if h.index > analysis.index])]
    ends = {h.index: after.index for h, after in itertools.pairwise(sections)}

    def span(heading: Heading) -> tuple[int, int]:
        return heading.index + 1, ends.get(heading.index, block.end)

    by_kind: dict[str, Heading] = {}
    for heading in question_part:
        by_kind.setdefault(heading_kind(heading.text), heading)

    options_start, options_end = (
        span(by_kind[OPTIONS]) if OPTIONS in by_kind else (block.start + 1, question_end)
    )
    parsed = find_options(doc.lines[options_start:options_end], options_start)
    if parsed is None:
        raise SourceError(options_start, "no options found (expected lines like '- A. …')")
    if STEM in by_kind:
        stem_start, stem_end = span(by_kind[STEM])
    else:
        stem_start, stem_end = block.start + 1, options_start - 1
    if OPTIONS not in by_kind or stem_start <= parsed.first_index < stem_end:
        stem_end = min(stem_end, parsed.first_index)
    stem = doc.text(stem_start, stem_end)
    if not stem:
        raise SourceError(block.start + 1, "the question text is empty")

    answer = parsed.marked_correct or _answer_from_text(doc, by_kind, span, block)
    if not answer:
        raise SourceError(
            parsed.first_index + 1, "no option is marked (Correct) and no answer line was found"
        )
    missing = [letter for letter in answer if letter not in parsed.options]
    if missing:
        raise SourceError(block.start + 1, f"answer {', '.join(missing)} is not one of the options")

    builder = ExplanationBuilder(answer)
    for heading in sections:
        kind = heading_kind(heading.text)
        if kind in (STEM, OPTIONS, ANSWER):  # a question repeated in the analysis too
            continue
        if kind == CONTAINER:  # "## Analysis" with ### parts, or the appended analysis title
            parts = doc.headings_between(heading.index, span(heading)[1])
            add_analysis(builder, doc, [heading, *parts])
            continue
        text = _EMPTY_BULLET.sub(r"\1 ", unbullet_code(doc.text(*span(heading))))
        builder.add(kind, text, heading.text)
        if kind == CORRECT:
            builder.add_links(links(text))
    return Question(
        id=f"Q-{number:03d}",
        bank="",
        stem=unbullet_code(stem),
        options=parsed.options,
        answer=answer,
        explanation=builder.build(),
    )


def _top_sections(headings: list[Heading]) -> list[Heading]:
    """The headings of the highest level among ``headings``."""
    top = min((h.level for h in headings), default=2)
    return [h for h in headings if h.level == top]


def _answer_from_text(
    doc: Document,
    by_kind: dict[str, Heading],
    span: Callable[[Heading], tuple[int, int]],
    block: Block,
) -> tuple[str, ...]:
    """Letters from an ``## Answer`` section or an ``Answer: B`` line."""
    if ANSWER in by_kind:
        start, end = span(by_kind[ANSWER])
        letters = answer_letters(doc.text(start, end))
        if letters:
            return letters
    for index in range(block.start, block.end):
        match = _ANSWER_LINE.match(doc.lines[index])
        if match and not doc.in_code[index]:
            letters = answer_letters(match["value"])
            if letters:
                return letters
    return ()
