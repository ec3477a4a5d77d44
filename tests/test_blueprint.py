"""Blueprints: shipped and user files, bad files as file:line, matching, draws to the weights."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_records import make_question

from quiz import paths
from quiz.blueprint import (
    Blueprint,
    BlueprintError,
    Domain,
    allocate,
    bank_blueprints,
    catalogue,
    parse_blueprint,
    plan,
)
from quiz.cli import main
from quiz.exam import ExamConfig, ExamError, ExamSession, draw_to_blueprint
from quiz.model import ExamDomain, Question
from quiz.store import Store

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
PRO_TAGS = {
    "Databricks Tooling": "Delta-Lake",
    "Data Processing": "Streaming",
    "Data Modeling": "Data-Modeling",
    "Security & Governance": "Unity-Catalog",
    "Monitoring & Logging": "Audit-Logging",
    "Testing & Deployment": "Databricks-CLI",
}
GOOD = """\
name: Mine
exam: My exam
guide: my notes
guide_date: 2025-01-01
questions: 10
minutes: 20
pass_mark: 60
domains:
  - name: Streaming things
    weight: 70
    tags: [Streaming]
  - name: Databricks Tooling
    weight: 30
"""


def pro_bank(per_domain: int = 20, thin: dict[str, int] | None = None) -> list[Question]:
    """``per_domain`` questions tagged for each Professional domain (fewer where ``thin``)."""
    thin = thin or {}
    return [
        make_question(id=f"{tag}-{n}", exam_domain=None, topics=(tag,))
        for domain, tag in PRO_TAGS.items()
        for n in range(thin.get(domain, per_domain))
    ]


def user_file(text: str, name: str = "mine.yaml") -> Path:
    folder = paths.data_dir() / "blueprints"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_the_shipped_blueprints_are_the_exam_facts() -> None:
    found = catalogue()
    assert not found.problems
    pro, associate = found.find("professional"), found.find("Associate")
    assert (pro.questions, pro.minutes, pro.pass_mark) == (60, 120, 0.7)
    assert [d.weight for d in pro.domains] == [20, 30, 20, 10, 10, 10]
    assert (associate.questions, associate.minutes) == (45, 90)
    assert [d.weight for d in associate.domains] == [24, 29, 22, 16, 9]
    assert pro.guide_date and associate.guide_date
    with pytest.raises(BlueprintError, match="unknown blueprint 'November'"):
        found.find("November")


def test_largest_remainder_gives_exact_counts_and_fills_from_the_others() -> None:
    assert allocate(60, [20, 30, 20, 10, 10, 10], [99] * 6) == [12, 18, 12, 6, 6, 6]
    assert allocate(45, [24, 29, 22, 16, 9], [99] * 5) == [11, 13, 10, 7, 4]
    assert allocate(10, [1, 1, 1], [99] * 3) == [4, 3, 3]  # ties to the earlier domain
    thin = allocate(60, [20, 30, 20, 10, 10, 10], [99, 99, 99, 2, 99, 99])
    assert thin[3] == 2 and sum(thin) == 60
    assert allocate(60, [50, 50], [5, 7]) == [5, 7]


def test_a_draw_matches_the_weights_exactly_when_the_bank_allows() -> None:
    pro = catalogue().find("Professional")
    questions, domains, drawn = draw_to_blueprint(pro_bank(), pro, random.Random(3))
    assert len(questions) == 60 and len({q.key for q in questions}) == 60
    counts = {name: domains.count(name) for name in PRO_TAGS}
    assert list(counts.values()) == [12, 18, 12, 6, 6, 6]
    for question, domain in zip(questions, domains, strict=True):
        assert question.topics == (PRO_TAGS[domain],)
    assert drawn.thin() == []


def test_a_thin_bank_is_named_and_the_others_make_up_the_difference() -> None:
    pro = catalogue().find("Professional")
    drawn = plan(pro, pro.split(pro_bank(thin={"Security & Governance": 2})))
    assert drawn.total == 60
    assert drawn.thin() == [
        "Security & Governance: 2 of the 6 questions its 10% asks for (the bank has 2)",
        "the other domains make up the difference",
    ]
    tiny = plan(pro, pro.split(pro_bank(per_domain=3)))
    assert tiny.total == 18 and tiny.thin()[-1] == "the exam has 18 of 60 questions"


def test_a_user_file_is_read_and_replaces_a_shipped_one() -> None:
    user_file(GOOD)
    user_file(GOOD.replace("name: Mine", "name: Professional"), "pro.yaml")
    found = catalogue()
    mine = found.find("mine")
    assert (mine.questions, mine.pass_mark, mine.guide_date) == (10, 0.6, "2025-01-01")
    assert mine.domains[1].exam_domains == ("Databricks Tooling",)  # its name by default
    assert found.find("Professional").questions == 10


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (GOOD.replace("weight: 30", "weight: 20"), 9, "add up to 90%, not 100%"),
        (GOOD.replace("minutes: 20", "minutes: twenty"), 6, "expected a number, not 'twenty'"),
        (GOOD.replace("questions: 10", "questions: 2.5"), 5, "expected a whole number"),
        (GOOD.replace("guide: my notes", "guides: my notes"), 3, "unknown key 'guides'"),
        (GOOD.replace("    tags: [Streaming]", "    tags: Streaming"), 11, "expected a list"),
        (GOOD.replace("name: Databricks Tooling", "name: Streaming things"), 12, "given twice"),
        (GOOD.replace("exam: My exam\n", ""), 1, "missing exam"),
        (GOOD.replace("pass_mark: 60", "pass_mark: [60"), 8, ""),
        ("- just a list\n", 1, "a blueprint is a mapping"),
    ],
)
def test_a_bad_file_is_one_line_with_its_line(
    text: str, line: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = user_file(text)
    found = catalogue()
    (problem,) = found.problems
    assert (problem.path, problem.line) == (str(path), line)
    assert message in problem.message
    with pytest.raises(BlueprintError, match=f"mine.yaml:{line}:"):
        found.find("mine")
    assert main(["blueprint", "list"]) == 1
    out, err = capsys.readouterr()
    assert f"{path}:{line}: " in err and "Traceback" not in err
    assert "Professional: 60 questions" in out


def test_a_file_that_is_not_utf8_is_reported() -> None:
    folder = paths.data_dir() / "blueprints"
    folder.mkdir(parents=True)
    (folder / "bad.yaml").write_bytes(b"name: \xff\n")
    (problem,) = catalogue().problems
    assert problem.message == "is not UTF-8 text"


def test_domains_claim_by_exam_domain_then_domain_field_then_tags() -> None:
    blueprint = parse_blueprint(GOOD)
    filed = make_question(exam_domain=ExamDomain("databricks-tooling", 30), topics=("Streaming",))
    tagged = make_question(exam_domain=None, topics=("Jobs-API", "Streaming"))
    by_field = make_question(exam_domain=None, domain="Databricks  Tooling", topics=("Streaming",))
    neither = make_question(exam_domain=ExamDomain("Other"), topics=("Jobs-API",))
    assert blueprint.domain_of(filed) == "Databricks Tooling"
    assert blueprint.domain_of(tagged) == "Streaming things"
    assert blueprint.domain_of(by_field) == "Databricks Tooling"
    assert blueprint.domain_of(neither) is None
    and_sign = Blueprint("x", "", "", "", 1, 1, 0.7, (Domain("Security & Governance", 100),))
    folder = make_question(exam_domain=ExamDomain("Security and Governance", 10))
    assert and_sign.split([folder]) == {"Security & Governance": []}  # no exam_domains given
    claimed = parse_blueprint(GOOD.replace("Databricks Tooling", "Security & Governance"))
    assert claimed.domain_of(folder) == "Security & Governance"


def test_a_bank_with_weighted_topic_folders_has_its_own_blueprint() -> None:
    questions = [
        make_question(id=f"Q{n}", bank="community", exam_domain=ExamDomain(name, weight))
        for n, (name, weight) in enumerate([("Ingestion", 40), ("Governance", 60)] * 5)
    ] + [make_question(id="plain", bank="other", exam_domain=None)]
    (own,) = bank_blueprints(questions)
    assert own.name == "community" and own.source == "bank community"
    assert [(d.name, d.weight) for d in own.domains] == [("Governance", 60), ("Ingestion", 40)]
    assert catalogue(questions).find("Community") == own
    assert [len(v) for v in own.split(questions).values()] == [5, 5]


def test_an_exam_drawn_to_a_blueprint_is_reported_by_its_domains(tmp_path: Path) -> None:
    questions = pro_bank(thin={"Monitoring & Logging": 1})
    config = ExamConfig(count=60, minutes=120, seed=4, blueprint="Professional")
    with Store(tmp_path / "p.sqlite3") as store:
        session = ExamSession.start(store, questions, config, lambda: NOW)
        assert session.domains is not None and session.domains.count("Monitoring & Logging") == 1
        for item in session.items:
            if session.domains[session.items.index(item)] == "Data Processing":
                session.go_to(session.items.index(item))
                session.choose(item.question.answer)
        session.submit()
        report = session.report()
        rows = {row.name: (row.correct, row.total) for row in report.by_domain}
        assert rows["Data Processing"][0] == rows["Data Processing"][1] >= 18
        assert rows["Monitoring & Logging"] == (0, 1)
        assert sum(total for _, total in rows.values()) == 60
        (outcome,) = store.forecast_outcomes()
        assert outcome.forecast.blueprint == "Professional"
        assert 0 < outcome.forecast.low <= outcome.forecast.expected <= outcome.forecast.high
        with pytest.raises(ExamError, match="unknown blueprint 'Nope'"):
            ExamSession.start(store, questions, ExamConfig(blueprint="Nope"), lambda: NOW)


def test_blueprint_show_tells_what_the_banks_give(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["blueprint", "show", "professional"]) == 0
    out = capsys.readouterr().out
    assert "Data Processing" in out and "30%" in out and "thin:" in out
    assert main(["blueprint", "show", "nope"]) == 2
    assert "unknown blueprint 'nope'" in capsys.readouterr().err
