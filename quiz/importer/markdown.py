"""Line-level Markdown structure shared by the source parsers.

The question files are Markdown written by hand and by exporters, so the
structure is read leniently: fenced code blocks (also those opened after a
list bullet or an option letter, and closed by a fence with trailing text),
ATX headings outside code, and sections that run to the next heading of the
same or a higher level.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from quiz.importer.errors import SourceError
from quiz.text import strip_controls

_FENCE_OPEN = re.compile(
    r"^\s*+(?:(?:[-*+]|\d+[.)])\s++)?(?:\*{0,2}\(?[A-Ha-h][.)．:：]\*{0,2}\s*)?(?P<fence>`{3,}|~{3,})"
)
_FENCE_CLOSE = re.compile(r"^\s*+(?P<fence>`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(?P<marks>#{1,6})(?P<rest>.*)$")
_LINK = re.compile(r"\[(?P<title>[^\[\]]*)\]\((?P<url>https?://[^)\s]+)\)")
_BARE_URL = re.compile(r"(?<![(<\[])(?P<url>https?://[^\s)>\]`*]+)")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff"))  # not U+200D: emoji need it


@dataclass(frozen=True)
class Heading:
    """An ATX heading: its line index (0-based), level and text."""

    index: int
    level: int
    text: str


class Document:
    """The lines of a Markdown text with code-block and heading structure."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.in_code = code_lines(self.lines)
        self.headings = [
            heading
            for index, line in enumerate(self.lines)
            if not self.in_code[index] and (heading := _heading(index, line))
        ]
        self._indexes = [heading.index for heading in self.headings]
        self._ends: dict[int, int] = {}
        open_sections: list[Heading] = []
        for heading in self.headings:
            while open_sections and open_sections[-1].level >= heading.level:
                self._ends[open_sections.pop().index] = heading.index
            open_sections.append(heading)
        self._ends.update((heading.index, len(self.lines)) for heading in open_sections)

    def section_end(self, heading: Heading) -> int:
        """The line index where a heading's section (with its sub-sections) ends."""
        return self._ends[heading.index]

    def next_heading_index(self, index: int) -> int:
        """The line index of the first heading after ``index`` (or the end)."""
        position = bisect.bisect_right(self._indexes, index)
        return self._indexes[position] if position < len(self._indexes) else len(self.lines)

    def headings_between(self, start: int, end: int) -> list[Heading]:
        """The headings on lines strictly after ``start`` and before ``end``."""
        low = bisect.bisect_right(self._indexes, start)
        return self.headings[low : bisect.bisect_left(self._indexes, end, lo=low)]

    def text(self, start: int, end: int) -> str:
        """Lines ``start``..``end`` as clean Markdown."""
        return clean_markdown("\n".join(self.lines[start:end]))


def _heading(index: int, line: str) -> Heading | None:
    """The ATX heading on a line, if it is one (closing ``#`` marks dropped)."""
    match = _HEADING.match(line)
    if match is None:
        return None
    rest = match["rest"]
    if rest[:1] in ("", " ", "\t"):
        text = rest.rstrip(" \t").rstrip("#").rstrip(" \t")
    elif rest.rstrip(" \t").strip("#"):
        return None
    else:
        text = ""
    return Heading(index, len(match["marks"]), text.strip())


def code_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """``(start, end)`` line spans of fenced code blocks, fences included, end exclusive."""
    blocks: list[tuple[int, int]] = []
    fence = ""
    start = 0
    for index, line in enumerate(lines):
        if fence:
            match = _FENCE_CLOSE.match(line)
            if match and match["fence"][0] == fence[0] and len(match["fence"]) >= len(fence):
                blocks.append((start, index + 1))
                fence = ""
            continue
        match = _FENCE_OPEN.match(line)
        if match and not (match["fence"][0] == "`" and "`" in line[match.end() :]):
            fence, start = match["fence"], index
    if fence:
        blocks.append((start, len(lines)))
    return blocks


def code_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it belongs to a fenced code block (fences included)."""
    flags = [False] * len(lines)
    for start, end in code_blocks(lines):
        flags[start:end] = [True] * (end - start)
    return flags


def normalise_source(text: str) -> str:
    """Newlines as ``\\n``, no BOM, invisible or control characters, HTML comments blanked.

    Comments are replaced by as many newlines as they spanned so that line
    numbers in error messages still point into the original file; a comment
    that is never closed is a ``SourceError`` (it would hide the rest).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    text = strip_controls(text)
    parts: list[str] = []
    done = 0
    while (start := text.find("<!--", done)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            line = text.count("\n", 0, start) + 1
            raise SourceError(line, "unclosed HTML comment ('<!--' without '-->')")
        parts += [text[done:start], "\n" * text.count("\n", start, end)]
        done = end + 3
    parts.append(text[done:])
    return "".join(parts)


def clean_markdown(text: str) -> str:
    """Tidy a Markdown fragment for a record without changing what it says.

    Trailing spaces go (a two-space hard break becomes a backslash break), tabs
    become spaces, runs of blank lines outside code collapse to one, and the
    fragment loses leading/trailing blank lines and ``---`` rules at its edges.
    """
    lines = text.split("\n")
    in_code = code_lines(lines)
    out: list[str] = []
    for line, code in zip(lines, in_code, strict=True):
        stripped = line.expandtabs(4).rstrip()
        if not code and line.endswith("  ") and stripped:
            stripped += "\\"
        if not code and not stripped and out and not out[-1]:
            continue
        out.append(stripped)
    while out and (not out[-1].strip() or _is_rule(out[-1])):
        out.pop()
    first = 0
    while first < len(out) and (not out[first].strip() or _is_rule(out[first])):
        first += 1
    out = out[first:]
    if out and out[-1].endswith("\\"):
        out[-1] = out[-1][:-1].rstrip()
    return "\n".join(out)


def _is_rule(line: str) -> bool:
    return bool(re.fullmatch(r"\s{0,3}([-*_])(\s*\1){2,}\s*", line))


def heading_words(text: str) -> str:
    """A heading reduced to its words: no emoji, Markdown marks or numbering."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] in "LNZ" or ch in "-")
    return " ".join(re.sub(r"^\s*\d+[.)]?\s*", "", text).split())


def links(text: str) -> list[tuple[str, str]]:
    """``(title, url)`` for every Markdown link and bare URL, in order, without repeats."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for line in text.split("\n"):
        for match in _LINK.finditer(line):
            _add_link(found, seen, match["title"].strip(" *`"), match["url"])
        remainder = _LINK.sub(" ", line)
        done = 0  # a URL's title is the text before it, back to the URL before it
        for match in _BARE_URL.finditer(remainder):
            url = match["url"].rstrip(".,;:'\"")
            title = remainder[done : match.start()].strip(" -*•:：`>")
            done = match.end()
            _add_link(found, seen, re.sub(r"^\d+[.)]\s*", "", title), url)
    return found


def _add_link(found: list[tuple[str, str]], seen: set[str], title: str, url: str) -> None:
    if url in seen:
        return
    seen.add(url)
    if title.casefold().rstrip(":：") in ("", "reference", "references", "參考", "參考資料"):
        title = url
    found.append((title, url))
