"""A big mapping of words held as one block per first character, each block made into a
dict the first time a word starting with that character is looked up.

The lexicon has half a million words, and building dicts of them all would take most of
its start; a text asks about the words of a few thousand characters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

V = TypeVar("V")


class Grouped(Mapping[str, V]):
    """Words (non-empty strings) and their values, by first character: ``make(n)`` gives
    the words (and values) starting with ``firsts[n]``."""

    def __init__(self, firsts: str, make: Callable[[int], dict[str, V]]) -> None:
        self._index = {char: number for number, char in enumerate(firsts)}
        self._make = make
        self._blocks: dict[str, dict[str, V]] = {}

    def block(self, char: str) -> Mapping[str, V]:
        """The words starting with ``char``, with their values."""
        block = self._blocks.get(char)
        if block is None:
            number = self._index.get(char)
            block = {} if number is None else self._make(number)
            self._blocks[char] = block
        return block

    def __getitem__(self, word: str) -> V:
        return self.block(word[:1])[word]

    def get(self, word: str, default: Any = None) -> Any:  # faster than Mapping's
        return self.block(word[:1]).get(word, default)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word in self.block(word[:1])

    def __iter__(self) -> Iterator[str]:
        for char in self._index:
            yield from self.block(char)

    def __len__(self) -> int:
        return sum(len(self.block(char)) for char in self._index)


def block(words: Mapping[str, V], char: str) -> Mapping[str, V]:
    """A mapping holding (at least) the words of ``words`` that start with ``char``: its
    block when it is ``Grouped``, else the whole of it."""
    return words.block(char) if isinstance(words, Grouped) else words
