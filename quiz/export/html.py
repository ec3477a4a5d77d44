"""Record Markdown as HTML for other apps: text is data, so HTML written in a record is
escaped (markdown-it with ``html`` off), control characters are dropped, and an image is
kept only when ``resolve`` gives it a name (a packed file) or it is an http(s) URL."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from quiz.text import strip_controls

Resolve = Callable[[str], str | None]
"""An image's ``src`` as markdown-it gives it -> the name to show it by, or None."""
WEB = ("http://", "https://")


def renderer() -> MarkdownIt:
    """CommonMark with tables and strikethrough, raw HTML escaped."""
    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    md.add_render_rule("image", _image)
    return md


def to_html(md: MarkdownIt, text: str, resolve: Resolve) -> str:
    """A record's Markdown text as HTML; ``resolve`` names the images it shows."""
    if not text:
        return ""
    return str(md.render(strip_controls(text), {"resolve": resolve})).strip()


def inline_html(md: MarkdownIt, text: str, resolve: Resolve) -> str:
    """``to_html`` without the paragraph around a text of one paragraph (an option)."""
    html = to_html(md, text, resolve)
    inner = html.removeprefix("<p>").removesuffix("</p>")
    return inner if "<p>" not in inner and html != inner else html


def _image(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    """An image as packed (or on the web), else its alt text."""
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env)
    name = env["resolve"](src)
    if name is None and src.startswith(WEB):
        name = src
    if name is None:
        return f'<span class="image-missing">[{escape(alt)}]</span>'
    return f'<img src="{escape(name)}" alt="{escape(alt)}">'
