"""Question <-> YAML record: the on-disk format of a bank.

A record is a mapping with keys in a fixed order (see README). Loading uses
safe YAML only (libyaml's C loader when present); ``!!python/object`` and
other non-standard tags are refused, and so are anchors and aliases (a few
bytes of nested aliases can expand to gigabytes) and keys given twice. A record
holds only text: plain values are read as written (``id: 0x1F`` stays
``"0x1F"``), only an empty value or ``null`` means "nothing". Control characters
in a loaded record are turned into visible symbols.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from quiz.emitter import emit
from quiz.model import Community, ExamDomain, Explanation, Origin, Question, Reference
from quiz.text import has_controls, visible_controls

# libyaml's parser when PyYAML was built with it (the type is the same).
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

RECORD_KEYS = (
    "id",
    "bank",
    "source",
    "level",
    "domain",
    "exam_domain",
    "topics",
    "traps",
    "stem",
    "translation",
    "options",
    "answer",
    "community",
    "explanation",
    "origin",
)
EXPLANATION_KEYS = ("key_points", "correct", "wrong", "mnemonic", "references", "extra")
_LETTER = re.compile(r"^[A-H]$")
_LINE_COLUMN = re.compile(r"[1-9][0-9]{0,8}:[1-9][0-9]{0,8}")  # origin.doubt: where in the file


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
    if question.exam_domain:
        record["exam_domain"] = {"name": question.exam_domain.name}
        if question.exam_domain.weight is not None:
            record["exam_domain"]["weight"] = str(question.exam_domain.weight)
    record["topics"] = list(question.topics)
    record["traps"] = list(question.traps)
    record["stem"] = question.stem
    if question.translation:
        record["translation"] = question.translation
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
        if question.origin.also:
            record["origin"]["also"] = list(question.origin.also)
        if question.origin.doubt:
            places = [f"{line}:{column}" for line, column in question.origin.doubt]
            record["origin"]["doubt"] = places
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


def dump_record(question: Question) -> str:
    """The YAML text of a question's record (see ``quiz.emitter``)."""
    return emit(question_to_record(question))


# ---------------------------------------------------------------- reading


class RecordLoader(SafeLoader):  # type: ignore[misc,valid-type]
    """The safe loader, stricter: text only, no aliases, no merge keys, no key twice."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Refuse a node met a second time: that is an alias."""
        if node in self.constructed_objects or node in self.recursive_objects:
            raise ConstructorError(None, None, _NO_ALIASES, node.start_mark)
        return super().construct_object(node, deep)

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        """Refuse ``<<`` merge keys (they copy other nodes, like aliases)."""
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise ConstructorError(None, None, _NO_ALIASES, key_node.start_mark)
        super().flatten_mapping(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """A mapping, refusing a key given twice (YAML would keep the last silently)."""
        mapping: dict[Any, Any] = super().construct_mapping(node, deep)
        if len(mapping) < len(node.value):
            seen = set()
            for key_node, _ in node.value:
                key = self.constructed_objects[key_node]
                if key in seen:
                    message = f"key {key!r} is given twice"
                    raise ConstructorError(None, None, message, key_node.start_mark)
                seen.add(key)
        return mapping


_NO_ALIASES = "anchors, aliases and merge keys (&, *, <<) are not allowed in a record"
_KEPT_TAGS = {"tag:yaml.org,2002:null", "tag:yaml.org,2002:merge"}  # no int, float, bool, date
RecordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag in _KEPT_TAGS]
    for first, resolvers in SafeLoader.yaml_implicit_resolvers.items()
}


def parse_yaml(text: str) -> Any:
    """Parse a record's YAML text with ``RecordLoader`` (raises ``yaml.YAMLError``)."""
    return yaml.load(text, Loader=RecordLoader)


def record_to_question(record: Any) -> Question:
    """Build a question from a loaded record, or raise ``RecordError``.

    Control characters in any text become visible symbols (one search over all
    the text first: this runs on every record at start-up).
    """
    question = _question(record)
    if has_controls(_all_text(question)):
        question = _question(_visible(record))
    return question


def _all_text(question: Question) -> str:
    """Every text of a question, joined (option and answer letters are checked already)."""
    parts = [question.id, question.bank, question.stem, question.translation, question.source]
    parts += [question.level, question.domain, *question.topics, *question.traps]
    parts += question.options.values()
    explanation = question.explanation
    parts += [explanation.key_points, explanation.correct, explanation.mnemonic, explanation.extra]
    parts += [*explanation.wrong.keys(), *explanation.wrong.values()]
    parts += [text for ref in explanation.references for text in (ref.title, ref.url)]
    if question.community:
        parts.append(question.community.votes)
    if question.exam_domain:
        parts.append(question.exam_domain.name)
    if question.origin:
        parts += [question.origin.file, question.origin.sha256, *question.origin.also]
    return "\n".join(parts)


def _visible(value: Any) -> Any:
    """A loaded record with control characters in every string shown as symbols."""
    if isinstance(value, str):
        return visible_controls(value)
    if isinstance(value, Mapping):
        return {_visible(key): _visible(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_visible(item) for item in value]
    return value


def _question(record: Any) -> Question:
    """The question of a record, as written."""
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
        exam_domain=_exam_domain(record.get("exam_domain")),
        topics=_tags(record.get("topics"), "topics"),
        traps=_tags(record.get("traps"), "traps"),
        community=_community(community) if community is not None else None,
        translation=_text(record, "translation"),
        explanation=_explanation(record.get("explanation")),
        origin=_origin(record.get("origin")),
    )


def _text(record: Mapping[str, Any], key: str, *, required: bool = False) -> str:
    value = record.get(key)
    if value is None or value == "":
        if required:
            raise RecordError(f"{key} is missing or empty", key)
        return ""
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
        if text is not None and not isinstance(text, str):
            raise RecordError(f"option {letter} must be text", "options")
        if not text or not text.strip():
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
    if len(set(value)) < len(value):
        twice = next(letter for index, letter in enumerate(value) if letter in value[:index])
        raise RecordError(f"{key} lists {twice} twice", key)
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
    unknown = [key for key in value if key not in ("answer", "votes")]
    if unknown:
        raise RecordError(f"unknown community part {unknown[0]!r}", "community")
    votes = value.get("votes") or ""
    if not isinstance(votes, str):
        raise RecordError("community.votes must be text", "community")
    return Community(answer=_letters(value.get("answer", []), "community"), votes=votes)


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
        title = ref.get("title") or ""
        if not isinstance(title, str) or set(ref) - {"title", "url"}:
            raise RecordError("a reference is a title and a url (text)", "explanation")
        references.append(Reference(title=title, url=ref["url"]))
    parts = {}
    for key in ("key_points", "correct", "mnemonic", "extra"):
        text = value.get(key) or ""
        if not isinstance(text, str):
            raise RecordError(f"explanation.{key} must be text", "explanation")
        parts[key] = text
    return Explanation(wrong=dict(wrong), references=tuple(references), **parts)


def _exam_domain(value: Any) -> ExamDomain | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or set(value) - {"name", "weight"}:
        raise RecordError("exam_domain is a name and a weight", "exam_domain")
    name, weight = value.get("name"), value.get("weight")
    if not isinstance(name, str) or not name.strip():
        raise RecordError("exam_domain needs a name (text)", "exam_domain")
    if weight is not None and not (isinstance(weight, str) and weight.isdigit()):
        raise RecordError("exam_domain.weight must be a whole percentage", "exam_domain")
    return ExamDomain(name=name, weight=int(weight) if weight is not None else None)


def _origin(value: Any) -> Origin | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or not isinstance(value.get("file"), str):
        raise RecordError("origin must name a file", "origin")
    sha256 = value.get("sha256") or ""
    if not isinstance(sha256, str) or set(value) - {"file", "sha256", "also", "doubt"}:
        raise RecordError("origin is a file, a sha256, other copies and doubts (text)", "origin")
    also = value.get("also") or []
    if not isinstance(also, list) or not all(isinstance(file, str) for file in also):
        raise RecordError("origin.also must be a list of files", "origin")
    doubt = value.get("doubt") or []
    if not isinstance(doubt, list) or not all(
        isinstance(spot, str) and _LINE_COLUMN.fullmatch(spot) for spot in doubt
    ):
        raise RecordError("origin.doubt must be a list of line:column places", "origin")
    places = tuple((int(line), int(column)) for line, column in (s.split(":") for s in doubt))
    return Origin(file=value["file"], sha256=sha256, also=tuple(also), doubt=places)


def key_lines(text: str) -> dict[str, int]:
    """The 1-based line of each top-level key of a YAML mapping (best effort)."""
    try:
        node = yaml.compose(text, Loader=RecordLoader)
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
