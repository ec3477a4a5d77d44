"""Values written inline in question files: ``**Key:** value`` fields, answer
letters, tag lists and difficulty levels."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from quiz.importer.markdown import Document, heading_words

_FIELD = re.compile(
    r"^\s*+(?:[-*+]\s++)?(?P<bold>\*\*|__)?(?P<key>[^\s*_:：](?:[^*_:：\n]{0,38}?[^\s*_:：])?)\s*"
    r"(?:[:：]\s*(?:\*\*|__)|(?:\*\*|__)\s*[:：]|(?(bold)(?!)|[:：]))"
    r"(?P<value>.*)$"
)

FIELD_KEYS: dict[str, str] = {
    "id": "id",
    "題目編號": "id",
    "question id": "id",
    "來源": "source",
    "source": "source",
    "難度": "level",
    "難度等級": "level",
    "level": "level",
    "difficulty": "level",
    "topics": "topics",
    "topic tags": "topics",
    "topic": "topics",
    "主題": "topics",
    "traps": "traps",
    "trap tags": "traps",
    "trap": "traps",
    "陷阱": "traps",
    "domain": "domain",
    "知識領域": "domain",
    "正解": "answer",
    "正確答案": "answer",
    "答案": "answer",
    "answer": "answer",
    "correct answer": "answer",
    "官方答案": "answer",
    "官方正確答案": "answer",
    "官方正解": "answer",
    "official answer": "answer",
    "official correct answer": "answer",
    "來源標註答案": "source_answer",
    "社群共識": "community",
    "社群投票答案": "community",
    "社群答案": "community",
    "community": "community",
    "community answer": "community",
    "社群投票": "community",
    "社群投票結果": "community",
    "community vote": "community",
    "community votes": "community",
    "community voting": "community",
}

_EMPTY_VALUES = {"", "無", "(無)", "（無）", "none", "n/a", "na", "-", "—", "null"}
_LETTER_RUN = re.compile(
    r"^[\s`*_\"'「(（\[]*(?:選項|option|options|answer|答案)?\s*(?P<letter>[A-H])(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_LETTER_NEXT = re.compile(
    r"[\s`*_\"'」)）\]]*(?:[,，、/&+;；]|\band\b|和|與|及)?[\s`*_\"'「(（\[]*(?P<letter>[A-H])(?![A-Za-z0-9])"
)
_JOINED_RUN = re.compile(r"^[\s`*_\"'「(（\[]*(?P<run>[A-H]{2,8})(?![A-Za-z0-9])")
_LEVELS = {
    "1": "L1-Basic",
    "basic": "L1-Basic",
    "基礎": "L1-Basic",
    "easy": "L1-Basic",
    "2": "L2-Intermediate",
    "intermediate": "L2-Intermediate",
    "中階": "L2-Intermediate",
    "medium": "L2-Intermediate",
    "3": "L3-Advanced",
    "advanced": "L3-Advanced",
    "進階": "L3-Advanced",
    "hard": "L3-Advanced",
    "簡單": "L1-Basic",
    "初級": "L1-Basic",
    "中等": "L2-Intermediate",
    "中級": "L2-Intermediate",
    "困難": "L3-Advanced",
    "高級": "L3-Advanced",
}


@dataclass(frozen=True)
class Field:
    """A ``**Key:** value`` line: the raw value and its 0-based line index."""

    value: str
    index: int


def read_fields(doc: Document) -> dict[str, list[Field]]:
    """Every known field outside code, in the order the lines come. Keys are
    read by their words: ``**✅ 正確答案:**`` is the answer."""
    fields: dict[str, list[Field]] = {}
    for index in range(len(doc.lines)):
        if doc.in_code[index]:
            continue
        match = _FIELD.match(doc.lines[index])
        if not match:
            continue
        key = FIELD_KEYS.get(heading_words(match["key"]).casefold())
        value = match["value"].strip()  # stripped here: a lazy regex group is quadratic
        if key and (match["bold"] or value):
            fields.setdefault(key, []).append(Field(value, index))
    return fields


def plain_value(value: str) -> str:
    """A field value without backticks and emphasis marks."""
    value = re.sub(r"[`*]", "", value).strip()
    return "" if value.casefold() in _EMPTY_VALUES else value


def answer_letters(value: str) -> tuple[str, ...]:
    """The option letters at the start of an answer value, e.g. ```B`, `C` (Choose 2)``.

    Words after the letters are ignored; a value that does not start with a
    letter gives no letters.
    """
    value = unicodedata.normalize("NFKC", value)
    match = _LETTER_RUN.match(value)
    if not match:
        return ()
    if match["letter"].islower():
        return ()
    letters = [match["letter"]]
    while match := _LETTER_NEXT.match(value, match.end()):
        letters.append(match["letter"])
    return tuple(dict.fromkeys(letters))


def joined_letters(value: str) -> str:
    """Capital letters A-H written together at the start of a value (``AC``), or ""."""
    match = _JOINED_RUN.match(unicodedata.normalize("NFKC", value))
    return match["run"] if match else ""


def tag_list(value: str) -> tuple[str, ...]:
    """Tags from ```A`, `B``` or ``A, B`` (``(無)`` and friends mean none)."""
    quoted = re.findall(r"`([^`]+)`", value)
    items = quoted or re.split(r"[,，、;；]", value)
    tags = [re.sub(r"[*\[\]]", "", item).strip() for item in items]
    return tuple(t for t in dict.fromkeys(tags) if t.casefold() not in _EMPTY_VALUES)


_BULLET = re.compile(r"^\s*[-*+]\s+(?P<item>.+)$")
_BOLD_FIRST = re.compile(r"^(\*\*|__)(?P<tag>.+?)\1")


def bullet_tags(line: str) -> tuple[str, ...]:
    """Tags of a bullet item under a tag heading: ``- Delta-Lake``, ``- `Delta-Lake```,
    ``- **Delta-Lake**: a note``; a line that is no bullet gives none."""
    match = _BULLET.match(line)
    if not match:
        return ()
    item = match["item"].strip()
    bold = _BOLD_FIRST.match(item)
    if bold:
        return tag_list(bold["tag"])
    return tag_list(re.split(r"[:：]|\s[(（]|\s[-–—]\s", item, maxsplit=1)[0])


def level_name(value: str) -> str:
    """A difficulty as a level tag (``L2`` -> ``L2-Intermediate``), else as written."""
    value = plain_value(value)
    if not value:
        return ""
    match = re.match(r"^L?\s*([123])(?:\b|[-\s])", value, re.IGNORECASE)
    if match:
        return _LEVELS[match[1]]
    return _LEVELS.get(value.casefold(), value)


def community_votes(value: str) -> tuple[tuple[str, ...], str]:
    """Community answer letters, and the vote text when it carries percentages."""
    clean = plain_value(value)
    return answer_letters(clean), clean if "%" in clean else ""
