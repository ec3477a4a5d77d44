"""A question bank shaped like real ones, made from the dev corpus at run time, and the
check of an import of it against the corpus's own import (issue 12's accuracy figure).

``make_variant_bank(corpus, out, seed)`` copies the corpus's by-order folders (some zh
template files "grown by hand" with the template variations of issue 12), files copies of
questions in topic folders ``NN-<Domain-Name>-<W>pct`` (with and without the ``_bN``
suffix, some re-formatted) and writes ``manifest.json``: for every file the questions it
holds and its variations, for every question the fields its record should gain.
``evaluate(reference, records, manifest)`` says which unique questions come out right.
No corpus text is kept in the project: the bank is made from ../shared when run.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from quiz.bank import read_record, record_files
from quiz.model import Community, ExamDomain, Question

MANIFEST = "manifest.json"
DOMAINS = [  # (folder name part, weight in percent): the shape of a real exam guide
    ("Databricks-Lakehouse-Platform", 10),
    ("Development-and-Ingestion", 30),
    ("Data-Processing-and-Transformations", 25),
    ("Productionizing-Data-Pipelines", 15),
    ("Data-Governance-and-Quality", 10),
    ("Monitoring-and-Optimization", 10),
]
FILES_PER_GROWTH = 5  # by-order template files carrying each hand-grown variation
COPY_SHARE = 0.6  # questions that also have a copy in a topic folder
TWICE_SHARE = 0.1  # of those, the ones copied twice into their folder (with and without suffix)
REFORMAT_SHARE = 0.6  # copies re-formatted (one or two of REFORMATS)

# Variations of files that grew by hand (zh template files of a by-order folder).
TAG_LISTS = "tag_lists"  # tags as bullet lists under ### Topic Tags / ### Trap Tags
CLOSING_TAGS = "closing_tags"  # tags repeated in a closing ## 🏷️ 標籤 section
EMOJI_ANSWER = "emoji_answer"  # **✅ 正確答案:** C
DISPUTED = "disputed"  # **官方正確答案:** D and **社群投票結果:** E (83%)
STEM_TWICE = "stem_twice"  # ### 題幹（英文） then ### 題幹（中文）
NESTED_ANALYSIS = "nested_analysis"  # ## 解題解析（整合） with ### 記憶口訣, ### 錯誤選項排除, …
APPENDED_ANALYSIS = "appended_analysis"  # a second # heading, ## 原文題目 and the answer again
GROWTHS = [TAG_LISTS, CLOSING_TAGS, EMOJI_ANSWER, DISPUTED, STEM_TWICE, NESTED_ANALYSIS]
GROWTHS.append(APPENDED_ANALYSIS)  # applied last: it moves the analysis the others edit
CONFLICTS = {frozenset({EMOJI_ANSWER, DISPUTED})}  # both rewrite the answer line

# Variations of copies in topic folders.
SUFFIX = "suffix"  # Q-010_b1.md
NO_SUFFIX = "no_suffix"  # Q-010.md: the name of another bank's question too
WHITESPACE = "whitespace"
BOLD_ADDED = "bold_added"
BOLD_REMOVED = "bold_removed"
FULL_WIDTH = "full_width"
TRAILING_SPACES = "trailing_spaces"
CRLF = "crlf"
REFORMATS = [WHITESPACE, BOLD_ADDED, BOLD_REMOVED, FULL_WIDTH, TRAILING_SPACES, CRLF]

FIELDS = [
    "key",
    "stem",
    "translation",
    "options",
    "answer",
    "level",
    "source",
    "domain",
    "exam_domain",
    "topics",
    "traps",
    "community",
    "key_points",
    "correct",
    "wrong",
    "mnemonic",
    "references",
    "extra",
]


# ---------------------------------------------------------------- making the bank


def make_variant_bank(corpus: Path, out: Path, seed: int) -> dict[str, Any]:
    """Write the variant bank of ``corpus`` (its ``by-order_*`` folders) in ``out``
    (emptied first) and return its manifest, also written as ``out/manifest.json``."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    manifest: dict[str, Any] = {"seed": seed, "domains": [], "files": {}, "questions": {}}
    texts = _copy_by_order(corpus, out, rng, manifest)
    for number, (name, weight) in enumerate(DOMAINS, start=1):
        folder = f"{number:02d}-{name}-{weight}pct"
        (out / folder).mkdir()
        manifest["domains"].append(
            {"folder": folder, "name": name.replace("-", " "), "weight": weight}
        )
    for key in sorted(texts):
        if rng.random() < COPY_SHARE:
            _file_copies(out, key, texts[key], rng, manifest)
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    return manifest


def _copy_by_order(
    corpus: Path, out: Path, rng: random.Random, manifest: dict[str, Any]
) -> dict[str, str]:
    """Copy the by-order folders, growing the chosen template files; the text of each
    question's file, by key."""
    texts: dict[str, str] = {}
    folders = by_order_folders(corpus)
    singles = [f for folder in folders for f in sorted(folder.glob("*.md")) if _is_single(f)]
    growths = _choose_growths(singles, rng)
    for folder in folders:
        (out / folder.name).mkdir()
        for source in sorted(folder.glob("*.md")):
            relative = f"{folder.name}/{source.name}"
            if not _is_single(source):  # a sample_N.md: many questions, copied as it is
                shutil.copyfile(source, out / relative)
                keys = [_key(f) for f in singles if f.parent == folder]
                manifest["files"][relative] = {"copy_of": keys, "variations": []}
                continue
            key, grown = _key(source), growths.get(_key(source), [])
            text = source.read_text(encoding="utf-8")
            expected: dict[str, Any] = {}
            for growth in grown:
                text = GROWERS[growth](text, _facts(source), rng, expected)
            (out / relative).write_text(text, encoding="utf-8", newline="\n")
            texts[key] = text
            manifest["files"][relative] = {"copy_of": [key], "variations": grown}
            manifest["questions"][key] = {
                "files": [relative],
                "variations": list(grown),
                "expected": expected,
            }
    return texts


def _file_copies(
    out: Path, key: str, text: str, rng: random.Random, manifest: dict[str, Any]
) -> None:
    """File one question in a topic folder: once, or (now and then) twice, with and
    without the suffix."""
    domain = rng.choice(manifest["domains"])
    question = manifest["questions"][key]
    question["expected"]["exam_domain"] = {"name": domain["name"], "weight": domain["weight"]}
    twice = rng.random() < TWICE_SHARE
    for suffixed in [True, False] if twice else [rng.random() < 0.5]:
        relative, variations = _write_copy(out, domain["folder"], key, text, suffixed, rng)
        manifest["files"][relative] = {"copy_of": [key], "variations": variations}
        question["files"].append(relative)
        question["variations"] += [v for v in variations if v not in question["variations"]]


def by_order_folders(corpus: Path) -> list[Path]:
    """The corpus's bank folders (``by-order_bN``), in name order."""
    return sorted(p for p in corpus.iterdir() if p.is_dir() and p.name.startswith("by-order_"))


def _is_single(path: Path) -> bool:
    return not path.name.startswith("sample_")


def _key(path: Path) -> str:
    """A by-order file's question key: its folder (the bank) and file name (the ID)."""
    return f"{path.parent.name}/{path.stem}"


def _is_template(text: str) -> bool:
    return "**ID:**" in text


def _choose_growths(singles: list[Path], rng: random.Random) -> dict[str, list[str]]:
    """Which template files grow which variations: FILES_PER_GROWTH each, at most two per
    file, never two that conflict, only where the variation applies."""
    chosen: dict[str, list[str]] = {}
    templates = [f for f in singles if _is_template(f.read_text(encoding="utf-8"))]
    for growth in GROWTHS:
        candidates = [f for f in templates if _applies(growth, f)]
        rng.shuffle(candidates)
        taken = 0
        for path in candidates:
            have = chosen.setdefault(_key(path), [])
            if len(have) >= 2 or any(frozenset({growth, g}) in CONFLICTS for g in have):
                continue
            have.append(growth)
            taken += 1
            if taken == FILES_PER_GROWTH:
                break
    return {key: [g for g in GROWTHS if g in have] for key, have in chosen.items() if have}


def _applies(growth: str, path: Path) -> bool:
    try:
        GROWERS[growth](path.read_text(encoding="utf-8"), _facts(path), random.Random(0), {})
    except _NotApplicable:
        return False
    return True


def _write_copy(
    out: Path, folder: str, key: str, text: str, suffixed: bool, rng: random.Random
) -> tuple[str, list[str]]:
    """Write one topic-folder copy of a question; its path and variations."""
    bank, question_id = key.split("/")
    suffix = bank.rsplit("_", 1)[-1]
    name = f"{question_id}.md"
    if suffixed or (out / folder / name).exists():  # two banks' Q-010 cannot share a name
        name = f"{question_id}_{suffix}.md"
    variations = [SUFFIX if name != f"{question_id}.md" else NO_SUFFIX]
    usable = [r for r in REFORMATS if r != BOLD_REMOVED or _is_template(text)]
    if rng.random() < REFORMAT_SHARE:
        variations += sorted(rng.sample(usable, rng.choice([1, 2])), key=REFORMATS.index)
    newline = "\n"
    for reformat in list(variations[1:]):
        if reformat == CRLF:
            newline = "\r\n"
            continue
        changed = REFORMATTERS[reformat](text, rng)
        if changed == text:  # nothing to change in this file: not a variation of it
            variations.remove(reformat)
        text = changed
    (out / folder / name).write_text(text, encoding="utf-8", newline=newline)
    return f"{folder}/{name}", variations


# ---------------------------------------------------------------- hand-grown template files


class _NotApplicable(Exception):
    """The variation does not apply to this file."""


@dataclass(frozen=True)
class _Facts:
    """What the original template file says, read once."""

    id: str
    stem: str
    options: list[str]  # the option lines
    letters: list[str]
    answer: str  # the 正解 value as written
    topics: str
    traps: str


def _facts(path: Path) -> _Facts:
    text = path.read_text(encoding="utf-8")
    stem = re.search(r"^### 題幹\n(.*?)\n### 選項\n", text, re.M | re.S)
    options = re.findall(r"^- \*\*[A-H]\.\*\*.*$", text, re.M)
    answer = re.search(r"^\*\*正解:\*\*(.*)$", text, re.M)
    topics = re.search(r"^\*\*Topics:\*\*(.*)$", text, re.M)
    traps = re.search(r"^\*\*Traps:\*\*(.*)$", text, re.M)
    question_id = re.search(r"^\*\*ID:\*\*\s*`?([^`\s]+)", text, re.M)
    if not (stem and options and answer and topics and traps and question_id):
        raise _NotApplicable
    return _Facts(
        id=question_id[1],
        stem=stem[1].strip(),
        options=options,
        letters=[line[4] for line in options],
        answer=answer[1].strip(),
        topics=topics[1].strip(),
        traps=traps[1].strip(),
    )


def _sub_once(pattern: str, replacement: str | Callable[[re.Match[str]], str], text: str) -> str:
    """``re.sub`` of exactly one match (multi-line), or ``_NotApplicable``."""
    new, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
    if count != 1:
        raise _NotApplicable
    return new


def _tags(value: str) -> list[str]:
    return [t for t in re.findall(r"`([^`]+)`", value)]


def _grow_tag_lists(text: str, facts: _Facts, rng: random.Random, expected: dict[str, Any]) -> str:
    topics, traps = _tags(facts.topics), _tags(facts.traps)
    if not topics or not traps:
        raise _NotApplicable
    for label, key, tags in (("Topic", "Topics", topics), ("Trap", "Traps", traps)):
        bullets = "\n".join(f"- `{tag}`" if rng.random() < 0.5 else f"- {tag}" for tag in tags)
        text = _sub_once(
            rf"^### {label} Tags \(.*\)\n\*\*{key}:\*\*.*$", f"### {label} Tags\n{bullets}", text
        )
    return text


def _grow_closing_tags(
    text: str, facts: _Facts, rng: random.Random, expected: dict[str, Any]
) -> str:
    if not _tags(facts.topics):
        raise _NotApplicable
    closing = f"## 🏷️ 標籤\n\n- **Topics:** {facts.topics}\n- **Traps:** {facts.traps}\n"
    return text.rstrip("\n") + "\n\n---\n\n" + closing


def _grow_emoji_answer(
    text: str, facts: _Facts, rng: random.Random, expected: dict[str, Any]
) -> str:
    letters = facts.answer.replace("`", "")
    return _sub_once(r"^\*\*正解:\*\*.*$", f"**✅ 正確答案:** {letters}", text)


def _grow_disputed(text: str, facts: _Facts, rng: random.Random, expected: dict[str, Any]) -> str:
    answer = set(re.findall(r"[A-H]", facts.answer))
    voted = rng.choice([letter for letter in facts.letters if letter not in answer])
    votes = f"{voted} ({rng.randrange(55, 95)}%)"
    text = _sub_once(r"^\*\*正解:\*\*", "**官方正確答案:**", text)
    text = _sub_once(r"^- \*\*社群共識:\*\*.*$", f"- **社群投票結果:** {votes}", text)
    expected["community"] = {"answer": [voted], "votes": votes}
    return text


_FULL_WIDTH_QUESTION = str.maketrans({"?": "？", ":": "：", ",": "，"})


def _translation(stem: str) -> str:
    """A made-up Chinese stem: the words of each prose line replaced by a fixed phrase
    (code blocks kept, as a translator keeps code)."""
    lines = []
    for line, in_code in zip(stem.split("\n"), _fenced(stem.split("\n")), strict=True):
        if not in_code:
            line = re.sub(r"[A-Za-z][A-Za-z0-9_'’ ,.*\-]*", "資料工程情境", line)
            line = line.translate(_FULL_WIDTH_QUESTION)
        lines.append(line)
    return "\n".join(lines)


def _grow_stem_twice(text: str, facts: _Facts, rng: random.Random, expected: dict[str, Any]) -> str:
    translation = _translation(re.sub(r"<!--.*?-->", "", facts.stem, flags=re.DOTALL))
    text = _sub_once(r"^### 題幹$", "### 題幹（英文）", text)
    text = _sub_once(r"^### 選項$", f"### 題幹（中文）\n{translation}\n\n### 選項", text)
    expected["translation"] = translation
    return text


_NESTED = [  # (the section's heading starts with, its heading inside ## 解題解析（整合）)
    ("## 📍 考點識別", "### 考點識別"),
    ("## ✅ 正解說明", "### 解題步驟"),  # how the answer is reached: the "correct" part
    ("## ❌ 錯誤選項排除", "### 錯誤選項排除"),
    ("## 🧠 記憶法", "### 記憶口訣"),
]


def _grow_nested_analysis(
    text: str, facts: _Facts, rng: random.Random, expected: dict[str, Any]
) -> str:
    blocks = _blocks(text)
    heads = [head for head, _ in blocks]
    places = [
        next((i for i, h in enumerate(heads) if h == start + "\n"), -1) for start, _ in _NESTED
    ]
    if -1 in places or places != list(range(places[0], places[0] + len(places))):
        raise _NotApplicable
    nested = ["## 解題解析（整合）\n"]
    for (_, inner), place in zip(_NESTED, places, strict=True):
        body = _demoted(blocks[place][1]).rstrip()
        body = re.sub(r"\n-{3,}$", "", body).rstrip()
        nested.append(f"{inner}\n{body}\n")
    merged = ("\n".join(nested) + "\n---\n\n", "")
    blocks[places[0] : places[-1] + 1] = [merged]
    return "".join(head + body for head, body in blocks)


def _grow_appended_analysis(
    text: str, facts: _Facts, rng: random.Random, expected: dict[str, Any]
) -> str:
    lines = text.split("\n")
    fenced = _fenced(lines)
    at = next((i for i, line in enumerate(lines) if line == "# 題目解析" and not fenced[i]), None)
    if at is None:
        raise _NotApplicable
    options = "\n".join(facts.options)
    repeat = (
        f"# 📘 {facts.id} 解析\n\n## 原文題目\n\n{facts.stem}\n\n{options}\n\n"
        f"## 答案\n\n**正確答案:** {facts.answer.replace('`', '')}"
    )
    return "\n".join([*lines[:at], repeat, *lines[at + 1 :]])


GROWERS: dict[str, Callable[[str, _Facts, random.Random, dict[str, Any]], str]] = {
    TAG_LISTS: _grow_tag_lists,
    CLOSING_TAGS: _grow_closing_tags,
    EMOJI_ANSWER: _grow_emoji_answer,
    DISPUTED: _grow_disputed,
    STEM_TWICE: _grow_stem_twice,
    NESTED_ANALYSIS: _grow_nested_analysis,
    APPENDED_ANALYSIS: _grow_appended_analysis,
}


def _fenced(lines: list[str]) -> list[bool]:
    """For each line, whether it is inside (or opens/closes) a fenced code block."""
    marks, fence = [], ""
    for line in lines:
        stripped = line.strip()
        if fence:
            marks.append(True)
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = ""
            continue
        match = re.match(r"(`{3,}|~{3,})", stripped)
        if match:
            fence = match[1]
        marks.append(bool(match))
    return marks


def _blocks(text: str) -> list[tuple[str, str]]:
    """The text as ``(heading line + newline, body)`` at each # and ## heading outside code
    (the first heading is "" for what comes before)."""
    lines = text.split("\n")
    blocks: list[tuple[str, list[str]]] = [("", [])]
    for line, in_code in zip(lines, _fenced(lines), strict=True):
        if not in_code and re.match(r"#{1,2} ", line):
            blocks.append((line + "\n", []))
        else:
            blocks[-1][1].append(line)
    joined = [(head, "\n".join(body) + "\n") for head, body in blocks]
    head, body = joined[-1]
    joined[-1] = (head, body[:-1])  # the text's own end, not one newline more
    return joined


def _demoted(body: str) -> str:
    """Every heading outside code one level deeper."""
    lines = body.split("\n")
    return "\n".join(
        "#" + line if not in_code and re.match(r"#{1,5} ", line) else line
        for line, in_code in zip(lines, _fenced(lines), strict=True)
    )


# ---------------------------------------------------------------- re-formatted copies


def _prose_segments(line: str, change: Callable[[str], str]) -> str:
    """``change`` applied to the parts of a line outside inline code."""
    parts = line.split("`")
    return "`".join(change(part) if i % 2 == 0 else part for i, part in enumerate(parts))


def _map_prose(text: str, change: Callable[[str], str], keep: Callable[[str], bool]) -> str:
    """``change`` applied to every line outside code for which ``keep`` is false."""
    lines = text.split("\n")
    return "\n".join(
        line if in_code or keep(line) else change(line)
        for line, in_code in zip(lines, _fenced(lines), strict=True)
    )


def _reformat_whitespace(text: str, rng: random.Random) -> str:
    """A blank line after each heading, runs of blank lines made one, two spaces after
    a sentence's full stop in paragraphs."""
    text = _map_prose(
        text,
        lambda line: line.replace(". ", ".  "),
        lambda line: line.lstrip().startswith(("-", "*", "|", "#", ">")) or line[:1].isdigit(),
    )
    text = _map_prose(text, lambda line: line + "\n", lambda line: not line.startswith("#"))
    return re.sub(r"\n{3,}", "\n\n", text)


def _stem_range(lines: list[str]) -> range:
    """The lines of the stem (after ### 題幹 or ## Question, up to the next heading)."""
    start = next(
        (i + 1 for i, line in enumerate(lines) if line.strip() in ("### 題幹", "## Question")), 0
    )
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("#")), len(lines))
    return range(start, end)


def _reformat_bold_added(text: str, rng: random.Random) -> str:
    """Two words of the stem's prose put in **bold**."""
    lines = text.split("\n")
    fenced = _fenced(lines)
    words = [
        (i, match.start(), match.end())
        for i in _stem_range(lines)
        if not fenced[i] and "`" not in lines[i] and "**" not in lines[i]
        for match in re.finditer(r"\b[A-Za-z]{5,}\b", lines[i])
    ]
    for i, start, end in sorted(rng.sample(words, min(2, len(words))), reverse=True):
        lines[i] = f"{lines[i][:start]}**{lines[i][start:end]}**{lines[i][end:]}"
    return "\n".join(lines)


def _reformat_bold_removed(text: str, rng: random.Random) -> str:
    """The **bold** of the analysis' prose taken away (from its second # heading on: the
    fields above keep theirs)."""
    lines = text.split("\n")
    fenced = _fenced(lines)
    tops = [i for i, line in enumerate(lines) if line.startswith("# ") and not fenced[i]]
    if len(tops) < 2:
        return text
    analysis = _map_prose(
        "\n".join(lines[tops[1] :]),
        lambda line: _prose_segments(line, lambda part: re.sub(r"\*\*(.+?)\*\*", r"\1", part)),
        lambda line: line.startswith("**["),
    )
    return "\n".join([*lines[: tops[1]], analysis])


_FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ":": "："})


def _reformat_full_width(text: str, rng: random.Random) -> str:
    """（）： for ():, outside code, links and the (Correct) mark."""
    return _map_prose(
        text,
        lambda line: _prose_segments(line, lambda part: part.translate(_FULL_WIDTH)),
        lambda line: any(sign in line for sign in ("http", "](", "(Correct)", "|")),
    )


def _reformat_trailing_spaces(text: str, rng: random.Random) -> str:
    """One to three spaces after about a third of the lines outside code."""
    return _map_prose(
        text, lambda line: line + " " * rng.randint(1, 3), lambda line: rng.random() > 1 / 3
    )


REFORMATTERS: dict[str, Callable[[str, random.Random], str]] = {
    WHITESPACE: _reformat_whitespace,
    BOLD_ADDED: _reformat_bold_added,
    BOLD_REMOVED: _reformat_bold_removed,
    FULL_WIDTH: _reformat_full_width,
    TRAILING_SPACES: _reformat_trailing_spaces,
}


# ---------------------------------------------------------------- checking an import


@dataclass(frozen=True)
class Mismatch:
    """One field of one question that did not come out as expected."""

    key: str
    field: str
    expected: str
    got: str
    variations: tuple[str, ...]


@dataclass
class Evaluation:
    """How an import of the variant bank compares with the reference."""

    expected: int = 0  # unique questions
    records: int = 0
    right: int = 0
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # question -> record keys
    missing: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # records of no known question
    mismatches: list[Mismatch] = field(default_factory=list)
    variations: dict[str, list[str]] = field(default_factory=dict)  # question -> variations
    wrong: set[str] = field(default_factory=set)  # questions not right

    @property
    def duplicate_records(self) -> int:
        """Records beyond the first of a question."""
        return sum(len(keys) - 1 for keys in self.duplicates.values())

    def per_field(self) -> Counter[str]:
        """Questions with a mismatch, per field."""
        return Counter(field for _, field in {(m.key, m.field) for m in self.mismatches})

    def per_variation(self) -> dict[str, tuple[int, int, Counter[str]]]:
        """``variation: (questions carrying it, of which not right, their wrong fields)``."""
        fields: dict[str, set[str]] = {}
        for mismatch in self.mismatches:
            fields.setdefault(mismatch.key, set()).add(mismatch.field)
        table: dict[str, tuple[int, int, Counter[str]]] = {}
        for key, variations in self.variations.items():
            for variation in [*variations, "(any)"]:
                count, wrong, wrong_fields = table.get(variation, (0, 0, Counter()))
                wrong_fields.update(fields.get(key, ()))
                table[variation] = (count + 1, wrong + (key in self.wrong), wrong_fields)
        return table


def read_records(out: Path) -> list[Question]:
    """Every record written below ``out`` (unreadable ones are left out)."""
    return [q for q in (read_record(path)[0] for path in record_files(out)) if q is not None]


def expected_question(reference: Question, expected: dict[str, Any]) -> Question:
    """The reference record with the differences the variant bank gives it."""
    changes: dict[str, Any] = {}
    if "community" in expected:
        vote = expected["community"]
        changes["community"] = Community(tuple(vote["answer"]), vote["votes"])
    if "translation" in expected:
        changes["translation"] = expected["translation"]
    if "exam_domain" in expected:
        domain = expected["exam_domain"]
        changes["exam_domain"] = ExamDomain(domain["name"], domain["weight"])
    return replace(reference, **changes)


def evaluate(
    reference: Iterable[Question], records: Iterable[Question], manifest: dict[str, Any]
) -> Evaluation:
    """Match every record to the question it holds (by its options, else by the file it
    came from) and compare each question's one record with what is expected."""
    wanted = {q.key: q for q in reference if q.key in manifest["questions"]}
    by_options = {_options_print(q): key for key, q in wanted.items()}
    result = Evaluation(expected=len(wanted))
    found: dict[str, list[Question]] = {}
    for record in records:
        result.records += 1
        key = by_options.get(_options_print(record)) or _key_by_origin(record, manifest)
        if key is None:
            result.unmatched.append(record.key)
        else:
            found.setdefault(key, []).append(record)
    for key, question in sorted(wanted.items()):
        info = manifest["questions"][key]
        variations = tuple(info["variations"])
        result.variations[key] = list(variations)
        got = found.get(key, [])
        known = len(result.mismatches)
        if not got:
            result.missing.append(key)
            result.mismatches.append(Mismatch(key, "missing", key, "no record", variations))
        elif len(got) > 1:
            result.duplicates[key] = sorted(record.key for record in got)
            keys = ", ".join(result.duplicates[key])
            result.mismatches.append(Mismatch(key, "duplicate", key, keys, variations))
        if got:
            want = expected_question(question, info["expected"])
            best = next((r for r in got if r.key == key), got[0])
            for name in FIELDS:
                a, b = field_value(want, name), field_value(best, name)
                if a != b:
                    result.mismatches.append(Mismatch(key, name, str(a), str(b), variations))
        if any(m.key == key for m in result.mismatches[known:]):
            result.wrong.add(key)
    result.right = result.expected - len(result.wrong)
    return result


def _options_print(question: Question) -> str:
    """The options reduced to letters and digits, for knowing a question in any format."""
    joined = "".join(question.options[letter] for letter in sorted(question.options))
    return "".join(ch for ch in unicodedata.normalize("NFKC", joined).casefold() if ch.isalnum())


def _key_by_origin(record: Question, manifest: dict[str, Any]) -> str | None:
    if record.origin is None:
        return None
    path = record.origin.file
    for candidate in (path, path.partition("/")[2]):  # with or without the bank folder's name
        copy_of = manifest["files"].get(candidate, {}).get("copy_of", [])
        if len(copy_of) == 1:
            return str(copy_of[0])
    return None


def normal_text(text: str) -> str:
    """Text as the same question's copies share it: NFKC, no emphasis marks, heading
    marks, rules or hard line breaks (trailing spaces), whitespace runs as one space."""
    text = unicodedata.normalize("NFKC", text).replace("**", "").replace("__", "")
    text = re.sub(r"(?m)\\$", "", text)
    text = re.sub(r"(?m)^\s*#+\s+", "", text)
    text = re.sub(r"(?m)^\s*-{3,}\s*$", "", text)
    return " ".join(text.split())


def field_value(question: Question, name: str) -> object:
    """A field of a question in the form two right records agree on."""
    explanation = question.explanation
    if name == "key":
        return question.key
    if name == "options":
        return tuple((k, normal_text(v)) for k, v in sorted(question.options.items()))
    if name == "answer":
        return tuple(sorted(question.answer))
    if name in ("topics", "traps"):
        return tuple(unicodedata.normalize("NFKC", t).strip() for t in getattr(question, name))
    if name == "community":
        vote = question.community
        return (tuple(sorted(vote.answer)), normal_text(vote.votes)) if vote else None
    if name == "exam_domain":
        domain = question.exam_domain
        return (_domain_name(domain.name), domain.weight) if domain else None
    if name == "wrong":
        return tuple((k, normal_text(v)) for k, v in sorted(explanation.wrong.items()))
    if name == "references":
        return tuple((normal_text(r.title), r.url) for r in explanation.references)
    if name in ("key_points", "correct", "mnemonic", "extra"):
        return normal_text(getattr(explanation, name))
    return normal_text(getattr(question, name))


def _domain_name(name: str) -> str:
    """A domain name whatever its word separators and case (``Data-Governance``)."""
    return " ".join(re.split(r"[\s_\-]+", name.casefold())).strip()
