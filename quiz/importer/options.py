"""Option lists: ``- **A.** text``, ``- A. text (Correct)``, ``A) text`` and
options whose text is a code block, continuation lines included."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quiz.importer.errors import SourceError
from quiz.importer.markdown import clean_markdown, code_blocks, code_lines
from quiz.model import LETTERS

_MARKER = re.compile(
    r"^(?P<indent>\s{0,3})(?:[-*+]\s+)?(?:\*\*|__)?[(（\[]?(?P<letter>[A-Z])(?:\*\*|__)?"
    r"[\s]*[.)）\]．:：、](?:\*\*|__)?(?:\s+|$|(?=`))(?P<rest>.*)$"
)
_CORRECT = re.compile(
    r"(?:\*\*|__)?(?:[(（\[]\s*(?:correct(?: answer)?|正確(?:答案)?|正解)\s*[)）\]]|✅|✔️?)"
    r"(?:\*\*|__)?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ParsedOptions:
    """Options found in a block of lines."""

    options: dict[str, str]
    marked_correct: tuple[str, ...]
    first_index: int
    end_index: int


def find_options(lines: list[str], offset: int = 0) -> ParsedOptions | None:
    """The run of options ``A``, ``B``, ... in ``lines`` (``offset`` = index of lines[0]).

    Letters must follow each other from ``A``; text after the last option that
    is separated by a blank line and not indented is not part of it. A letter
    out of turn (skipped, repeated, past ``H``) inside the run is a
    ``SourceError``: it would otherwise be swallowed into the option before it.
    """
    in_code = code_lines(lines)
    openers = {start for start, _ in code_blocks(lines)}
    markers = {
        index: match
        for index, line in enumerate(lines)
        if (not in_code[index] or index in openers) and (match := _MARKER.match(line))
    }
    marks = [index for index, line in enumerate(lines) if _CORRECT.search(line)]
    breaks = _paragraph_breaks(lines, in_code, markers)

    def end_of(start: int) -> int:
        """Where an option stops if no other follows: a later (Correct) mark carries it on."""
        return len(lines) if marks and marks[-1] > start else breaks[start + 1]

    starts: list[tuple[int, str, str]] = []
    strays: list[tuple[int, str, str]] = []  # (line, letter, the option before it or "")
    for index, match in markers.items():
        letter = match["letter"]
        lone_a = len(starts) == 1 and index >= breaks[starts[0][0] + 1]  # that "A." was prose
        if letter == "A" and (not starts or lone_a):
            for line, other, _ in strays:
                if breaks[line + 1] > index:
                    raise SourceError(line + offset + 1, f"option {other} before option A")
            starts, strays = [(index, "A", match["rest"])], []
        elif starts and len(starts) < len(LETTERS) and letter == LETTERS[len(starts)]:
            starts.append((index, letter, match["rest"]))
        else:
            strays.append((index, letter, starts[-1][1] if starts else ""))
    if not starts:
        return None
    end = end_of(starts[-1][0])
    for index, letter, previous in strays:
        if index < end:
            raise SourceError(index + offset + 1, _out_of_turn(letter, previous))
    if len(starts) < 2:
        return None
    options: dict[str, str] = {}
    correct: list[str] = []
    for number, (index, letter, rest) in enumerate(starts):
        stop = starts[number + 1][0] if number + 1 < len(starts) else end
        body = [rest, *_dedent(lines[index + 1 : stop])]
        text, is_correct = _strip_correct_marker(body)
        options[letter] = text
        if is_correct:
            correct.append(letter)
    return ParsedOptions(options, tuple(correct), starts[0][0] + offset, end + offset)


def _out_of_turn(letter: str, previous: str) -> str:
    if previous == LETTERS[-1]:
        return f"option {letter} after option {previous}: at most {len(LETTERS)} options"
    expected = LETTERS[LETTERS.index(previous) + 1]
    return f"option {letter} where option {expected} should follow option {previous}"


def _paragraph_breaks(
    lines: list[str], in_code: list[bool], markers: dict[int, re.Match[str]]
) -> list[int]:
    """For each line, the first blank line at or after it where a last option stops:
    one followed by unindented prose (not code, not another option line)."""
    breaks = [len(lines)] * (len(lines) + 1)
    for index in range(len(lines) - 2, -1, -1):
        following = lines[index + 1]
        is_break = (
            not in_code[index]
            and not lines[index].strip()
            and following.strip()
            and not following.startswith((" ", "\t"))
            and not in_code[index + 1]
            and index + 1 not in markers
        )
        breaks[index] = index if is_break else breaks[index + 1]
    return breaks


def _dedent(lines: list[str]) -> list[str]:
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return [line[cut:] for line in lines]


def _strip_correct_marker(body: list[str]) -> tuple[str, bool]:
    """Option text without its ``(Correct)`` mark (also on a line after a code block)."""
    while body and not body[-1].strip():
        body.pop()
    is_correct = False
    if body and _CORRECT.search(body[-1]):
        body[-1] = _CORRECT.sub("", body[-1]).rstrip()
        is_correct = True
    text = clean_markdown(unbullet_code("\n".join(body)))
    return text, is_correct


def unbullet_code(text: str) -> str:
    """Undo an exporter's habit of turning each code line into a ``- `` bullet.

    Inside a fenced block whose every non-blank line starts with ``- ``, the
    prefixes (and blank lines) are removed; other code is kept as is.
    """
    lines = text.split("\n")
    out: list[str] = []
    done = 0
    for start, end in code_blocks(lines):
        closed = end - start > 1 and lines[end - 1].lstrip().startswith(("```", "~~~"))
        inner_end = end - 1 if closed else end
        filled = [line for line in lines[start + 1 : inner_end] if line.strip()]
        if filled and all(line.startswith("- ") for line in filled):
            out += [*lines[done : start + 1], *(line[2:] for line in filled)]
            done = inner_end
    return "\n".join(out + lines[done:])
