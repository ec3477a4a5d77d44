"""Names that meet the file system: paths shown as text, names used as paths.

``path_text`` turns a path into valid UTF-8 text (a byte that is not UTF-8 is
shown as ``\\xNN``), so it can go into a record or a message. ``safe_component``
turns any name (a bank) into one harmless path component, so a record is always
written inside its bank directory; ``id_component`` does so for an ID, keeping
distinct IDs distinct.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata

from quiz.text import CONTROL_CHARACTERS

MAX_COMPONENT_BYTES = 100
HASH_CHARS = 8
COMPONENT_RULES = (
    "not empty, not . or .., no leading dot, no / \\ NUL or control characters, "
    f"at most {MAX_COMPONENT_BYTES} bytes in UTF-8"
)

_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_FORBIDDEN = re.compile(rf"[/\\\t\n{CONTROL_CHARACTERS}]")  # tab, newline and the rest


def path_text(path: os.PathLike[str] | str) -> str:
    """The path as UTF-8 text; bytes that do not decode are shown as ``\\xNN``."""
    text = os.fspath(path)
    try:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return _text_without_surrogates(text)


def _text_without_surrogates(text: str) -> str:
    text = _ESCAPED_BYTE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", text)
    return _SURROGATE.sub("\ufffd", text)


def safe_component(name: str) -> str:
    """The name as one path component: NFC, each forbidden character or leading dot
    replaced by ``_``, and cut (with a short hash of the name) to the byte limit."""
    text = _cleaned(name)
    if len(text.encode("utf-8")) <= MAX_COMPONENT_BYTES:
        return text
    return _with_hash(text, name)


def id_component(question_id: str) -> str:
    """The file name (without ``.yaml``) for an ID: an ID of letters, digits, ``-``,
    ``_`` and ``.`` is used as it is; any other character (or a leading dot) becomes
    ``_`` and a short hash of the ID is added, so distinct IDs never share a file."""
    text = _cleaned("".join(c if c.isalnum() or c in "-_." else "_" for c in question_id))
    if text == question_id and len(text.encode("utf-8")) <= MAX_COMPONENT_BYTES:
        return text
    return _with_hash(text, question_id)


def _cleaned(name: str) -> str:
    """NFC, each forbidden character and each leading dot replaced by ``_``, never empty."""
    text = unicodedata.normalize("NFC", _text_without_surrogates(name))
    text = _FORBIDDEN.sub("_", text)
    return "_" * (len(text) - len(text.lstrip("."))) + text.lstrip(".") or "_"


def _with_hash(text: str, name: str) -> str:
    """The text, cut to leave room, then ``-`` and a short hash of the name."""
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_CHARS]
    room = MAX_COMPONENT_BYTES - HASH_CHARS - 1
    head = text.encode("utf-8")[:room].decode("utf-8", "ignore")
    return f"{head}-{digest}"


def is_safe_component(name: str) -> bool:
    """True when the name can be used as it is (``safe_component`` leaves it alone)."""
    return safe_component(name) == name
