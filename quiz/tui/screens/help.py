"""``?``/F1: the current screen's help and its keys."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown


def keys_markdown(screen: Screen) -> str:
    """A Markdown table of the keys active on a screen (its own and the app's)."""
    rows = []
    seen: set[str] = set()
    for node in (screen, screen.app):
        for binding in node._bindings.key_to_bindings.values():
            for entry in binding:
                if not entry.description or entry.description in seen:
                    continue
                seen.add(entry.description)
                keys = ", ".join(screen.app.get_key_display(b) for b in binding)
                rows.append(f"| `{keys}` | {entry.description} |")
                break
    return "| key | action |\n|---|---|\n" + "\n".join(rows)


class HelpScreen(ModalScreen[None]):
    """The help of the screen below, with its keys; any of escape, q, ? or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="close-help")
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.help_text = getattr(screen, "HELP", "") or ""
        self.keys_text = keys_markdown(screen)

    def compose(self) -> ComposeResult:
        """The help text, then the keys."""
        with VerticalScroll(id="help-body"):
            yield Markdown(f"{self.help_text}\n\n## Keys\n\n{self.keys_text}", id="help-text")
