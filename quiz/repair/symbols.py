"""How likely a character that is not Chinese is, where the damage left a choice.

Chinese characters are scored by the lexicon; everything else (punctuation, arrows, box
drawing, emoji, letters) gets a prior from its Unicode properties, raised for the marks
that Chinese technical writing uses all the time and for the symbols that running text
uses often (emoji, by wordfreq's counts kept in the lexicon), and adjusted by its context: a
closing bracket needs an open one before it (and is rather a list mark 、 when an item
follows and another damaged mark later in the clause may close it: 「快速、輕量」), a
variation selector needs an emoji, a zero-width joiner needs an emoji on each side (👨‍👩‍👧).
"""

from __future__ import annotations

import functools
import unicodedata

import regex

from quiz.repair.boundaries import UNKNOWN

# Natural-log priors of the characters seen most in Chinese technical writing.
COMMON = {
    **dict.fromkeys("、，。：；！？「」（）“”", -7.0),
    **dict.fromkeys("『』【】《》〈〉‘’…—–·•", -9.0),
    **dict.fromkeys("←→↑↓↔⇒─│┌┐└┘├┤┬┴┼✓✔✗✘★☆●○■□▲▼◆◇※", -9.5),
    **dict.fromkeys("‐〔〕〖〗＝／－．", -11.0),
}
EMOJI_PRESENTATION = regex.compile(r"\p{Emoji_Presentation}")
PICTOGRAPHIC = regex.compile(r"\p{Extended_Pictographic}")
EMOJI = regex.compile(r"\p{Emoji}")
VARIATION_SELECTOR_16 = "\ufe0f"
ZERO_WIDTH_JOINER = "\u200d"

BY_CATEGORY = {"L": -12.0, "N": -12.0, "P": -16.0, "S": -16.0, "Z": -16.0, "M": -16.0}
FORMAT_OR_CONTROL = -22.0
EMOJI_WITH_SELECTOR = -3.0  # log-probability of U+FE0F right after an emoji
EMOJI_JOINER = -2.0  # log-probability of U+200D between two emoji
USAGE_OFFSET = 9.0  # lifts symbol usage frequencies to the scale of the priors above

OPENER_OF = {"」": "「", "』": "『", "】": "【", "）": "（", "》": "《", "〉": "〈", "”": "“"}
CLOSER_OF = {opener: closer for closer, opener in OPENER_OF.items()}
PAIRING_BONUS = 5.0
MAYBE_CLOSER = "\x01"  # in ``ahead``: a damaged character that may be a closing bracket
CLAUSE_OR_OPENER = regex.compile("[，。；：！？「（『【《“]")


@functools.lru_cache(maxsize=8192)
def prior(char: str) -> float:
    """The natural-log prior of a non-Chinese character, ignoring its context."""
    if char in COMMON:
        return COMMON[char]
    if EMOJI_PRESENTATION.match(char):
        return -11.0
    if PICTOGRAPHIC.match(char):
        return -12.0
    category = unicodedata.category(char)
    if category == "Ll":
        return -11.0
    return BY_CATEGORY.get(category[0], FORMAT_OR_CONTROL)


def score(
    char: str, previous: str, ahead: str, open_brackets: list[str], usage: dict[str, float]
) -> float:
    """The log-probability of ``char`` after ``previous`` and before ``ahead`` (the rest of
    the line; both "" when unknown), with ``open_brackets`` still open before it;
    ``usage`` holds the log-frequency of emoji in running text."""
    following = ahead[:1]
    if char == VARIATION_SELECTOR_16 and previous and is_emoji_base(previous):
        return EMOJI_WITH_SELECTOR
    if (
        char == ZERO_WIDTH_JOINER
        and previous
        and following
        and PICTOGRAPHIC.match(previous)
        and PICTOGRAPHIC.match(following)
    ):
        return EMOJI_JOINER
    base = prior(char)
    if char in usage:
        base = max(base, usage[char] + USAGE_OFFSET)
    return base + pairing_bonus(char, open_brackets, ahead)


def is_emoji_base(char: str) -> bool:
    """Whether ``char`` can take the emoji variation selector (U+FE0F) after it."""
    return bool(EMOJI.match(char)) and not char.isascii()


def pairing_bonus(char: str, open_brackets: list[str], ahead: str) -> float:
    """Reward a closing bracket that closes the innermost open one (unless an item follows
    and a damaged mark ahead in the clause may close it), and punish a stray one; reward an
    opening bracket whose closing one follows on the line."""
    following = ahead[:1]
    opener = OPENER_OF.get(char)
    if opener is not None:
        if not open_brackets or open_brackets[-1] != opener:
            return -PAIRING_BONUS
        clause = CLAUSE_OR_OPENER.split(ahead, 1)[0]
        if (following.isalnum() or following == UNKNOWN) and MAYBE_CLOSER in clause:
            return -1.0  # an item follows, and then maybe the closer: this is a list mark
        return PAIRING_BONUS
    closer = CLOSER_OF.get(char)
    if closer is not None and closer in ahead and char not in ahead.partition(closer)[0]:
        return PAIRING_BONUS
    return 0.0


def track_brackets(text: str, open_brackets: list[str]) -> None:
    """Update the stack of open brackets with the characters of ``text``."""
    for char in text:
        if char == "\n":
            open_brackets.clear()
        elif char in CLOSER_OF:
            open_brackets.append(char)
        elif char in OPENER_OF and open_brackets and open_brackets[-1] == OPENER_OF[char]:
            open_brackets.pop()
