"""One record per question, wherever its copies were filed (issue 12, item 1 and 2)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from importer_samples import numbered, template

from quiz import paths
from quiz.cli import main
from quiz.importer import find_sources, import_sources
from quiz.importer.merge import identity
from quiz.importer.topics import TOPIC_BANK, filing
from quiz.model import ExamDomain, Question
from quiz.near_duplicates import near_duplicates

TOPIC = "02-Development-and-Ingestion-30pct"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def reformatted(text: str) -> str:
    """The same question as a person re-saving it might leave it: CRLF, trailing spaces,
    emphasis around words, full-width punctuation, runs of spaces."""
    text = text.replace("A team schedules", "A **team** schedules  ")
    text = text.replace("single run?", "single run？").replace("(技術主題標籤)", "（技術主題標籤）")
    text = text.replace("Which value", "Which   value")
    return text.replace("\n", "  \r\n")


def test_a_topic_folder_copy_is_one_record_under_the_by_order_key(tmp_path: Path) -> None:
    write(tmp_path / "by-order_b1" / "Q-007.md", template(mnemonic=""))
    write(tmp_path / TOPIC / "Q-007.md", reformatted(template()))  # no suffix
    write(tmp_path / "05-Governance-10pct" / "Q-007_b1.md", template())  # with a suffix
    report = import_sources(find_sources([tmp_path]))
    assert report.failed == []
    [question] = report.questions
    assert question.key == "by-order_b1/Q-007"
    origin = question.origin
    assert origin is not None and origin.file == f"{tmp_path.name}/by-order_b1/Q-007.md"
    also = (f"{tmp_path.name}/{TOPIC}/Q-007.md", f"{tmp_path.name}/05-Governance-10pct/Q-007_b1.md")
    assert origin.also == also
    assert question.explanation.mnemonic  # the by-order copy lacks it: taken from a copy
    assert question.exam_domain is not None and question.exam_domain.weight in (10, 30)


def test_a_question_only_in_a_topic_folder_keeps_its_domain_and_is_not_a_bank(
    tmp_path: Path,
) -> None:
    write(tmp_path / TOPIC / "Q-031.md", numbered("Q-031"))
    [question] = import_sources(find_sources([tmp_path / TOPIC])).questions
    assert question.bank == TOPIC_BANK
    assert question.exam_domain == ExamDomain("Development and Ingestion", 30)


def test_identical_text_is_one_question_whatever_the_keys(tmp_path: Path) -> None:
    write(tmp_path / "by-order_b1" / "Q-007.md", numbered("Q-007"))
    write(tmp_path / "by-order_b4" / "Q-033.md", numbered("Q-007").replace("Q-007", "Q-033", 1))
    report = import_sources(find_sources([tmp_path]))
    assert [q.key for q in report.questions] == ["by-order_b1/Q-007"]
    assert report.questions[0].origin is not None
    assert report.questions[0].origin.also == (f"{tmp_path.name}/by-order_b4/Q-033.md",)


def test_similar_questions_under_different_keys_are_never_merged(tmp_path: Path) -> None:
    write(tmp_path / "by-order_b1" / "Q-007.md", numbered("Q-007"))
    nearly = numbered("Q-008").replace("Q-008?", "Q-007, this week?")
    write(tmp_path / TOPIC / "Q-008.md", nearly)
    report = import_sources(find_sources([tmp_path]))
    assert sorted(q.key for q in report.questions) == ["by-order_b1/Q-007", "by-topic/Q-008"]
    assert report.merged == []


def test_the_same_text_with_another_answer_is_a_conflict_not_a_merge(tmp_path: Path) -> None:
    write(tmp_path / "by-order_b1" / "Q-007.md", template())
    wrong = (
        template()
        .replace("**正解:** `B`", "**正解:** `C`")
        .replace("標註答案:** B", "標註答案:** C")
    )
    write(tmp_path / TOPIC / "Q-007_b1.md", wrong)
    report = import_sources(find_sources([tmp_path]))
    assert report.questions == [] and len(report.failed) == 2
    assert all("claimed by different questions" in p.message for p in report.failed)


def question(stem: str, **options: str) -> Question:
    return Question("Q-1", "b", stem, options or {"A": "one", "B": "two"}, ("A",))


def test_identity_sets_aside_formatting_but_not_words() -> None:
    base = identity(question("Run `OPTIMIZE` on the *orders* table: which files?"))
    assert identity(question("Run OPTIMIZE  on the **orders** table：which files？")) == base
    assert identity(question("Run OPTIMIZE on the orders\ntable: which files?")) == base
    assert identity(question("Run VACUUM on the orders table: which files?")) != base
    assert (
        identity(question("Run OPTIMIZE on the orders table: which files?", A="1", B="2")) != base
    )
    pictured = identity(question("Which plan? ![plan](../images/plan.png)"))
    assert identity(question("Which plan? ![plan](file:///bank/images/plan.png)")) == pictured
    snake = identity(question("Set max_concurrent_runs"))
    assert snake != identity(question("Set maxconcurrentruns"))  # an identifier is a word


def test_topic_folders_name_domains() -> None:
    assert filing("by-order_b1/Q-1.md").in_topic_folder is False
    assert filing("bank/03-Data-Governance (10%)/q.md").exam_domain == ExamDomain(
        "Data Governance", 10
    )
    assert filing("by-topic/jobs/Q-030_b2.md").in_topic_folder is True
    assert filing("by-topic/04-Production-Pipelines/q.md").exam_domain == ExamDomain(
        "Production Pipelines"
    )
    assert filing("01-basics/q.md").in_topic_folder is False  # numbered, no weight: a bank


def test_near_duplicates_are_listed_with_their_similarity() -> None:
    stem = "A team runs a nightly job with the Jobs API and reads its run output each morning."
    options = {"A": "The job_id", "B": "The run_id", "C": "The cluster id"}
    first = Question("Q-1", "b1", stem, options, ("B",))
    lost_words = Question("Q-9", "topics", stem.replace(" each morning", ""), options, ("B",))
    other = Question(
        "Q-2", "b1", "Which SQL command removes old files from a table?", options, ("A",)
    )
    [pair] = near_duplicates([first, other, lost_words])
    assert {pair.first.key, pair.second.key} == {"b1/Q-1", "topics/Q-9"}
    assert 0.8 <= pair.similarity < 1


def test_validate_reports_near_duplicates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "src" / "by-order_b1" / "Q-007.md", numbered("Q-007"))
    nearly = numbered("Q-008").replace("Q-008?", "Q-007, this week?")
    write(tmp_path / "src" / TOPIC / "Q-008.md", nearly)
    assert main(["import", str(tmp_path / "src"), "--out", str(tmp_path / "bank")]) == 0
    shutil.rmtree(paths.cache_dir())
    assert main(["validate", str(tmp_path / "bank")]) == 0
    out = capsys.readouterr().out
    assert "near-duplicates (" in out and "by-order_b1/Q-007 and by-topic/Q-008" in out
    assert not paths.cache_dir().exists()  # validate writes no index


def test_merges_are_listed_only_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "src" / "by-order_b1" / "Q-007.md", template())
    write(tmp_path / "src" / TOPIC / "Q-007.md", template())
    out = str(tmp_path / "bank")
    assert main(["import", str(tmp_path / "src"), "--out", out]) == 0
    quiet = capsys.readouterr()
    assert "merged by-order_b1/Q-007" not in quiet.err and "1 copy merged" in quiet.out
    assert main(["import", str(tmp_path / "src"), "--out", out, "--verbose"]) == 0
    assert "merged by-order_b1/Q-007: kept" in capsys.readouterr().err


def test_a_file_with_one_broken_block_still_counts_as_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = "# Question 2\n\n## Question\nWhy?\n\n## Options\n- A. x\n- B. y\n"
    good = "# Question 1\n\n## Question\nWhat?\n\n## Options\n- A. x (Correct)\n- B. y\n"
    write(tmp_path / "b1" / "sample_1.md", good + "\n" + broken)
    assert main(["import", str(tmp_path / "b1"), "--out", str(tmp_path / "bank")]) == 1
    captured = capsys.readouterr()
    assert "1 question imported from 1 file" in captured.out
    assert captured.err.count("sample_1.md:") == 1


def test_a_re_import_says_what_is_new_changed_and_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "src" / "b1" / "Q-007.md", numbered("Q-007"))
    write(tmp_path / "src" / "b1" / "Q-008.md", numbered("Q-008"))
    command = ["import", str(tmp_path / "src"), "--out", str(tmp_path / "bank")]
    assert main(command) == 0
    assert "(2 new, 0 changed, 0 unchanged)" in capsys.readouterr().out
    assert main(command) == 0
    assert "(0 new, 0 changed, 2 unchanged)" in capsys.readouterr().out
    source.write_text(numbered("Q-007").replace("Practice Set", "Exam Dump"), encoding="utf-8")
    write(tmp_path / "src" / "b1" / "Q-009.md", numbered("Q-009"))
    assert main(command) == 0
    assert "(1 new, 1 changed, 1 unchanged)" in capsys.readouterr().out
