"""Markdown structure shared by the source parsers, read by markdown-it-py.

Headings, fenced code and ``---`` rules come from markdown-it-py's block
parser with only the rules the importer reads: paragraphs, ATX headings,
fences and thematic breaks. Made as lenient as hand-written and exported
question files need:

- no setext headings (the template puts ``---`` under paragraphs), indented
  code (continuation lines are indented), HTML blocks or tables;
- lists and quotes are not parsed (nothing reads them; quotes nest, which made
  long files slow): their lines are text, so ``> ## x`` is no heading, and a
  heading indented under a bullet (up to three spaces) still is one;
- a line indented four or more spaces is not a heading or a rule, but a fence
  may be indented any amount, follow a list bullet or an option letter
  (``- **A.** ```sql``), and closes at the next line that starts with its
  marks, whatever follows them (``` ``` (Correct)```);
- a section runs to the next heading of the same or a higher level.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.ruler import RuleOptionsType
from markdown_it.rules_block import heading as heading_rule
from markdown_it.rules_block import hr as hr_rule
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.token import Token

from quiz.importer.errors import SourceError
from quiz.text import strip_controls, without_stray_joiners

# A fence opener, also after a list bullet or an option letter (an exporter's habit).
_FENCE_OPEN = re.compile(
    r"\s*+(?:(?:[-*+]|\d+[.)])\s++)?(?:\*{0,2}\(?[A-Ha-h][.)．:：]\*{0,2}\s*)?(?P<fence>`{3,}|~{3,})"
)
_RULE_MARKS = frozenset("-*_ \t")
_LINK = re.compile(r"\[(?P<title>[^\[\]]*)\]\((?P<url>https?://[^)\s]+)\)")
_BARE_URL = re.compile(r"(?<![(<\[])(?P<url>https?://[^\s)>\]`*]+)")
_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")  # not U+200D: emoji need it
# Inline code (kept as written), a run of ``<br>`` tags with the spaces around them, or an
# HTML anchor: with its text, self-closed, or a bare ``<a id=…>`` / ``<a name=…>`` target.
_HTML = re.compile(
    r"(?P<code>(`+)(?!`).*?(?<!`)\2(?!`))|(?P<br>[ \t]*(?:<br[ \t]*/?>[ \t]*)+)"
    r"|<a(?P<attrs>\s[^<>]*?)?\s*(?:/>|>(?P<text>[^<>]*)</a>)"
    r"|<a(?:\s+(?:id|name)\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'<>]+))+\s*>",
    re.IGNORECASE,
)
_HREF = re.compile(r"""\bhref\s*=\s*["']?(?P<url>https?://[^\s"'<>()]+)["']?""", re.IGNORECASE)

_Rule = Callable[[StateBlock, int, int, bool], bool]


def _fence(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A fenced code block, read leniently (see the module docstring)."""
    src, line_end = state.src, state.eMarks[start]
    match = _FENCE_OPEN.match(src, state.bMarks[start] + state.tShift[start], line_end)
    if match is None or (match["fence"][0] == "`" and src.find("`", match.end(), line_end) >= 0):
        return False  # a backtick after the fence makes it inline code
    if silent:
        return True
    fence, line = match["fence"], start + 1
    while line < end and not _line(state, line).lstrip().startswith(fence):
        line += 1
    state.line = min(line + 1, end)
    state.push("fence", "code", 0).map = [start, state.line]
    return True


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] : state.eMarks[line]]


def _paragraph(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Lines up to a blank line or a block that interrupts them (no tokens: none are read).

    Unlike CommonMark's, a line indented four or more spaces is checked too, so
    that a fence indented under a list bullet opens a code block.
    """
    interrupts = state.md.block.ruler.getRules("paragraph")
    line = start + 1
    while line < end and not state.isEmpty(line):
        for rule in interrupts:
            if rule(state, line, end, True):
                state.line = line
                return True
        line += 1
    state.line = line
    return True


def _unless_indented(rule: _Rule) -> _Rule:
    """A block rule that does not match lines indented four or more spaces."""

    def indented_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        return state.sCount[start] < 4 and rule(state, start, end, silent)

    return indented_rule


def _parser(rules: list[str]) -> MarkdownIt:
    """A block parser for paragraphs and the given rules (``fence``, ``heading``, ``hr``).

    Each rule reads one line (a fence: its lines), so leaving one out changes
    nothing the others find; every rule left out saves time on every line.
    """
    parser = MarkdownIt("zero")
    interrupts: RuleOptionsType = {"alt": ["paragraph"]}
    parser.block.ruler.at("fence", _fence, interrupts)
    parser.block.ruler.at("hr", _unless_indented(hr_rule), interrupts)
    parser.block.ruler.at("heading", _unless_indented(heading_rule), interrupts)
    parser.block.ruler.at("paragraph", _paragraph)
    return parser.enable(rules)


_DOCUMENT = _parser(["fence", "heading"])
_CODE = _parser(["fence"])
_RULE = _parser(["hr"])


class _State(StateBlock):
    """A parse state whose tokens skip the defaults nothing here reads: the rules
    only set ``map``, ``content`` and such, and a third of the parse went on them."""

    def push(self, ttype: str, tag: str, nesting: Literal[-1, 0, 1]) -> Token:
        token = object.__new__(Token)
        token.type, token.tag, token.map = ttype, tag, None
        self.tokens.append(token)
        return token


def _parse(parser: MarkdownIt, text: str) -> list[Token]:
    """The block tokens of a text: type, tag, ``map`` (0-based line span), content."""
    tokens: list[Token] = []
    # A newline after the last line gives the parse a line for each line of the
    # text (and an unclosed fence runs to the last one).
    state = _State(text + "\n", parser, {}, tokens)
    parser.block.tokenize(state, 0, state.lineMax)
    return tokens


def _code(tokens: list[Token]) -> list[tuple[int, int]]:
    return [(token.map[0], token.map[1]) for token in tokens if token.type == "fence" and token.map]


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
        tokens = _parse(_DOCUMENT, text)
        self.in_code = _flags(len(self.lines), _code(tokens))
        self.headings = [
            Heading(token.map[0], int(token.tag[1]), _heading_text(tokens[number + 1].content))
            for number, token in enumerate(tokens)
            if token.type == "heading_open" and token.map
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
        lines = self.lines[start:end]
        return clean_markdown("\n".join(lines), self.in_code[start:end]) if lines else ""


def _heading_text(content: str) -> str:
    return (_html_as_markdown(content, one_line=True) if "<" in content else content).strip()


def code_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """``(start, end)`` line spans of fenced code blocks, fences included, end exclusive."""
    text = "\n".join(lines)
    # No fence marks, no code: most fragments (option texts) need no parse.
    return _code(_parse(_CODE, text)) if "```" in text or "~~~" in text else []


def code_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it belongs to a fenced code block (fences included)."""
    return _flags(len(lines), code_blocks(lines))


def _flags(count: int, spans: list[tuple[int, int]]) -> list[bool]:
    flags = [False] * count
    for start, end in spans:
        flags[start:end] = [True] * (end - start)
    return flags


def normalise_source(text: str) -> str:
    """Newlines as ``\\n``, no BOM, invisible or control characters or stray emoji joiners,
    HTML comments blanked.

    Comments are replaced by as many newlines as they spanned so that line
    numbers in error messages still point into the original file; a comment
    that is never closed is a ``SourceError`` (it would hide the rest).
    """
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
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
    return without_stray_joiners("".join(parts))


def clean_markdown(text: str, in_code: list[bool] | None = None) -> str:
    """Tidy a Markdown fragment for a record without changing what it says.

    Trailing spaces go (a two-space hard break becomes a backslash break), tabs
    become spaces, HTML outside code becomes Markdown (``_html_as_markdown``), runs of
    blank lines outside code collapse to one, and the fragment loses leading/trailing
    blank lines and ``---`` rules at its edges.
    ``in_code`` tells which lines are code when the fragment is part of a document.
    """
    lines = text.split("\n")
    if in_code is None:
        in_code = code_lines(lines)
    out: list[str] = []
    out_code: list[bool] = []
    for line, code in zip(lines, in_code, strict=True):
        stripped = line.expandtabs(4).rstrip()
        if not code and line.endswith("  ") and stripped:
            stripped += "\\"
        if not code and "<" in stripped:
            stripped = _html_as_markdown(stripped)
        for part in (piece.rstrip() for piece in stripped.split("\n")):
            if not code and not part and out and not out[-1]:
                continue
            out.append(part)
            out_code.append(code)

    def at_edge_goes(index: int) -> bool:
        return not out[index].strip() or (not out_code[index] and _is_rule(out[index]))

    last = len(out)
    while last and at_edge_goes(last - 1):
        last -= 1
    first = 0
    while first < last and at_edge_goes(first):
        first += 1
    out = out[first:last]
    if out and out[-1].endswith("\\"):
        out[-1] = out[-1][:-1].rstrip()
    return "\n".join(out)


def _html_as_markdown(line: str, one_line: bool = False) -> str:
    """A line outside code with the HTML authors leave in it as the Markdown it means.

    A ``<br>`` becomes a backslash break, or " / " in a table row (a cell is one line) or
    when ``one_line``; an anchor becomes its text, a Markdown link when it has a web
    ``href`` and text, nothing when empty (``<a id="x"></a>``). Inline code is kept.
    """
    one_line = one_line or "|" in line

    def replace(match: re.Match[str]) -> str:
        if match["code"]:
            return match[0]
        if not match["br"]:
            return _anchor_text(match["attrs"] or "", (match["text"] or "").strip())
        before, after = line[: match.start()].rstrip(), line[match.end() :].lstrip()
        if not before:
            return line[: match.start()] + match[0][: len(match[0]) - len(match[0].lstrip())]
        if not after:
            return ""
        if one_line and (before.endswith("|") or after.startswith("|")):
            return " "
        return " / " if one_line else "\\\n"

    return _HTML.sub(replace, line)


def _anchor_text(attributes: str, text: str) -> str:
    """An anchor's text, as a Markdown link when it points to a web address."""
    href = _HREF.search(attributes)
    if href is None or not text:
        return text
    label = re.sub(r"([\\\[\]])", r"\\\1", text)
    return f"[{label}]({href['url']})"


def _is_rule(line: str) -> bool:
    """Whether a line outside code is a ``---`` rule (its context cannot change that)."""
    return set(line) <= _RULE_MARKS and any(token.type == "hr" for token in _parse(_RULE, line))


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
