"""The YAML text of a record: mappings, lists and text only, written one way for all.

Keys keep their order; a mapping's parts are indented by two spaces, a list of mappings
(or of multi-line text) is a block list under its key, any other list one inline
``[a, b]``; multi-line text is a literal ``|`` block (with its indentation and chomping
indicators when it needs them), other text is plain when YAML reads it back as the same
text, else single-quoted, else (control characters, line separators, a BOM)
double-quoted with escapes. Long lines are never folded. The choices follow PyYAML's, so
a record reads the same as before; this is about ten times faster than libyaml's
emitter, and unlike it writes emoji as they are.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

import yaml

_INDENT = "  "
_MAX_KEY = 1000  # YAML limits an implicit key to 1024 characters
# Characters never written as they are (a tab and a newline only inside a block): the
# complement of YAML's printable set, spelled out (a negated class of the printable
# ranges takes milliseconds to compile at every start).
_UNPRINTABLE = "\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff\U0010fffe\U0010ffff"
_NOT_QUOTABLE = re.compile(f"[\x00-\x1f{_UNPRINTABLE}]")
_NOT_IN_BLOCK = re.compile(f"[\x00-\x08\x0b-\x1f{_UNPRINTABLE}]")
_TO_ESCAPE = re.compile(f'[\\\\"\x00-\x1f{_UNPRINTABLE}]')
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` ")  # not plain as the first character
_FLOW_INDICATORS = re.compile(r"[,?\[\]{}:]")  # not plain inside [...] anywhere
_SHORT = 64  # text up to this length is written from a cache (keys, tags, letters)
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r", "\x00": "\\0"}
_RESOLVERS = yaml.SafeDumper.yaml_implicit_resolvers


def emit(record: Mapping[str, Any]) -> str:
    """The YAML text of a record (``TypeError`` for a value that is not text, a list or a
    mapping; ``ValueError`` for a key YAML cannot hold on one line)."""
    lines: list[str] = []
    _mapping(record, "", lines)
    return "\n".join(lines) + "\n" if lines else "{}\n"


def _mapping(mapping: Mapping[str, Any], indent: str, lines: list[str]) -> None:
    for key, value in mapping.items():
        if not isinstance(key, str):
            raise TypeError(f"a record's keys are text, not {type(key).__name__}")
        if len(key) > _MAX_KEY:
            raise ValueError(f"a key of {len(key)} characters is too long for YAML")
        _value(f"{indent}{_inline(key, flow=False)}:", value, indent, lines)


def _value(head: str, value: Any, indent: str, lines: list[str]) -> None:
    """``head`` (``key:`` or ``-``) and the value after it, at ``indent``."""
    if isinstance(value, str):
        if "\n" in value and not _NOT_IN_BLOCK.search(value):
            _block(head, value, indent + _INDENT, lines)
        else:
            lines.append(f"{head} {_inline(value, flow=False)}")
    elif isinstance(value, Mapping):
        if not value:
            lines.append(f"{head} {{}}")
        elif head.endswith("-"):  # the first key on the dash's line
            start = len(lines)
            _mapping(value, indent + _INDENT, lines)
            lines[start] = f"{head} {lines[start][len(indent) + 2 :]}"
        else:
            lines.append(head)
            _mapping(value, indent + _INDENT, lines)
    elif isinstance(value, list):
        if all(isinstance(item, str) and "\n" not in item for item in value):
            lines.append(f"{head} [{', '.join(_inline(item, flow=True) for item in value)}]")
        else:
            lines.append(head)
            inner = indent if head.endswith(":") else indent + _INDENT  # a list in a mapping
            for item in value:  # is not indented further (as PyYAML writes it)
                _value(f"{inner}-", item, inner, lines)
    else:
        raise TypeError(f"a record holds text, lists and mappings, not {type(value).__name__}")


def _block(head: str, text: str, indent: str, lines: list[str]) -> None:
    """Multi-line text as a literal block, its lines at ``indent``."""
    hints = "2" if text[0] in " \t\n" else ""
    if not text.endswith("\n"):
        hints += "-"
    elif len(text) == 1 or text[-2] == "\n":
        hints += "+"
    body = text[:-1] if text.endswith("\n") else text
    lines.append(f"{head} |{hints}")
    lines.extend(f"{indent}{line}" if line else "" for line in body.split("\n"))


def _inline(text: str, *, flow: bool) -> str:
    """Text on one line: plain, single-quoted or double-quoted."""
    return _short_inline(text, flow) if len(text) <= _SHORT else _write_inline(text, flow)


def _write_inline(text: str, flow: bool) -> str:
    if _NOT_QUOTABLE.search(text):
        return _double_quoted(text)
    if _is_plain(text, flow=flow):
        return text
    return "'" + text.replace("'", "''") + "'"


_short_inline = functools.lru_cache(maxsize=4096)(_write_inline)


def _is_plain(text: str, *, flow: bool) -> bool:
    """True when ``text`` can be written bare and reads back as the same text: no indicator
    first (but "-x", "?x" and ":x" are fine), no document marker, no space at either end,
    no ": " or " #" inside and no ":" last; and YAML would not read it as a number, a
    boolean, a date or null (``12``, ``yes``, ``2024-01-01``, ``~``)."""
    if not text:
        return False
    first = text[0]
    if first in _INDICATORS and (first not in "-?:" or len(text) == 1 or text[1] == " "):
        return False
    if text[-1] in " :" or ": " in text or " #" in text or text.startswith(("---", "...")):
        return False
    if flow and _FLOW_INDICATORS.search(text):
        return False
    return not any(pattern.match(text) for _, pattern in _RESOLVERS.get(first, ()))


def _double_quoted(text: str) -> str:
    """Text in double quotes, ``\\``, ``"`` and every character that is not printable
    escaped."""
    return f'"{_TO_ESCAPE.sub(_escape, text)}"'


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if character in _ESCAPES:
        return _ESCAPES[character]
    code = ord(character)
    if 0xD800 <= code < 0xE000:
        raise ValueError("text holds a lone surrogate (bytes that were not UTF-8)")
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )
