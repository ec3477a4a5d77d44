"""Text from question files is data: control characters never pass through, and a
Markdown stem can be previewed on one line.

Two treatments of the same set of characters (C0 controls but newline and tab,
DEL, C1 controls, and the bidirectional overrides that reorder what is shown):
``strip_controls`` removes them from text being imported; ``visible_controls``
shows them as harmless symbols in anything printed or drawn, so a record or a
file name can never move the cursor, clear the screen or retitle the terminal.
``without_stray_joiners`` drops the emoji glue (joiners, variation selectors) that joins
nothing.
"""

from __future__ import annotations

import re

CONTROL_CHARACTERS = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
"""The characters that must not reach a terminal, as the body of a regex character class."""
_CONTROLS = re.compile(f"[{CONTROL_CHARACTERS}]")


def has_controls(text: str) -> bool:
    """True when the text holds a character that must not reach a terminal."""
    return _CONTROLS.search(text) is not None


def strip_controls(text: str) -> str:
    """The text without control characters (newline and tab are kept)."""
    return _CONTROLS.sub("", text)


_JOINERS = re.compile("[\u200d\ufe00-\ufe0f]+")
"""A run of zero-width joiners and variation selectors (the glue of emoji sequences)."""


def without_stray_joiners(text: str) -> str:
    """The text without a joiner or variation selector that joins nothing: a selector must
    follow a character (not a space), a joiner sit between two (``👩‍💻`` stays whole)."""
    return _JOINERS.sub(_kept_joiners, text) if _JOINERS.search(text) else text


def _kept_joiners(match: re.Match[str]) -> str:
    text, run = match.string, match.group()
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end()] if match.end() < len(text) else " "
    if before.isspace():
        return ""
    selector = "" if run[0] == "\u200d" else run[0]
    return selector + ("\u200d" if "\u200d" in run and not after.isspace() else "")


def visible_controls(text: str) -> str:
    """The text with each control character shown as a symbol (``ESC`` as ``␛``)."""
    if not has_controls(text):
        return text
    return _CONTROLS.sub(_symbol, text)


def _symbol(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


_FENCED_CODE = re.compile(r"```.*?(```|$)", re.DOTALL)
_FENCE_LINES = re.compile(r"^[ \t]*(?:```|~~~).*$", re.MULTILINE)
_LINE_MARKS = re.compile(r"^[ \t]{0,3}(?:#{1,6}|>)[ \t]*", re.MULTILINE)
# Fenced code (kept), or a backslash line break's mark at a line's end (dropped).
_BREAK_MARKS = re.compile(r"(```.*?(?:```|\Z))|\\$", re.DOTALL | re.MULTILINE)
_EMPHASIS = re.compile(r"\*\*|`|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<!\w)__|__(?!\w)")


def preview(markdown: str, width: int) -> str:
    """The start of a Markdown text on one line of at most ``width`` characters: code
    blocks, heading and quote marks, emphasis and line-break marks taken away; ``job_id``
    and ``SELECT * FROM`` kept as written."""
    text = _without_break_marks(_FENCED_CODE.sub(" ", markdown))
    text = _EMPHASIS.sub("", _LINE_MARKS.sub("", text))
    text = " ".join(text.split())
    return text if len(text) <= width else without_stray_joiners(text[: width - 1].rstrip()) + "…"


def markdown_words(markdown: str) -> str:
    """A Markdown text as plain words: code fence lines, heading and quote marks, emphasis
    and line-break marks (``\\`` at a line's end) taken away, the code itself and the line
    breaks kept."""
    text = _without_break_marks(markdown)
    return _EMPHASIS.sub("", _LINE_MARKS.sub("", _FENCE_LINES.sub("", text)))


def _without_break_marks(markdown: str) -> str:
    return _BREAK_MARKS.sub(lambda match: match[1] or "", markdown)
