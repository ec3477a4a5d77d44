"""Options with letters out of turn: never a silently different question.

Either the import reports the file and a line, or every option keeps the text
written under its letter and the answer is exactly the letters marked.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from importer_samples import template

from quiz.importer.batch import SourceFile, parse_source
from quiz.importer.markdown import normalise_source
from quiz.model import LETTERS, Origin, Question

SOURCE = SourceFile(Path("bank/Q-007.md"), "bank/Q-007.md", "bank")
ORIGIN = Origin("bank/Q-007.md", "0" * 64)
WORDS = st.sampled_from(["job", "run", "delta", "table", "stream", "merge", "`id`", "42"])
TEXTS = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
OPTION_LINE = re.compile(r"^(\s{0,3}(?:[-*+]\s+)?(?:\*\*)?)([A-H])((?:\*\*)?[.)](?:\*\*)?(?:\s|$))")
MARKED = re.compile(r"\((?:correct|正確|正解)\)|✅", re.IGNORECASE)


def parse(text: str) -> tuple[list[Question], list[str]]:
    """The questions of a file and its problems (``path:line: message``)."""
    found, problems, _ = parse_source(normalise_source(text), SOURCE, ORIGIN)
    assert all(p.line >= 1 for p in problems), problems
    return [c.question for c in found], [str(p) for p in problems]


def is_silent_change(text: str, options: dict[str, str], answer: tuple[str, ...]) -> bool:
    """True when the file imports without a problem but not as it was written."""
    questions, problems = parse(text)
    if problems:
        return False
    (question,) = questions
    return question.options != options or question.answer != answer


def plain_file(options: str) -> str:
    return (
        "# Question 1\n\n## Question\nWhich one is right?\n\n## Options\n"
        f"{options}\n## Explanation\nBecause.\n"
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("ABCDEFGHIJ"), TEXTS, st.booleans()), min_size=2, max_size=10
    ).filter(lambda written: any(correct for _, _, correct in written)),
    st.booleans(),
)
def test_letters_in_any_order_never_change_the_question(
    written: list[tuple[str, str, bool]], plain: bool
) -> None:
    marked = tuple(dict.fromkeys(letter for letter, _, correct in written if correct))
    if plain:
        lines = [f"- {letter}. {text}{' (Correct)' * correct}" for letter, text, correct in written]
        text = plain_file("\n".join(lines) + "\n")
    else:
        lines = [f"- **{letter}.** {text}" for letter, text, _ in written]
        answer = f"**正解:** `{', '.join(marked)}`\n"
        options = "### 選項\n\n" + "\n".join(lines) + "\n\n---\n"
        text = template(options=options, answer=answer, correct="")  # its heading names B
    letters = [letter for letter, _, _ in written]
    in_turn = letters == list(LETTERS[: len(letters)])
    questions, problems = parse(text)
    if in_turn:
        assert not problems and len(questions) == 1
    if not problems:
        (question,) = questions
        assert in_turn, f"letters {letters} imported as {list(question.options)}"
        assert question.options == {letter: text for letter, text, _ in written}
        assert question.answer == marked


def test_a_skipped_letter_is_reported_with_its_line() -> None:
    text = plain_file("- A. x\n- B. y\n- D. z (Correct)\n")
    assert parse(text)[1] == ["bank/Q-007.md:9: option D where option C should follow option B"]


def test_a_skipped_letter_in_the_template_is_reported() -> None:
    options = "### 選項\n\n- **A.** x\n\n- **B.** y\n\n- **D.** z\n\n---\n"
    text = template(options=options, answer="**正解:** `B`\n")
    (problem,) = parse(text)[1]
    assert text.split("\n")[int(problem.split(":")[1]) - 1] == "- **D.** z"
    assert problem.endswith("option D where option C should follow option B")


def test_a_paragraph_that_starts_like_option_a_is_not_an_option() -> None:
    stem = "### 題幹\n\nA. note: the job runs nightly.\n\nWhich value is unique?\n\n"
    options = "- **A.** x\n- **B.** y (Correct)\n"
    (question,), problems = parse(template(stem=stem + options, options=""))
    assert not problems and question.options == {"A": "x", "B": "y"}


def test_a_ninth_option_is_reported() -> None:
    options = "".join(f"- {letter}. option {letter}\n" for letter in "ABCDEFGHI")
    (problem,) = parse(plain_file(options.replace("B. option B", "B. option B (Correct)")))[1]
    assert problem.endswith(":15: option I after option H: at most 8 options")
    (problem,) = parse(plain_file(options.replace("- I.", "- A.")))[1]
    assert ":15: option A after option H" in problem


def question_texts(corpus: Path) -> list[str]:
    """Each real question as a file of its own (plain exports are split by question)."""
    texts = []
    for path in sorted(corpus.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if path.name.startswith("sample_"):
            texts += re.split(r"\n(?=# Question \d+)", text)
        else:
            texts.append(text)
    return texts


def option_starts(lines: list[str]) -> list[int]:
    """The line indexes of the first run of options ``A``, ``B``, ... outside code."""
    starts: list[int] = []
    fence = False
    for index, line in enumerate(lines):
        fence ^= line.lstrip().startswith("```")
        match = OPTION_LINE.match(line)
        if match and not fence and match[2] == LETTERS[len(starts)]:
            starts.append(index)
            if len(starts) == len(LETTERS):
                break
    return starts


def mutations(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """``(mutated text, [(new letter, old letter), ...])``: options deleted, swapped,
    given a letter twice, or relabelled past a skipped letter."""
    lines = text.split("\n")
    starts = option_starts(lines)
    blocks = [lines[a:b] for a, b in itertools.pairwise(starts)]
    head, tail = lines[: starts[0]], lines[starts[-1] :]
    old = LETTERS[: len(starts)]

    def build(order: list[int], labels: str) -> tuple[str, list[tuple[str, str]]]:
        chosen = [blocks[i] if i < len(blocks) else tail for i in order]
        body = [
            OPTION_LINE.sub(lambda m, x=label: m[1] + x + m[3], block[0], count=1)
            for block, label in zip(chosen, labels, strict=True)
        ]
        out = head[:]
        for first, block in zip(body, chosen, strict=True):
            out += [first, *block[1:]]
        return "\n".join(out), [(label, old[i]) for i, label in zip(order, labels, strict=True)]

    found = []
    every = list(range(len(starts)))
    for k in range(len(starts) - 1):
        rest = [i for i in every if i != k]
        found.append(build(rest, "".join(old[i] for i in rest)))  # deleted
        if k + 1 < len(starts) - 1:
            swapped = [*every[:k], k + 1, k, *every[k + 2 :]]
            found.append(build(swapped, "".join(old[i] for i in swapped)))  # swapped
    for k in range(1, len(starts)):
        found.append(build(every, old[:k] + old[k - 1] + old[k + 1 :]))  # letter twice
        skipped = old[:k] + "".join(chr(ord(c) + 1) for c in old[k:])
        found.append(build(every, skipped))  # letter skipped
    return found


def test_mutated_real_questions_never_import_silently_different(dev_corpus: Path) -> None:
    total = silent = 0
    changed: list[str] = []
    for text in question_texts(dev_corpus):
        (original,), problems = parse(text)
        assert not problems
        marks_travel = any(
            MARKED.search(line) for line in text.split("\n") if OPTION_LINE.match(line)
        )
        for mutated, letters in mutations(text):
            options = {new: original.options[old] for new, old in letters}
            if marks_travel:
                answer = tuple(new for new, old in letters if old in original.answer)
            else:
                answer = original.answer
            total += 1
            if is_silent_change(mutated, options, answer):
                silent += 1
                changed.append(original.id)
    assert total > 1000
    assert silent == 0, (
        f"{silent} of {total} mutated questions imported differently: {changed[:10]}"
    )
