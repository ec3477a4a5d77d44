"""Question <-> YAML record: the on-disk format of a bank.

A record is a mapping with keys in a fixed order (see README). Loading uses
safe YAML only (libyaml's C loader when present); ``!!python/object`` and
other non-standard tags are refused.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from quiz.model import Community, Explanation, Origin, Question, Reference

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

RECORD_KEYS = (
    "id",
    "bank",
    "source",
    "level",
    "domain",
    "topics",
    "traps",
    "stem",
    "options",
    "answer",
    "community",
    "explanation",
    "origin",
)
EXPLANATION_KEYS = ("key_points", "correct", "wrong", "mnemonic", "references", "extra")
_LETTER = re.compile(r"^[A-H]$")


class RecordError(ValueError):
    """A record that does not follow the format; ``key`` names the offending field."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Problem:
    """One finding about a file: ``path:line: message``."""

    path: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {label}{self.message}"


# ---------------------------------------------------------------- writing


def question_to_record(question: Question) -> dict[str, Any]:
    """The record of a question, keys in format order, empty optional parts left out."""
    record: dict[str, Any] = {"id": question.id, "bank": question.bank}
    for key in ("source", "level", "domain"):
        if getattr(question, key):
            record[key] = getattr(question, key)
    record["topics"] = list(question.topics)
    record["traps"] = list(question.traps)
    record["stem"] = question.stem
    record["options"] = dict(question.options)
    record["answer"] = list(question.answer)
    if question.community:
        community: dict[str, Any] = {"answer": list(question.community.answer)}
        if question.community.votes:
            community["votes"] = question.community.votes
        record["community"] = community
    explanation = _explanation_to_record(question.explanation)
    if explanation:
        record["explanation"] = explanation
    if question.origin:
        record["origin"] = {"file": question.origin.file, "sha256": question.origin.sha256}
    return record


def _explanation_to_record(explanation: Explanation) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for key in EXPLANATION_KEYS:
        value = getattr(explanation, key)
        if not value:
            continue
        if key == "references":
            value = [{"title": ref.title, "url": ref.url} for ref in value]
        elif key == "wrong":
            value = dict(value)
        record[key] = value
    return record


class _RecordDumper(yaml.SafeDumper):
    """Multi-line text as ``|`` blocks, short lists inline, keys in insertion order.

    Not libyaml's dumper: it escapes characters outside the BMP (emoji), which
    would turn a block of text into an unreadable quoted string.
    """


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_list(dumper: yaml.SafeDumper, items: list[Any]) -> yaml.SequenceNode:
    flow = all(isinstance(item, str) and "\n" not in item for item in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)


_RecordDumper.add_representer(str, _represent_str)
_RecordDumper.add_representer(list, _represent_list)


def dump_record(question: Question) -> str:
    """The YAML text of a question's record."""
    return yaml.dump(
        question_to_record(question),
        Dumper=_RecordDumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )


# ---------------------------------------------------------------- reading


def parse_yaml(text: str) -> Any:
    """Parse YAML text with the safe loader (raises ``yaml.YAMLError``)."""
    return yaml.load(text, Loader=SafeLoader)


def record_to_question(record: Any) -> Question:
    """Build a question from a loaded record, or raise ``RecordError``."""
    if not isinstance(record, Mapping):
        raise RecordError("a record must be a mapping of fields")
    unknown = [key for key in record if key not in RECORD_KEYS]
    if unknown:
        raise RecordError(f"unknown field {unknown[0]!r}", unknown[0])
    options = _options(record.get("options"))
    answer = _letters(record.get("answer"), "answer")
    missing = [letter for letter in answer if letter not in options]
    if missing:
        raise RecordError(f"answer {', '.join(missing)} is not one of the options", "answer")
    if not answer:
        raise RecordError("answer is empty", "answer")
    community = record.get("community")
    return Question(
        id=_text(record, "id", required=True),
        bank=_text(record, "bank", required=True),
        stem=_text(record, "stem", required=True),
        options=options,
        answer=answer,
        source=_text(record, "source"),
        level=_text(record, "level"),
        domain=_text(record, "domain"),
        topics=_tags(record.get("topics"), "topics"),
        traps=_tags(record.get("traps"), "traps"),
        community=_community(community) if community is not None else None,
        explanation=_explanation(record.get("explanation")),
        origin=_origin(record.get("origin")),
    )


def _text(record: Mapping[str, Any], key: str, *, required: bool = False) -> str:
    value = record.get(key)
    if value is None or value == "":
        if required:
            raise RecordError(f"{key} is missing or empty", key)
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise RecordError(f"{key} must be text", key)
    if required and not value.strip():
        raise RecordError(f"{key} is empty", key)
    return value


def _options(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping) or not value:
        raise RecordError("options must be a mapping of letters to text", "options")
    options: dict[str, str] = {}
    for letter, text in value.items():
        if not isinstance(letter, str) or not _LETTER.match(letter):
            raise RecordError(f"option key {letter!r} is not a letter A-H", "options")
        if not isinstance(text, str) or not text.strip():
            raise RecordError(f"option {letter} is empty", "options")
        options[letter] = text
    if len(options) < 2:
        raise RecordError("a question needs at least two options", "options")
    return options


def _letters(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RecordError(f"{key} must be a list of option letters", key)
    return tuple(value)


def _tags(value: Any, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RecordError(f"{key} must be a list of tags", key)
    return tuple(value)


def _community(value: Any) -> Community:
    if not isinstance(value, Mapping):
        raise RecordError("community must be a mapping", "community")
    votes = value.get("votes", "")
    return Community(
        answer=_letters(value.get("answer", []), "community"),
        votes=str(votes) if votes else "",
    )


def _explanation(value: Any) -> Explanation:
    if value is None:
        return Explanation()
    if not isinstance(value, Mapping):
        raise RecordError("explanation must be a mapping", "explanation")
    unknown = [key for key in value if key not in EXPLANATION_KEYS]
    if unknown:
        raise RecordError(f"unknown explanation part {unknown[0]!r}", "explanation")
    wrong = value.get("wrong") or {}
    if not isinstance(wrong, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in wrong.items()
    ):
        raise RecordError("explanation.wrong must map letters to text", "explanation")
    refs = value.get("references") or []
    if not isinstance(refs, list):
        raise RecordError("explanation.references must be a list", "explanation")
    references = []
    for ref in refs:
        if not isinstance(ref, Mapping) or not isinstance(ref.get("url"), str):
            raise RecordError("each reference needs a url", "explanation")
        references.append(Reference(title=str(ref.get("title") or ""), url=ref["url"]))
    parts = {}
    for key in ("key_points", "correct", "mnemonic", "extra"):
        text = value.get(key) or ""
        if not isinstance(text, str):
            raise RecordError(f"explanation.{key} must be text", "explanation")
        parts[key] = text
    return Explanation(wrong=dict(wrong), references=tuple(references), **parts)


def _origin(value: Any) -> Origin | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or not isinstance(value.get("file"), str):
        raise RecordError("origin must name a file", "origin")
    return Origin(file=value["file"], sha256=str(value.get("sha256") or ""))


def key_lines(text: str) -> dict[str, int]:
    """The 1-based line of each top-level key of a YAML mapping (best effort)."""
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: key.start_mark.line + 1 for key, _ in node.value}


def yaml_error_line(error: yaml.YAMLError) -> int:
    """The 1-based line a YAML error points at, or 0."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line + 1 if mark is not None else 0


def yaml_error_message(error: yaml.YAMLError) -> str:
    """A one-line description of a YAML error."""
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    return f"{context}: {problem}" if context else str(problem)
