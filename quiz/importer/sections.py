"""What a heading means, and the explanation built from analysis sections.

Headings are recognised by their words, not their level or emoji, so
``## 🧠 記憶法``, ``### 記憶法與技巧`` and ``## Mnemonic`` all mean the mnemonic.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from quiz.importer.markdown import Document, Heading, heading_words, links
from quiz.model import Explanation, Reference

STEM = "stem"
OPTIONS = "options"
KEY_POINTS = "key_points"
CORRECT = "correct"
WRONG = "wrong"
MNEMONIC = "mnemonic"
REFERENCES = "references"
STEPS = "steps"
CONTAINER = "container"
META = "meta"
ANSWER = "answer"
OTHER = "other"
ANALYSIS_KINDS = frozenset({KEY_POINTS, CORRECT, WRONG, MNEMONIC, REFERENCES, STEPS})

_EXACT: dict[str, str] = {
    "題幹": STEM,
    "題目": STEM,
    "問題": STEM,
    "題目描述": STEM,
    "問題描述": STEM,
    "question": STEM,
    "stem": STEM,
    "選項": OPTIONS,
    "選項列表": OPTIONS,
    "選項 options": OPTIONS,
    "options": OPTIONS,
    "choices": OPTIONS,
    "answer options": OPTIONS,
    "answer": ANSWER,
    "答案": ANSWER,
    "answers": ANSWER,
    "correct answer": ANSWER,
    "正確答案": META,
    "題目資訊": CONTAINER,
    "題目內容": CONTAINER,
    "標籤系統": CONTAINER,
    "答案與來源": CONTAINER,
    "答案與解析連結": CONTAINER,
    "題目解析": CONTAINER,
    "解析": CONTAINER,
    "相關資源": CONTAINER,
    "analysis": CONTAINER,
    "題目編號": META,
    "來源": META,
    "難度等級": META,
    "難度": META,
    "答案來源": META,
    "解析檔案": META,
    "題目回顧": META,
    "標籤與分類": META,
    "題目編號與連結": META,
    "topic tags 技術主題標籤": META,
    "trap tags 陷阱類型標籤": META,
    "knowledge domain 知識領域": META,
    "topic tags": META,
    "trap tags": META,
    "knowledge domain": META,
    "tags": META,
    "標籤": META,
}

_PREFIXES: list[tuple[str, str]] = [
    ("考點", KEY_POINTS),
    ("key point", KEY_POINTS),
    ("正解說明", CORRECT),
    ("正確答案說明", CORRECT),
    ("答案說明", CORRECT),
    ("答案解析", CORRECT),
    ("詳解", CORRECT),
    ("explanation", CORRECT),
    ("why the answer", CORRECT),
    ("錯誤選項", WRONG),
    ("選項分析", WRONG),
    ("選項解析", WRONG),
    ("其他選項", WRONG),
    ("干擾選項", WRONG),
    ("wrong option", WRONG),
    ("incorrect option", WRONG),
    ("why not", WRONG),
    ("distractor", WRONG),
    ("記憶", MNEMONIC),
    ("口訣", MNEMONIC),
    ("速記", MNEMONIC),
    ("mnemonic", MNEMONIC),
    ("官方文件", REFERENCES),
    ("參考", REFERENCES),
    ("延伸閱讀", REFERENCES),
    ("reference", REFERENCES),
    ("official doc", REFERENCES),
    ("documentation", REFERENCES),
    ("解題步驟", STEPS),
    ("解題思路", STEPS),
    ("解題流程", STEPS),
    ("solution step", STEPS),
    ("step-by-step", STEPS),
    ("step by step", STEPS),
]

_OTHER_OPTIONS = re.compile(
    r"其他選項|錯誤選項|other options|wrong options?|incorrect", re.IGNORECASE
)
_OPTION_HEADING = re.compile(
    r"^(?:關於|對於|about)?\s*(?P<explicit>選項|options?|答案)?\s*[(（]?"
    r"(?P<letters>(?-i:[A-H])(?:\s*(?:&|,|，|、|/|和|與|及|and)\s*(?-i:[A-H]))*)[)）]?"
    r"(?=$|[\s\-–—:：.、,(（])(?P<rest>.*)$",
    re.IGNORECASE,
)


_SYNONYMS: dict[str, frozenset[str]] = {
    STEM: frozenset({"題幹", "題目", "問題", "題目描述", "question", "stem", "description"}),
    OPTIONS: frozenset({"選項", "options", "option", "choices", "answers"}),
}
ORIGINAL = "original"
TRANSLATION = "translation"
_LANGUAGES = {
    **dict.fromkeys(("英文", "原文", "english", "original"), ORIGINAL),
    **dict.fromkeys(("中文", "翻譯", "譯文", "chinese", "translation", "translated"), TRANSLATION),
}


def _named_kind(words: str) -> str:
    """The kind of heading words that name it exactly (or by synonyms), else ""."""
    if words in _EXACT:
        return _EXACT[words]
    for kind, synonyms in _SYNONYMS.items():
        if set(re.split(r"[\s/]+", words)) <= synonyms:
            return kind
    return ""


@functools.lru_cache(maxsize=2**16)
def stem_language(text: str) -> str:
    """ORIGINAL or TRANSLATION for a stem heading that names its language
    (``題幹（英文）``, ``原文題目``, ``Question - Chinese``), else ""."""
    words = heading_words(text).casefold()
    for marker, language in _LANGUAGES.items():
        if words.startswith(marker):
            rest = words.removeprefix(marker)
        elif words.endswith(marker):
            rest = words.removesuffix(marker)
        else:
            continue
        if _named_kind(rest.strip(" -")) == STEM:
            return language
    return ""


def is_analysis_title(text: str) -> bool:
    """True for a heading that opens an analysis (``# 題目解析``, ``## 詳細解析``,
    ``# Question 7 Analysis``), which holds the analysis sections."""
    words = heading_words(text).casefold()
    return ("解析" in words or "analysis" in words) and "連結" not in words


@functools.lru_cache(maxsize=2**16)
def heading_kind(text: str) -> str:
    """What a heading introduces (one of the constants of this module)."""
    words = heading_words(text).casefold()
    named = _named_kind(words)
    if named:
        return named
    if stem_language(text):
        return STEM
    if tag_kind(text):
        return META
    if "❌" in text or _OTHER_OPTIONS.search(words):
        return WRONG
    if _comes_after(words, ("為什麼", "為何"), ("正確", "正解")) or _comes_after(
        words, ("why ",), (" is correct", " are correct")
    ):
        return CORRECT
    for prefix, kind in _PREFIXES:
        if words.startswith(prefix):
            return kind
    return CONTAINER if is_analysis_title(text) else OTHER


@functools.lru_cache(maxsize=2**16)
def tag_kind(text: str) -> str:
    """``"topics"`` or ``"traps"`` for a heading over tags (``### Topic Tags``,
    ``### 陷阱類型標籤``), else ""."""
    words = heading_words(text).casefold()
    if words in ("topics", "traps"):
        return words
    if "tag" not in words and "標籤" not in words:
        return ""
    if "trap" in words or "陷阱" in words:
        return "traps"
    return "topics" if "topic" in words or "主題" in words else ""


def _comes_after(text: str, firsts: tuple[str, ...], seconds: tuple[str, ...]) -> bool:
    """True when one of ``seconds`` occurs after one of ``firsts`` (a linear search)."""
    ends = [text.find(first) + len(first) for first in firsts if first in text]
    return bool(ends) and any(text.find(second, min(ends)) >= 0 for second in seconds)


def option_letters(text: str, *, explicit_only: bool) -> tuple[tuple[str, ...], str] | None:
    """``(letters, summary)`` when a heading names options (``選項 A - …``, ``A & D - …``).

    With ``explicit_only`` the heading must say 選項/Option before the letters.
    """
    clean = unicodedata.normalize("NFKC", text).strip().lstrip("*#").strip()
    match = _OPTION_HEADING.match(clean)
    if not match or (explicit_only and not match["explicit"]):
        return None
    letters = tuple(dict.fromkeys(re.findall(r"[A-H]", match["letters"])))
    summary = re.sub(r"[✅❌✔✗✘]", "", match["rest"]).lstrip(" -–—:：.、,").rstrip()
    return letters, summary


@dataclass
class ExplanationBuilder:
    """Collects analysis sections and makes the ``Explanation`` of one question."""

    answer: tuple[str, ...]
    key_points: list[str] = field(default_factory=list)
    correct: list[str] = field(default_factory=list)
    wrong: dict[str, list[str]] = field(default_factory=dict)
    mnemonic: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    steps: list[tuple[str, str]] = field(default_factory=list)  # (heading, text)

    def add(self, kind: str, text: str, heading: str = "") -> None:
        """Add the text of a section of a known kind (OTHER goes to ``extra``).
        Solution steps go to ``correct`` after its own text, under their heading unless
        they are all there is."""
        if not text.strip():
            return
        if kind == KEY_POINTS:
            self.key_points.append(text)
        elif kind == CORRECT:
            self.correct.append(text)
        elif kind == STEPS:
            self.steps.append((heading, text))
        elif kind == MNEMONIC:
            self.mnemonic.append(text)
        elif kind == REFERENCES:
            self.add_references(text, heading)
        else:
            self.extra.append(f"### {heading}\n\n{text}" if heading else text)

    def add_references(self, text: str, heading: str = "") -> None:
        """Every link of a section becomes a reference; other prose goes to ``extra``."""
        found = links(text)
        self.add_links(found)
        if not found:
            self.extra.append(f"### {heading}\n\n{text}" if heading else text)

    def add_links(self, found: list[tuple[str, str]]) -> None:
        """``(title, url)`` pairs as references, each URL once."""
        known = {ref.url for ref in self.references}
        for title, url in found:
            if url not in known:
                known.add(url)
                self.references.append(Reference(title, url))

    def add_option(self, letters: tuple[str, ...], summary: str, text: str) -> None:
        """Analysis of options: why they are wrong, or more on why one is right."""
        body = f"**{summary}**\n\n{text}" if summary and text else summary or text
        if not body:
            return
        for letter in letters:
            if letter in self.answer:
                self.correct.append(f"**{letter}.** {body}")
            else:
                self.wrong.setdefault(letter, []).append(body)

    def _steps(self) -> list[str]:
        """The solution steps as parts of ``correct``."""
        if not self.correct and len(self.steps) == 1:
            return [self.steps[0][1]]
        return [f"### {heading}\n\n{text}" if heading else text for heading, text in self.steps]

    def build(self) -> Explanation:
        """The explanation, each part joined with blank lines."""

        def join(parts: list[str]) -> str:
            return "\n\n".join(part for part in parts if part)

        return Explanation(
            key_points=join(self.key_points),
            correct=join(self.correct + self._steps()),
            wrong={letter: join(self.wrong[letter]) for letter in sorted(self.wrong)},
            mnemonic=join(self.mnemonic),
            references=tuple(self.references),
            extra=join(self.extra),
        )


def add_analysis(builder: ExplanationBuilder, doc: Document, headings: list[Heading]) -> None:
    """Route analysis sections into the explanation by kind. A container (``# 題目解析``,
    ``## 解題解析（整合）``) is routed part by part, its intro going to ``extra``; the
    question repeated in an analysis (stem, options, answer, tags) is left out."""
    covered_until = -1
    for heading in headings:
        if heading.index < covered_until:
            continue
        kind = heading_kind(heading.text)
        end = doc.section_end(heading)
        if kind == CONTAINER:
            builder.add(OTHER, doc.text(heading.index + 1, doc.next_heading_index(heading.index)))
            continue
        if kind in (META, STEM, OPTIONS, ANSWER):
            continue
        explicit = option_letters(heading.text, explicit_only=True)
        if kind == WRONG:
            add_wrong_section(builder, doc, heading, end)
        elif explicit:
            builder.add_option(*explicit, doc.text(heading.index + 1, end))
        else:
            builder.add(kind, doc.text(heading.index + 1, end), heading.text)
        covered_until = end


def add_wrong_section(
    builder: ExplanationBuilder, doc: Document, heading: Heading, end: int
) -> None:
    """Split a "wrong options" section by its per-option sub-headings or lines."""
    children = [
        (h, found)
        for h in doc.headings_between(heading.index, end)
        if (found := option_letters(h.text, explicit_only=False))
    ]
    if children:
        level = min(h.level for h, _ in children)
        children = [(h, found) for h, found in children if h.level == level]
        builder.add(OTHER, doc.text(heading.index + 1, children[0][0].index), heading.text)
        for number, (child, (letters, summary)) in enumerate(children):
            stop = children[number + 1][0].index if number + 1 < len(children) else end
            builder.add_option(letters, summary, doc.text(child.index + 1, stop))
        return
    body = doc.text(heading.index + 1, end)
    split = split_by_letter_lines(body)
    if split:
        for letter, text in split.items():
            builder.add_option((letter,), "", text)
    else:
        builder.add(OTHER, body, heading.text)


_LETTER_LINE = re.compile(
    r"^\s*+(?:[-*+]\s++)?(?:\*\*|__)?(?:選項|option)?\s*[(（]?(?P<letter>[A-H])[)）]?"
    r"(?:\*\*|__)?\s*[.:：)\-–—、](?:\*\*|__)?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


def split_by_letter_lines(text: str) -> dict[str, str]:
    """``{letter: text}`` when a block is written as ``- **A**: why …`` lines."""
    parts: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.split("\n"):
        match = _LETTER_LINE.match(line)
        if match and match["letter"] not in parts:
            current = parts.setdefault(match["letter"], [match["rest"]])
        elif current is not None:
            current.append(line)
        elif line.strip():
            return {}
    return {letter: "\n".join(lines).strip() for letter, lines in parts.items()}
