"""The zh template: ``**ID:**``, ``### 題幹``, ``- **A.** …``, tags, ``**正解:**``,
then analysis sections (考點識別, 正解說明, 錯誤選項排除, 記憶法, 官方文件, …)."""

from __future__ import annotations

import bisect
import re

from quiz.importer.errors import NotAQuestion, SourceError
from quiz.importer.fields import (
    Field,
    answer_letters,
    bullet_tags,
    community_votes,
    joined_letters,
    level_name,
    plain_value,
    read_fields,
    tag_list,
)
from quiz.importer.markdown import Document, Heading
from quiz.importer.options import ParsedOptions, find_options
from quiz.importer.sections import (
    ANALYSIS_KINDS,
    CONTAINER,
    CORRECT,
    META,
    OPTIONS,
    ORIGINAL,
    STEM,
    ExplanationBuilder,
    add_analysis,
    heading_kind,
    is_analysis_title,
    stem_language,
    tag_kind,
)
from quiz.model import Community, Question

_PLACEHOLDER = re.compile(r"^\[.*\]$|X{2,}", re.DOTALL)
_SINGLE_FENCE = re.compile(r"^(`{3,}|~{3,})[ \t]*\n(?P<body>.*)\n\1[ \t]*$", re.DOTALL)


def parse_template(
    doc: Document, fallback_id: str, warnings: list[tuple[int, str]] | None = None
) -> Question:
    """One question from a template document; ``bank`` and ``origin`` are set later.
    What is doubtful but not wrong is added to ``warnings`` as ``(line, message)``."""
    fields = read_fields(doc)
    kinds = [(h, heading_kind(h.text)) for h in doc.headings]
    analysis_start = _analysis_start(doc, kinds)
    options_heading = next(iter(_question_headings(kinds, OPTIONS, analysis_start)), None)
    stems = _stem_headings(doc, _question_headings(kinds, STEM, analysis_start))
    stem_heading = stems[0] if stems else None

    parsed, options_end = _options(doc, options_heading, stems, analysis_start)
    stem, translation = _stems(doc, stems, options_heading, parsed)
    if _PLACEHOLDER.search(_first(fields, "id")) or all(
        _PLACEHOLDER.match(text) for text in parsed.options.values()
    ):
        raise NotAQuestion("a blank template (placeholder ID or options)")
    if not stem:
        line = (stem_heading or options_heading or Heading(parsed.first_index, 0, "")).index
        raise SourceError(line + 1, "the question stem (### 題幹) is empty")

    answer = _answer(doc, fields, parsed, analysis_start, [] if warnings is None else warnings)
    missing = [letter for letter in answer if letter not in parsed.options]
    if missing:
        line = fields["answer"][0].index if "answer" in fields else parsed.first_index
        raise SourceError(line + 1, f"answer {', '.join(missing)} is not one of the options")

    builder = ExplanationBuilder(answer)
    start = max(options_end, analysis_start or 0)
    add_analysis(builder, doc, [h for h in doc.headings if h.index >= start])
    community = None
    if "community" in fields:
        letters, votes = community_votes(fields["community"][0].value)
        if letters:
            community = Community(answer=letters, votes=votes)
    return Question(
        id=plain_value(_first(fields, "id")) or fallback_id,
        bank="",
        stem=stem,
        options=parsed.options,
        answer=answer,
        source=plain_value(_first(fields, "source")),
        level=level_name(_first(fields, "level")),
        domain=plain_value(_first(fields, "domain")),
        topics=_tags(doc, fields, "topics", analysis_start),
        traps=_tags(doc, fields, "traps", analysis_start),
        community=community,
        translation=translation,
        explanation=builder.build(),
    )


def _first(fields: dict[str, list[Field]], key: str) -> str:
    return fields[key][0].value if key in fields else ""


def _analysis_start(doc: Document, kinds: list[tuple[Heading, str]]) -> int | None:
    """The first line of the analysis part (``# 題目解析`` or the first analysis heading)."""
    for heading, kind in kinds:
        if kind == CONTAINER and is_analysis_title(heading.text):
            return heading.index
        if kind in ANALYSIS_KINDS:
            return heading.index
    return None


def _question_headings(
    kinds: list[tuple[Heading, str]], wanted: str, analysis_start: int | None
) -> list[Heading]:
    """The headings of one kind in the question part, or anywhere when it has none
    (the question repeated in an appended analysis is not the question)."""
    found = [heading for heading, kind in kinds if kind == wanted]
    before = [h for h in found if analysis_start is None or h.index < analysis_start]
    return before or found


def _stem_headings(doc: Document, headings: list[Heading]) -> list[Heading]:
    """The first stem heading, or the stem sections in each language
    (``### 題幹（中文）``, ``### 題幹（英文）``) when there are several."""
    if not any(stem_language(h.text) for h in headings):
        return headings[:1]
    stems = {h.index for h in headings}
    leaves = [
        h
        for h in headings
        if not any(o.index in stems for o in doc.headings_between(h.index, doc.section_end(h)))
    ]
    return leaves if len(leaves) >= 2 else headings[:1]


def _options(
    doc: Document,
    options_heading: Heading | None,
    stems: list[Heading],
    analysis_start: int | None,
) -> tuple[ParsedOptions, int]:
    """The options and the line where their section ends."""
    if options_heading is not None:
        start = options_heading.index + 1
        end = doc.next_heading_index(options_heading.index)
    elif stems:
        start, end = stems[0].index + 1, doc.section_end(stems[-1])
    else:
        start, end = 0, analysis_start if analysis_start is not None else len(doc.lines)
    parsed = find_options(doc.lines[start:end], start)
    if parsed is None:
        heading = options_heading or (stems[0] if stems else None)
        line = heading.index + 1 if heading is not None else 1
        raise SourceError(line, "no options found (expected lines like '- **A.** …')")
    return parsed, end


def _stems(
    doc: Document,
    stems: list[Heading],
    options_heading: Heading | None,
    parsed: ParsedOptions,
) -> tuple[str, str]:
    """The stem and its translation. Of stems in two languages, the stem is the one
    in the language of the options (the one marked original/English on a tie)."""
    if len(stems) < 2:
        return _stem(doc, stems[0] if stems else None, options_heading, parsed), ""
    options_share = _cjk_share(" ".join(parsed.options.values()))
    texts = sorted(
        (
            abs(_cjk_share(text) - options_share),
            stem_language(heading.text) != ORIGINAL,
            number,
            text,
        )
        for number, heading in enumerate(stems)
        if (text := _stem(doc, heading, options_heading, parsed))
    )
    if not texts:
        return "", ""
    return texts[0][-1], texts[1][-1] if len(texts) > 1 else ""


def _cjk_share(text: str) -> float:
    """The share of the letters of a text that are CJK ideographs."""
    letters = [ch for ch in text if ch.isalpha()]
    cjk = sum(1 for ch in letters if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")
    return cjk / len(letters) if letters else 0.0


def _tags(
    doc: Document, fields: dict[str, list[Field]], key: str, analysis_start: int | None
) -> tuple[str, ...]:
    """Tags of the ``**Topics:**`` lines of the question part or of a tags section
    (``## 🏷️ 標籤``), and of the bullets under a tag heading (``### Topic Tags``),
    in the order they come, each once. Such a line in analysis prose is no tag."""
    indexes = [heading.index for heading in doc.headings]
    found = [
        (field.index, tag_list(field.value))
        for field in fields.get(key, [])
        if analysis_start is None
        or field.index < analysis_start
        or heading_kind(doc.headings[bisect.bisect(indexes, field.index) - 1].text) == META
    ]
    field_lines = {field.index for values in fields.values() for field in values}
    for heading in doc.headings:
        if tag_kind(heading.text) != key:
            continue
        for index in range(heading.index + 1, doc.next_heading_index(heading.index)):
            if index not in field_lines and not doc.in_code[index]:
                found.append((index, bullet_tags(doc.lines[index])))
    return tuple(dict.fromkeys(tag for _, tags in sorted(found) for tag in tags))


def _stem(
    doc: Document,
    stem_heading: Heading | None,
    options_heading: Heading | None,
    parsed: ParsedOptions,
) -> str:
    if stem_heading is not None:
        end = doc.section_end(stem_heading)
        if options_heading is not None and stem_heading.index < options_heading.index < end:
            end = options_heading.index
        end = min(end, parsed.first_index) if parsed.first_index > stem_heading.index else end
        start = stem_heading.index + 1
    else:
        end = options_heading.index if options_heading is not None else parsed.first_index
        start = max((h.index + 1 for h in doc.headings if h.index < end), default=0)
    stem = doc.text(start, end)
    match = _SINGLE_FENCE.match(stem)
    return match["body"].strip() if match else stem


Warnings = list[tuple[int, str]]  # (1-based line, message)


def _answer(
    doc: Document,
    fields: dict[str, list[Field]],
    parsed: ParsedOptions,
    analysis_start: int | None,
    warnings: Warnings,
) -> tuple[str, ...]:
    """The answer. The 正解 line(s) of the question part decide: one that cannot be
    read is an error, and another sign of the answer (options marked correct,
    來源標註答案, the "why X is correct" heading) that disagrees is a warning.
    Without a 正解 line those signs are used, and they must agree."""
    question_part = analysis_start if analysis_start is not None else len(doc.lines)
    lines = [f for f in fields.get("answer", []) if f.index < question_part]
    letters: list[str] = []
    for line in lines:
        letters.extend(_answer_line_letters(line, parsed))
    if not lines:  # an answer line in the analysis only counts when it can be read
        letters.extend(answer_letters(_first(fields, "answer")))
    signs = _other_answer_signs(doc, fields, parsed)
    if lines:  # the answer repeated in the analysis is one more sign
        signs.extend(
            (field.index + 1, "the answer line of the analysis", found)
            for field in fields.get("answer", [])
            if field.index >= question_part and (found := answer_letters(field.value))
        )
    if letters:
        answer = tuple(dict.fromkeys(letters))
        warnings.extend(
            (
                line,
                f"{where} says {_letters(found)} but the answer line says "
                f"{_letters(answer)}: {_letters(answer)} kept",
            )
            for line, where, found in signs
            if set(found) != set(answer)
        )
        return answer
    if signs:
        _, _, answer = signs[0]
        if any(set(found) != set(answer) for _, _, found in signs):
            told = "; ".join(f"{where} says {_letters(found)}" for _, where, found in signs)
            raise SourceError(signs[0][0], f"no answer line (**正解:**), and {told}")
        return answer
    raise SourceError(parsed.end_index + 1, "no answer found (expected a line like **正解:** `B`)")


def _answer_line_letters(line: Field, parsed: ParsedOptions) -> tuple[str, ...]:
    """The letters of one 正解 line, or a ``SourceError`` at its line. Letters written
    together (``AC``) are read as A and C when they are options in alphabetical order."""
    letters = answer_letters(line.value)
    if letters:
        return letters
    joined = joined_letters(line.value)
    if joined and list(joined) == sorted(set(joined)):
        missing = [letter for letter in joined if letter not in parsed.options]
        if not missing:
            return tuple(joined)
        raise SourceError(
            line.index + 1,
            f"the answer line (**正解:**) {joined} is not option letters "
            f"({', '.join(missing)} is not an option)",
        )
    raise SourceError(line.index + 1, "the answer line (**正解:**) names no option letter")


def _other_answer_signs(
    doc: Document, fields: dict[str, list[Field]], parsed: ParsedOptions
) -> list[tuple[int, str, tuple[str, ...]]]:
    """``(line, where, letters)`` for each sign of the answer besides the 正解 line."""
    signs = []
    if parsed.marked_correct:
        signs.append((parsed.first_index + 1, "the options marked correct", parsed.marked_correct))
    if "source_answer" in fields:
        source = fields["source_answer"][0]
        from_source = answer_letters(plain_value(source.value))
        if from_source:
            signs.append((source.index + 1, "來源標註答案", from_source))
    for heading in doc.headings:
        if heading_kind(heading.text) == CORRECT:
            found = re.findall(r"(?<![A-Za-z])([A-H])(?![A-Za-z])", heading.text)
            if found:
                where = f"the heading {heading.text.strip()!r}"
                signs.append((heading.index + 1, where, tuple(dict.fromkeys(found))))
                break
    return signs


def _letters(letters: tuple[str, ...]) -> str:
    return ", ".join(letters)
