"""Detection: does a text show the damage of the broken transfer?

Damaged text holds only characters that Windows-1254 (or 1252) decodes from single bytes,
and those bytes read as UTF-8 with holes: multi-byte sequences, complete or cut short,
and never a continuation byte without a lead before it. Clean text fails at least one of
these (Chinese characters are no bytes; a lone “ is no UTF-8), or has only lone lead
bytes, which is what accented Latin letters look like (é followed by a space).
"""

from __future__ import annotations

import re

from quiz.repair.damage import BYTE_OF, NOT_A_BYTE, SHORT_SEQUENCE, to_byte_chars

COMPLETE_SEQUENCE = re.compile(
    rb"(?:[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3})"
    rb"(?![\x80-\xbf])"
)
CONTINUATION = re.compile(rb"[\x80-\xbf]")
INVALID_LEAD = re.compile(rb"[\xc0\xc1\xf5-\xff]")
TOLERATED_ODDITIES = 50  # one stray byte tolerated per this many sequences
# A character no byte decodes to (a Chinese character, say): found in the text itself,
# before it is translated to bytes (a slow step on a long clean file).
_FOREIGN = re.compile(
    "[^\x00-\xff" + "".join(re.escape(chr(point)) for point in sorted(BYTE_OF)) + "]"
)


def looks_damaged(text: str) -> bool:
    """Whether ``text`` looks like UTF-8 that went through the broken transfer."""
    if not isinstance(text, str) or text.isascii() or _FOREIGN.search(text):
        return False
    byte_chars = to_byte_chars(text)
    if NOT_A_BYTE.search(byte_chars):
        return False
    data = byte_chars.encode("latin-1")
    complete = COMPLETE_SEQUENCE.findall(data)
    short = SHORT_SEQUENCE.findall(data)
    partial = sum(1 for sequence in short if len(sequence) > 1)  # a lead and some of its tail
    evidence = len(complete) + partial
    if not evidence:
        return False
    explained = sum(len(sequence) - 1 for sequence in complete + short)
    oddities = len(CONTINUATION.findall(data)) - explained + len(INVALID_LEAD.findall(data))
    lone_leads = len(short) - partial  # also what accented Latin letters look like
    return oddities <= evidence // TOLERATED_ODDITIES and 2 * evidence >= lone_leads
