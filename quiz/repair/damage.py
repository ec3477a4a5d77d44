"""The damage model: what the broken transfer did to a text, and what it can have been.

The transfer decoded UTF-8 bytes as Windows-1254, dropping the seven bytes that code page
leaves undefined, then removed every soft hyphen (byte 0xAD). Lead bytes always survive,
so a damaged character is a lead byte followed by too few continuation bytes, and each
missing byte is one of the eight lost values, at any continuation position.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

LOST_BYTES = bytes([0x81, 0x8D, 0x8E, 0x8F, 0x90, 0x9D, 0x9E, 0xAD])

# A lead byte followed by fewer continuation bytes than it announces.
SHORT_SEQUENCE = re.compile(
    rb"[\xc2-\xdf](?![\x80-\xbf])"
    rb"|[\xe0-\xef][\x80-\xbf]?(?![\x80-\xbf])"
    rb"|[\xf0-\xf4][\x80-\xbf]{0,2}(?![\x80-\xbf])"
)
NOT_A_BYTE = re.compile(r"[^\x00-\xff]+")


def damage(text: str) -> str:
    """What the transfer makes of ``text`` (for tests and benchmarks)."""
    return text.encode("utf-8").decode("cp1254", errors="ignore").replace("\xad", "")


def is_hit(text: str) -> bool:
    """Whether the transfer damages ``text``: one of its UTF-8 bytes is a lost one."""
    return any(byte in LOST_BYTES for byte in text.encode("utf-8"))


def _byte_table() -> dict[int, int]:
    """Code point -> byte for Windows-1254, with Windows-1252 look-alikes as fallback.

    Only entries whose byte differs from the code point are kept: ``str.translate``
    leaves every other character alone, and Latin-1 encoding then gives its byte.
    """
    table: dict[int, int] = {}
    for codec in ("cp1254", "cp1252"):
        for byte in range(256):
            try:
                char = bytes([byte]).decode(codec)
            except UnicodeDecodeError:
                continue
            table.setdefault(ord(char), byte)
    return {point: byte for point, byte in table.items() if point != byte}


BYTE_OF = _byte_table()


def to_byte_chars(text: str) -> str:
    """``text`` with every character replaced by the byte it stood for (as a Latin-1 char).

    Characters that no byte decodes to stay as they are (above U+00FF).
    """
    return text.translate(BYTE_OF)


@dataclass(frozen=True, slots=True)
class Slot:
    """A damaged character: the text it left behind and what it can have been."""

    raw: str
    candidates: tuple[str, ...]
    offset: int  # where ``raw`` starts in the damaged text


def parse(text: str) -> list[str | Slot]:
    """Split damaged text into decoded runs (str) and damaged characters (Slot).

    Bytes that cannot be part of any UTF-8 text (stray continuation bytes, invalid
    leads) and characters that no byte decodes to are kept as they were.
    """
    byte_chars = to_byte_chars(text)
    units: list[str | Slot] = []
    position = 0
    for foreign in NOT_A_BYTE.finditer(byte_chars):
        _parse_bytes(text, byte_chars, position, foreign.start(), units)
        units.append(text[foreign.start() : foreign.end()])
        position = foreign.end()
    _parse_bytes(text, byte_chars, position, len(text), units)
    return units


def _parse_bytes(text: str, byte_chars: str, start: int, end: int, units: list[str | Slot]) -> None:
    """Parse ``text[start:end]``, whose every character stands for one byte."""
    data = byte_chars[start:end].encode("latin-1")
    position = 0
    for short in SHORT_SEQUENCE.finditer(data):
        if short.start() > position:
            units.append(_decode_intact(text, data, start, position, short.start()))
        raw_start, raw_end = start + short.start(), start + short.end()
        units.append(Slot(text[raw_start:raw_end], candidates(short.group()), raw_start))
        position = short.end()
    if position < len(data):
        units.append(_decode_intact(text, data, start, position, len(data)))


def _decode_intact(text: str, data: bytes, base: int, start: int, end: int) -> str:
    """Decode bytes that lost nothing; undecodable bytes keep their damaged form."""
    pieces = []
    while start < end:
        try:
            pieces.append(data[start:end].decode("utf-8"))
            break
        except UnicodeDecodeError as error:
            pieces.append(data[start : start + error.start].decode("utf-8"))
            pieces.append(text[base + start + error.start : base + start + error.end])
            start += error.end
    return "".join(pieces)


@functools.lru_cache(maxsize=4096)
def candidates(short: bytes) -> tuple[str, ...]:
    """Every assigned character whose UTF-8 form is ``short`` plus lost bytes."""
    lead, present = short[0], short[1:]
    needed = 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3
    missing = needed - len(present)
    found: dict[str, None] = {}
    for holes in itertools.combinations(range(needed), missing):
        for fill in itertools.product(LOST_BYTES, repeat=missing):
            tail, kept, filled = [], iter(present), iter(fill)
            for index in range(needed):
                tail.append(next(filled) if index in holes else next(kept))
            try:
                char = bytes([lead, *tail]).decode("utf-8")
            except UnicodeDecodeError:
                continue
            if unicodedata.category(char) not in ("Cn", "Cs", "Co"):
                found[char] = None
    return tuple(found)
