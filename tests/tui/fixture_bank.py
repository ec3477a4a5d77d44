"""A small fixed bank for the TUI tests, so snapshots do not change when ``questions/`` grows."""

from __future__ import annotations

from quiz.bank import Bank
from quiz.model import Community, Explanation, Question, Reference

_TOPICS = ("Jobs-API", "Delta-Lake", "Streaming", "Unity-Catalog")
_TRAPS = ("Similar-Options", "Default-Value", "Concept-Confusion")


def _question(number: int) -> Question:
    topic = _TOPICS[number % len(_TOPICS)]
    trap = _TRAPS[number % len(_TRAPS)]
    multi = number % 5 == 4
    return Question(
        id=f"Q{number:03d}",
        bank="jobs" if number % 2 else "delta",
        stem=(
            f"Question {number}: which call fits **{topic}**?\n\n"
            "```python\nresult = client.get(endpoint)\n```"
        ),
        options={
            "A": f"`{topic.lower()}/get`",
            "B": f"`{topic.lower()}/list`",
            "C": "it depends on the cluster",
            "D": "none of these",
        },
        answer=("A", "C") if multi else ("A",),
        level=("L1-Basic", "L2-Intermediate", "L3-Advanced")[number % 3],
        domain="Data Engineering",
        topics=(topic,),
        traps=(trap,),
        community=Community(answer=("A",), votes="A (87%)") if number % 3 == 0 else None,
        explanation=Explanation(
            key_points=f"- `get` reads one item\n- `list` pages through {topic}",
            correct="`get` returns exactly one object.",
            wrong={"B": "`list` returns many.", "D": "One of them is right."},
            mnemonic="GET one, LIST many",
            references=(Reference("Jobs API", "https://docs.databricks.com/api/jobs"),),
        ),
    )


def fixture_questions(count: int = 12) -> list[Question]:
    """``count`` deterministic questions spread over two banks, four topics and three traps."""
    return [_question(number) for number in range(1, count + 1)]


def fixture_bank(count: int = 12) -> Bank:
    """A ``Bank`` of ``fixture_questions``."""
    return Bank(questions=fixture_questions(count))
