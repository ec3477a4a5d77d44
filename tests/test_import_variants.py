"""Issue 12's figure on a bank shaped like real ones (benchmarks/variant_bank.py), made
from the dev corpus in ../shared at run time (skipped when absent)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from variant_bank import (
    FILES_PER_GROWTH,
    GROWTHS,
    MANIFEST,
    NO_SUFFIX,
    REFORMATS,
    STEM_TWICE,
    SUFFIX,
    by_order_folders,
    evaluate,
    expected_question,
    make_variant_bank,
    read_records,
)

from quiz.bank import write_records
from quiz.importer import find_sources, import_sources
from quiz.model import Question

SEED = 12


@pytest.fixture(scope="module")
def corpus() -> Path:
    from conftest import shared_path

    return shared_path("corpus", "dev")


@pytest.fixture(scope="module")
def reference(corpus: Path) -> list[Question]:
    """The corpus's own import: what each question's record should hold."""
    return import_sources(find_sources(by_order_folders(corpus))).questions


@pytest.fixture(scope="module")
def bank(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("variants") / "bank"
    return out, make_variant_bank(corpus, out, SEED)


def test_the_variant_bank_imports_one_right_record_per_question(
    reference: list[Question], bank: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    folder, manifest = bank
    report = import_sources(find_sources([folder]))
    write_records(tmp_path / "out", report.questions)
    result = evaluate(reference, read_records(tmp_path / "out"), manifest)
    assert result.duplicate_records == 0
    assert result.right >= 0.99 * result.expected, result.per_field()


def test_the_bank_holds_every_variation_and_its_manifest_says_where(
    corpus: Path, bank: tuple[Path, dict[str, Any]]
) -> None:
    folder, manifest = bank
    written = {p.relative_to(folder).as_posix() for p in folder.rglob("*.md")}
    assert written == set(manifest["files"])
    assert (folder / MANIFEST).is_file()
    counts: dict[str, int] = {}
    for info in manifest["files"].values():
        for variation in info["variations"]:
            counts[variation] = counts.get(variation, 0) + 1
    assert all(counts.get(growth) == FILES_PER_GROWTH for growth in GROWTHS), counts
    assert all(counts.get(reformat, 0) >= 2 for reformat in [*REFORMATS, SUFFIX, NO_SUFFIX])
    unique = {f"{f.parent.name}/{f.stem}" for f in corpus.glob("by-order_*/Q-*.md")}
    assert set(manifest["questions"]) == unique
    collisions = [  # copies without the suffix that have the name of another bank's question
        path
        for path, info in manifest["files"].items()
        if NO_SUFFIX in info["variations"]
        for other in by_order_folders(corpus)
        if other.name != info["copy_of"][0].split("/")[0] and (other / Path(path).name).exists()
    ]
    assert len(collisions) >= 2
    for path, info in manifest["files"].items():
        if STEM_TWICE in info["variations"]:
            text = (folder / path).read_text(encoding="utf-8")
            assert "### 題幹（英文）" in text and "### 題幹（中文）" in text


def test_the_same_seed_makes_the_same_bank(
    corpus: Path, bank: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    folder, manifest = bank
    again = make_variant_bank(corpus, tmp_path / "again", SEED)
    assert again == manifest
    assert all(
        (tmp_path / "again" / p).read_bytes() == (folder / p).read_bytes() for p in again["files"]
    )
    assert make_variant_bank(corpus, tmp_path / "other", SEED + 1)["files"] != manifest["files"]


def test_the_check_counts_a_lost_field_a_duplicate_and_a_missing_question(
    reference: list[Question], bank: tuple[Path, dict[str, Any]]
) -> None:
    _, manifest = bank
    questions = reference
    perfect = [expected_question(q, manifest["questions"][q.key]["expected"]) for q in questions]
    assert evaluate(questions, perfect, manifest).right == len(questions)

    damaged = list(perfect)
    damaged[0] = replace(damaged[0], topics=())
    damaged.append(replace(damaged[1], bank="02-Development-and-Ingestion-30pct"))
    del damaged[2]
    result = evaluate(questions, damaged, manifest)
    assert result.right == len(questions) - 3
    assert result.duplicate_records == 1
    assert result.missing == [perfect[2].key]
    assert {m.field for m in result.mismatches} == {"topics", "duplicate", "missing"}
