"""Option lists: ``- **A.** text``, ``- A. text (Correct)``, ``A) text`` and
options whose text is a code block, continuation lines included."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quiz.importer.markdown import clean_markdown, code_blocks, code_lines
from quiz.model import LETTERS

_MARKER = re.compile(
    r"^(?P<indent>\s{0,3})(?:[-*+]\s+)?(?:\*\*|__)?[(（\[]?(?P<letter>[A-H])(?:\*\*|__)?"
    r"[\s]*[.)）\]．:：、](?:\*\*|__)?(?:\s+|$|(?=`))(?P<rest>.*)$"
)
_CORRECT = re.compile(
    r"\s*(?:\*\*|__)?(?:[(（\[]\s*(?:correct(?: answer)?|正確(?:答案)?|正解)\s*[)）\]]|✅|✔️?)"
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
    is separated by a blank line and not indented is not part of it.
    """
    in_code = code_lines(lines)
    openers = {start for start, _ in code_blocks(lines)}
    starts: list[tuple[int, str, str]] = []
    for index, line in enumerate(lines):
        if in_code[index] and index not in openers:
            continue
        match = _MARKER.match(line)
        if match and match["letter"] == LETTERS[len(starts)] and len(starts) < len(LETTERS):
            starts.append((index, match["letter"], match["rest"]))
        elif match and match["letter"] == "A" and len(starts) < 2:
            starts = [(index, "A", match["rest"])]
    if len(starts) < 2:
        return None
    options: dict[str, str] = {}
    correct: list[str] = []
    end = len(lines)
    for number, (index, letter, rest) in enumerate(starts):
        stop = starts[number + 1][0] if number + 1 < len(starts) else _option_end(lines, index)
        body = [rest, *_dedent(lines[index + 1 : stop])]
        text, is_correct = _strip_correct_marker(body)
        options[letter] = text
        if is_correct:
            correct.append(letter)
        end = stop
    return ParsedOptions(options, tuple(correct), starts[0][0] + offset, end + offset)


def _option_end(lines: list[str], start: int) -> int:
    """Where the last option stops.

    It runs to the end of the block when a later line carries the
    ``(Correct)`` mark (exports put it after code or a second paragraph);
    otherwise it stops at a blank line followed by unindented prose.
    """
    in_code = code_lines(lines)
    if any(_CORRECT.search(line) for line in lines[start + 1 :]):
        return len(lines)
    for index in range(start + 1, len(lines) - 1):
        following = lines[index + 1]
        if (
            not in_code[index]
            and not lines[index].strip()
            and following.strip()
            and not following.startswith((" ", "\t"))
            and not in_code[index + 1]
        ):
            return index
    return len(lines)


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
        body[-1] = _CORRECT.sub("", body[-1])
        is_correct = True
    text = clean_markdown(unbullet_code("\n".join(body)))
    return text, is_correct


def unbullet_code(text: str) -> str:
    """Undo an exporter's habit of turning each code line into a ``- `` bullet.

    Inside a fenced block whose every non-blank line starts with ``- ``, the
    prefixes (and blank lines) are removed; other code is kept as is.
    """
    lines = text.split("\n")
    for start, end in reversed(code_blocks(lines)):
        closed = end - start > 1 and lines[end - 1].lstrip().startswith(("```", "~~~"))
        inner_end = end - 1 if closed else end
        inner = lines[start + 1 : inner_end]
        filled = [line for line in inner if line.strip()]
        if filled and all(line.startswith("- ") for line in filled):
            lines[start + 1 : inner_end] = [line[2:] for line in filled]
    return "\n".join(lines)
