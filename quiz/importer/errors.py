"""Why a source file yields no question."""

from __future__ import annotations


class SourceError(Exception):
    """A question file that cannot be imported: the 1-based line and what is wrong."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class NotAQuestion(Exception):
    """A file that is not a question file at all (skipped, with the reason)."""
