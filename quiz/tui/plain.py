"""Untrusted text on screen: record fields, file names, paths and problem messages.

Whatever comes from a question file or a path and is drawn goes through here, never
inside a markup string: ``plain`` makes widget content (Textual ``Content``; our own
styling goes around it with ``Content.assemble``), ``plain_text`` a Rich ``Text`` for
Rich renderables such as table cells, and ``shown`` the string for what takes plain
strings (notifications, titles, Markdown sources). Markup is never parsed, and control
characters are shown as symbols (``quiz.text.visible_controls``).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from rich.text import Text
from textual.content import Content

from quiz.text import visible_controls

_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_URL_SAFE = "/:?#[]@!$&'*+,;=%~-._"  # everything else (spaces, parentheses, <>) is encoded


def shown(text: str) -> str:
    """The text with its control characters made visible: safe to draw as plain text."""
    return visible_controls(text)


def plain(text: str, style: str = "") -> Content:
    """Untrusted text as widget content: never markup, no control characters."""
    return Content.styled(shown(text), style)


def plain_text(text: str, style: str = "") -> Text:
    """Untrusted text as a Rich ``Text`` (for Rich tables and groups)."""
    return Text(shown(text), style=style)


def markdown_link(title: str, url: str) -> str:
    """A Markdown link whose title and URL cannot break out of it into other Markdown."""
    label = _MARKDOWN_PUNCTUATION.sub(r"\\\1", shown(title or url))
    return f"[{label}]({quote(shown(url), safe=_URL_SAFE)})"
