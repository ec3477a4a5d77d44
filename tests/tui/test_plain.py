"""The display helpers for untrusted text, and which clicked links the app opens."""

from __future__ import annotations

from markdown_it import MarkdownIt

from quiz.tui.app import is_web_link
from quiz.tui.plain import markdown_link, plain, plain_text

MARKUP = "[@click=app.quit]x[/] list[/int] [/x] [DataFrame] [b]bold[/b]"


def test_plain_never_parses_markup_and_shows_controls() -> None:
    content = plain(MARKUP + " \x1b[2J\x9b")
    assert content.plain == MARKUP + " ␛[2J<U+009B>"
    assert not content.spans
    assert plain("[b]x[/b]", "bold").spans[0].style == "bold"


def test_plain_text_never_parses_markup_and_shows_controls() -> None:
    text = plain_text(MARKUP + "\x1b]0;title\x07")
    assert text.plain == MARKUP + "␛]0;title␇"
    assert not text.spans and not text.style


def links(markdown: str) -> list[tuple[str, str]]:
    """(href, text) of every link in a Markdown text."""
    found = []
    for token in MarkdownIt("gfm-like").parse(markdown):
        children = token.children or []
        for index, child in enumerate(children):
            if child.type == "link_open":
                text = "".join(c.content for c in children[index + 1 :] if c.type == "text")
                found.append((str(child.attrs["href"]), text))
    return found


def test_a_reference_cannot_break_out_of_its_markdown_link() -> None:
    title = "docs](app.quit) [DataFrame"
    url = "https://example.com/a b(c)<d>\\"
    found = links(markdown_link(title, url))
    assert len(found) == 1
    href, text = found[0]
    assert href == "https://example.com/a%20b%28c%29%3Cd%3E%5C"
    assert text == title


def test_a_reference_without_title_shows_its_url() -> None:
    assert links(markdown_link("", "https://example.com/x_y"))[0][1] == "https://example.com/x_y"


def test_only_web_links_are_opened() -> None:
    assert is_web_link("https://docs.databricks.com/api/jobs")
    assert is_web_link("HTTP://example.com")
    for url in ("app.quit", "javascript:alert(1)", "file:///etc/passwd", "x'),app.quit('"):
        assert not is_web_link(url), url
    assert not is_web_link("https://example.com/\x1b]0;x\x07")
    assert not is_web_link("http://[broken")
