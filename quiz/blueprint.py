"""Exam blueprints: an exam's questions, minutes, pass mark and weighted domains.

A blueprint is data: the shipped ones are ``quiz/blueprints/*.yaml``, a person adds or
edits one in ``<data dir>/blueprints/`` (a file there replaces the shipped one of the same
name), and a bank whose topic folders carry weights (``02-<domain>-20pct``) yields one of
its own. A file that is not a blueprint is a ``Problem`` (``file:line: what is wrong``).

Each domain claims questions by the exam domain they were filed under (``exam_domains``,
by default the domain's own name), by their ``domain`` field (``domains``), or by their
topic tags (``tags``), tried in that order; the first domain (in file order) that claims a
question gets it. ``allocate`` turns the weights into whole questions per domain.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml

from quiz import paths
from quiz.files import NotARegularFile, read_regular_file
from quiz.model import Described
from quiz.names import path_text
from quiz.records import Problem, RecordLoader, yaml_error_line, yaml_error_message

SHIPPED_DIR = Path(__file__).parent / "blueprints"
USER_DIR_NAME = "blueprints"
BANK_FORMAT = (60, 120, 0.7)
"""Questions, minutes and pass mark of a bank's own blueprint (the Professional's format)."""
MAX_QUESTIONS = 10_000
MAX_MINUTES = 7 * 24 * 60

D = TypeVar("D", bound=Described)


class BlueprintError(Exception):
    """A blueprint that cannot be found or used (one line for the user)."""


@dataclass(frozen=True)
class Domain:
    """One section of an exam: its weight in percent and what questions it claims."""

    name: str
    weight: float
    exam_domains: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Blueprint:
    """An exam as its guide describes it."""

    name: str
    exam: str
    guide: str
    guide_date: str
    questions: int
    minutes: int
    pass_mark: float
    domains: tuple[Domain, ...]
    source: str = ""
    """Where it comes from: a file's path, or ``bank NAME``."""
    note: str = ""
    _claims: tuple[dict[str, int], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        claims: tuple[dict[str, int], ...] = ({}, {}, {})
        for index, domain in enumerate(self.domains):
            for table, names in zip(
                claims, (domain.exam_domains, domain.domains, domain.tags), strict=True
            ):
                for name in names:
                    table.setdefault(_normal(name), index)
        object.__setattr__(self, "_claims", claims)

    def domain_of(self, question: Described) -> str | None:
        """The name of the domain that claims the question, or None."""
        by_exam, by_field, by_tag = self._claims
        found: list[int] = []
        if question.exam_domain is not None:
            found += [by_exam[n] for n in [_normal(question.exam_domain.name)] if n in by_exam]
        if not found and question.domain:
            found += [by_field[n] for n in [_normal(question.domain)] if n in by_field]
        if not found:
            found += [by_tag[n] for n in map(_normal, question.topics) if n in by_tag]
        return self.domains[min(found)].name if found else None

    def split(self, questions: Iterable[D]) -> dict[str, list[D]]:
        """The questions each domain claims, every domain present (in blueprint order)."""
        split: dict[str, list[D]] = {domain.name: [] for domain in self.domains}
        for question in questions:
            name = self.domain_of(question)
            if name is not None:
                split[name].append(question)
        return split

    def weight(self, name: str) -> float:
        """A domain's weight in percent."""
        return next(domain.weight for domain in self.domains if domain.name == name)


def allocate(count: int, weights: Sequence[float], room: Sequence[int]) -> list[int]:
    """Whole questions per domain: ``count`` split by ``weights`` with largest-remainder
    rounding (ties to the earlier domain), none above its ``room``; what a full domain
    cannot take is split again over the others by their weights."""
    counts = [0] * len(weights)
    open_ = [i for i, weight in enumerate(weights) if weight > 0 and room[i] > 0]
    left = min(count, sum(room[i] for i in open_))
    while left > 0 and open_:
        total = sum(weights[i] for i in open_)
        quotas = {i: left * weights[i] / total for i in open_}
        share = {i: int(quotas[i]) for i in open_}
        rest = left - sum(share.values())
        for i in sorted(open_, key=lambda i: (-(quotas[i] - share[i]), i))[:rest]:
            share[i] += 1
        full = [i for i in open_ if counts[i] + share[i] >= room[i]]
        if not full:
            for i in open_:
                counts[i] += share[i]
            break
        for i in full:  # fill the thin domains, then split the rest again
            left -= room[i] - counts[i]
            counts[i] = room[i]
        open_ = [i for i in open_ if i not in full]
    return counts


@dataclass(frozen=True)
class Plan:
    """How many questions each domain gives an exam drawn to a blueprint."""

    blueprint: Blueprint
    wanted: tuple[int, ...]
    """Per domain, what the weights ask for (largest-remainder rounding)."""
    counts: tuple[int, ...]
    """Per domain, what the bank allows."""
    available: tuple[int, ...]

    @property
    def total(self) -> int:
        """Questions in the exam."""
        return sum(self.counts)

    def thin(self) -> list[str]:
        """One line per domain the bank is too thin for, and for a short exam."""
        lines = [
            f"{domain.name}: {have} of the {want} questions its {domain.weight:g}% asks for"
            f" (the bank has {room})"
            for domain, want, have, room in zip(
                self.blueprint.domains, self.wanted, self.counts, self.available, strict=True
            )
            if have < want
        ]
        if lines and self.total >= self.blueprint.questions:
            lines.append("the other domains make up the difference")
        elif self.total < self.blueprint.questions:
            lines.append(f"the exam has {self.total} of {self.blueprint.questions} questions")
        return lines


def plan(blueprint: Blueprint, split: Mapping[str, Sequence[object]]) -> Plan:
    """The domain counts of an exam drawn to the blueprint from ``split`` (``Blueprint.split``)."""
    weights = [domain.weight for domain in blueprint.domains]
    room = [len(split.get(domain.name, ())) for domain in blueprint.domains]
    plenty = [blueprint.questions] * len(weights)
    return Plan(
        blueprint,
        tuple(allocate(blueprint.questions, weights, plenty)),
        tuple(allocate(blueprint.questions, weights, room)),
        tuple(room),
    )


# ---------------------------------------------------------------- finding blueprints


@dataclass
class Catalogue:
    """Every blueprint known, and the files that are not blueprints."""

    blueprints: list[Blueprint]
    problems: list[Problem]

    def find(self, name: str) -> Blueprint:
        """The blueprint of this name (case-insensitive); ``BlueprintError`` says why not."""
        for blueprint in self.blueprints:
            if blueprint.name.casefold() == name.casefold():
                return blueprint
        for problem in self.problems:
            if Path(problem.path).stem.casefold() == name.casefold():
                raise BlueprintError(str(problem))
        known = ", ".join(b.name for b in self.blueprints) or "none"
        raise BlueprintError(f"unknown blueprint {name!r} (known: {known})")


def user_dir() -> Path:
    """Where a person keeps their own blueprints."""
    return paths.data_dir() / USER_DIR_NAME


def catalogue(questions: Iterable[Described] = ()) -> Catalogue:
    """The shipped blueprints, the person's (replacing a shipped one of the same name) and
    those of the banks whose topic folders carry weights."""
    found: dict[str, Blueprint] = {}
    problems: list[Problem] = []
    for folder in (SHIPPED_DIR, user_dir()):
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            blueprint, problem = read_blueprint(path)
            if problem is not None:
                problems.append(problem)
            if blueprint is not None:
                found[blueprint.name.casefold()] = blueprint
    for blueprint in bank_blueprints(questions):
        found.setdefault(blueprint.name.casefold(), blueprint)
    return Catalogue(list(found.values()), problems)


def bank_blueprints(questions: Iterable[Described]) -> list[Blueprint]:
    """One blueprint per bank whose questions were filed in weighted topic folders."""
    weights: dict[str, dict[str, int]] = {}
    for question in questions:
        domain = question.exam_domain
        if domain is not None and domain.weight is not None:
            weights.setdefault(question.bank, {}).setdefault(domain.name, domain.weight)
    count, minutes, pass_mark = BANK_FORMAT
    return [
        Blueprint(
            name=bank,
            exam=f"the exam of bank {bank}",
            guide="the bank's topic folders",
            guide_date="",
            questions=count,
            minutes=minutes,
            pass_mark=pass_mark,
            domains=tuple(Domain(name, weight, (name,)) for name, weight in sorted(found.items())),
            source=f"bank {bank}",
            note="domains and weights from the bank's topic folders; "
            "questions, minutes and pass mark are the Professional's",
        )
        for bank, found in sorted(weights.items())
    ]


# ---------------------------------------------------------------- reading a file


class _Invalid(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def read_blueprint(path: Path) -> tuple[Blueprint | None, Problem | None]:
    """A blueprint file read, or the problem that makes it none."""
    where = path_text(path)
    try:
        text = read_regular_file(path).decode("utf-8")
    except (OSError, NotARegularFile) as error:
        return None, Problem(where, 0, f"cannot be read ({getattr(error, 'strerror', error)})")
    except UnicodeDecodeError:
        return None, Problem(where, 0, "is not UTF-8 text")
    try:
        shipped = path.parent == SHIPPED_DIR
        return parse_blueprint(text, f"shipped ({path.name})" if shipped else where), None
    except yaml.YAMLError as error:
        return None, Problem(where, yaml_error_line(error), yaml_error_message(error))
    except _Invalid as error:
        return None, Problem(where, error.line, str(error))


def parse_blueprint(text: str, source: str = "") -> Blueprint:
    """A blueprint from its YAML text (``yaml.YAMLError`` or ``_Invalid`` with a line)."""
    root = yaml.compose(text, Loader=RecordLoader)
    if not isinstance(root, yaml.MappingNode):
        raise _Invalid(1, "a blueprint is a mapping of name, questions, minutes, … and domains")
    top = _fields(
        root,
        {"name", "exam", "guide", "guide_date", "questions", "minutes", "pass_mark", "domains"},
        {"note"},
    )
    domains_node = top["domains"]
    if not isinstance(domains_node, yaml.SequenceNode) or not domains_node.value:
        raise _Invalid(_line(domains_node), "domains must be a list of domains")
    domains = [_domain(node) for node in domains_node.value]
    seen: set[str] = set()
    for node, domain in zip(domains_node.value, domains, strict=True):
        if domain.name.casefold() in seen:
            raise _Invalid(_line(node), f"domain {domain.name!r} is given twice")
        seen.add(domain.name.casefold())
    total = sum(domain.weight for domain in domains)
    if abs(total - 100) > 0.5:
        raise _Invalid(_line(domains_node), f"the domain weights add up to {total:g}%, not 100%")
    return Blueprint(
        name=_text(top["name"]),
        exam=_text(top["exam"]),
        guide=_text(top["guide"]),
        guide_date=_text(top["guide_date"]),
        questions=_whole(top["questions"], 1, MAX_QUESTIONS),
        minutes=_whole(top["minutes"], 1, MAX_MINUTES),
        pass_mark=_number(top["pass_mark"], 1, 100) / 100,
        domains=tuple(domains),
        source=source,
        note=_text(top["note"]) if "note" in top else "",
    )


def _domain(node: yaml.Node) -> Domain:
    if not isinstance(node, yaml.MappingNode):
        raise _Invalid(_line(node), "a domain is a mapping with a name and a weight")
    found = _fields(node, {"name", "weight"}, {"exam_domains", "domains", "tags"})
    name = _text(found["name"])
    return Domain(
        name=name,
        weight=_number(found["weight"], 0, 100),
        exam_domains=_names(found["exam_domains"]) if "exam_domains" in found else (name,),
        domains=_names(found["domains"]) if "domains" in found else (name,),
        tags=_names(found["tags"]) if "tags" in found else (),
    )


def _fields(node: yaml.MappingNode, required: set[str], optional: set[str]) -> dict[str, yaml.Node]:
    found: dict[str, yaml.Node] = {}
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else ""
        if name not in required | optional:
            known = ", ".join(sorted(required | optional))
            raise _Invalid(_line(key), f"unknown key {name!r} (known: {known})")
        if name in found:
            raise _Invalid(_line(key), f"key {name!r} is given twice")
        found[name] = value
    missing = sorted(required - found.keys())
    if missing:
        raise _Invalid(_line(node), f"missing {', '.join(missing)}")
    return found


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _text(node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise _Invalid(_line(node), "expected some text here")
    return str(node.value).strip()


def _number(node: yaml.Node, low: float, high: float) -> float:
    text = _text(node).removesuffix("%")
    try:
        value = float(text)
    except ValueError:
        raise _Invalid(_line(node), f"expected a number, not {text!r}") from None
    if not low <= value <= high:
        raise _Invalid(_line(node), f"{text} is not between {low:g} and {high:g}")
    return value


def _whole(node: yaml.Node, low: int, high: int) -> int:
    value = _number(node, low, high)
    if value != int(value):
        raise _Invalid(_line(node), f"expected a whole number, not {value:g}")
    return int(value)


def _names(node: yaml.Node) -> tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise _Invalid(_line(node), "expected a list, e.g. [Delta-Lake, Streaming]")
    return tuple(_text(item) for item in node.value)


@functools.lru_cache(maxsize=4096)
def _normal(name: str) -> str:
    """Names compared casefolded, ``&`` as ``and``, runs of ``-``/``_``/space as one space."""
    return " ".join(re.split(r"[-_\s]+", name.casefold().replace("&", " and ")))
