"""The bundled Jobs REST API pack: every question complete, tags known, levels mixed."""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from itertools import combinations
from pathlib import Path

import pytest

from quiz.bank import load_banks, read_record, validate_directory
from quiz.model import Question
from quiz.vocabulary import LEVEL_TAGS, TOPIC_TAGS, TRAP_TAGS
from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "questions" / "jobs-api-pack"
RECORDS = sorted(PACK.glob("*.yaml"))
SECTION = re.compile(r"\(section: (.+)\)$")
TABLE_TAG = re.compile(r"^\|\s*`([A-Za-z0-9-]+)`\s*\|", re.MULTILINE)
LEVEL_BOUNDS = {
    "L1-Basic": (0.30, 0.40),
    "L2-Intermediate": (0.40, 0.50),
    "L3-Advanced": (0.15, 0.25),
}


def readme_tags() -> set[str]:
    """The tags listed in the README section "Tags added by the project"."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    _, found, rest = text.partition("\n## Tags added by the project\n")
    assert found, "README has no section 'Tags added by the project'"
    return set(TABLE_TAG.findall(rest.split("\n## ", 1)[0]))


@pytest.fixture(scope="module")
def pack() -> list[Question]:
    """Every question of the pack (loaded without the cache)."""
    bank = load_banks([PACK], use_cache=False)
    assert [str(p) for p in bank.problems] == []
    return bank.questions


def test_pack_validates_cleanly_and_is_large_enough(pack: list[Question]) -> None:
    assert [str(p) for p in validate_directory(PACK)] == []
    assert len(pack) >= 40
    assert len({q.id for q in pack}) == len(pack)


@pytest.mark.parametrize("path", RECORDS, ids=lambda path: path.stem)
def test_question_is_complete(path: Path) -> None:
    question, problem = read_record(path)
    assert problem is None and question is not None
    assert (question.bank, question.id) == ("jobs-api-pack", path.stem)
    assert question.source == "Original (Jobs API reference)"
    assert question.level in LEVEL_TAGS and question.domain
    assert 4 <= len(question.options) <= 5
    assert set(question.answer) <= set(question.options)
    assert question.is_multi == (f"Choose {len(question.answer)} answers." in question.stem)
    explanation = question.explanation
    wrong = set(question.options) - set(question.answer)
    assert set(explanation.wrong) == wrong
    assert all(explanation.wrong[letter].strip() for letter in wrong)
    assert explanation.key_points.strip() and explanation.correct.strip()
    assert explanation.mnemonic.startswith("「")
    assert any(ref.url.startswith("https://") for ref in explanation.references)
    assert any(SECTION.search(ref.title) for ref in explanation.references)


@pytest.mark.parametrize("path", RECORDS, ids=lambda path: path.stem)
def test_tags_are_known_and_within_schema_counts(path: Path) -> None:
    question, _ = read_record(path)
    assert question is not None
    known = TOPIC_TAGS.keys() | TRAP_TAGS.keys() | readme_tags()
    assert 1 <= len(question.topics) <= 3 and len(question.traps) <= 2
    assert set(question.tags) <= known


def test_no_two_stems_alike(pack: list[Question]) -> None:
    stems = {q.id: " ".join(q.stem.casefold().split()) for q in pack}
    alike = [
        (a, b)
        for (a, sa), (b, sb) in combinations(stems.items(), 2)
        if SequenceMatcher(None, sa, sb).ratio() > 0.9
    ]
    assert alike == []


def test_level_mix_and_multi_answer_questions(pack: list[Question]) -> None:
    levels = Counter(q.level for q in pack)
    for level, (low, high) in LEVEL_BOUNDS.items():
        assert low <= levels[level] / len(pack) <= high, (level, levels)
    assert sum(q.is_multi for q in pack) >= 4


def test_cited_sections_exist_in_the_reference_note(pack: list[Question]) -> None:
    (note,) = shared_path("seeds").glob("004_*.txt")
    headings = {line.strip() for line in note.read_text(encoding="utf-8").splitlines()}
    cited = {
        match.group(1)
        for q in pack
        for ref in q.explanation.references
        if (match := SECTION.search(ref.title))
    }
    assert cited and cited <= headings


def test_readme_lists_exactly_the_tags_outside_the_schema(pack: list[Question]) -> None:
    schema = shared_path("corpus", "tagging-schema.md").read_text(encoding="utf-8")
    schema_tags = set(TABLE_TAG.findall(schema))
    vocabulary = TOPIC_TAGS.keys() | TRAP_TAGS.keys()
    assert readme_tags() == vocabulary - schema_tags
    assert {tag for q in pack for tag in q.tags} - schema_tags <= readme_tags()
