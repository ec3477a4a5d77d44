"""Locative frames: 在 … 中, 從 … 中, 於 … 上.

A locative preposition opens a frame that a localizer (a word of its own tagged f: 中, 上,
內, 後 …) closes later in the same clause: 在 Notebook 中使用, 從狀態中移除. Inside an
open frame a damaged character is far more likely to be the localizer than, say, the
adverb that loses the same byte (不 and 中 both read as E4 B8 when their last byte is
lost). Neither word frequencies nor the part-of-speech pairs see this, as the preposition
is usually several words away.
"""

from __future__ import annotations

from quiz.repair.lexicon import Lexicon

# Each preposition, with the parts of speech of the words it ends that still open a
# frame: 放在 X 中 does, 現在 (t) and 等於 (v) do not.
OPENERS = {"在": frozenset("v"), "從": frozenset(), "於": frozenset()}
LOCALIZERS = frozenset("中上下內裡外前後間旁")
CLAUSE_ENDS = frozenset("，。；：！？\n|")
FRAME_BONUS = 3.0  # log-odds added to a localizer inside an open frame


def open_frames(text: str, offsets: list[int], lexicon: Lexicon) -> list[bool]:
    """Whether a locative frame is open at each of ``offsets`` (ascending) in ``text``."""
    found = []
    is_open = False
    position = 0
    for offset in [*offsets, len(text)]:
        for index in range(position, offset):
            char = text[index]
            if char in CLAUSE_ENDS:
                is_open = False
            elif char in OPENERS:
                is_open = _opens(text, index, lexicon)
            elif is_open and char in LOCALIZERS:
                is_open = False
        found.append(is_open)
        position = offset
    return found[:-1]


def frame_bonus(candidates: tuple[str, ...], lexicon: Lexicon) -> dict[str, float]:
    """The bonus of each localizer among ``candidates`` (standing as a word of its own)
    inside an open frame."""
    return {char: FRAME_BONUS for char in candidates if char in LOCALIZERS}


def _opens(text: str, index: int, lexicon: Lexicon) -> bool:
    """Whether the preposition at ``index`` opens a frame: it starts no word (在於, 從而),
    and ends none (現在, 等於) unless a verb like 放在, or unless its first character
    belongs to the word before (如何在)."""
    entries, tags = lexicon.entries, lexicon.tags
    after = text[index : index + 2]
    if len(after) == 2 and entries.get(after) is not None:
        return False
    before = text[index - 1 : index + 1] if index else ""
    score = entries.get(before) if len(before) == 2 else None
    if score is None or tags.get(before) in OPENERS[text[index]]:
        return True
    earlier = entries.get(text[index - 2 : index]) if index >= 2 else None
    return earlier is not None and earlier > score
