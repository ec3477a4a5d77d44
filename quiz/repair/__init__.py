"""Repair of text whose UTF-8 went through a Windows-1254 transfer that lost bytes.

``looks_damaged(text)`` is a cheap check; ``Repairer().repair(text)`` restores the most
likely original and lists the choices it was not sure of. The repairer and its language
data are imported only when first named (a clean import checks, and never repairs).
The language data is an extra (``pip install 'quiz[repair]'``): ``missing_extra()`` says
whether it is there, without importing it.
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING, Any

from quiz.repair.damage import damage
from quiz.repair.detect import looks_damaged

if TYPE_CHECKING:
    from quiz.repair.repairer import Repairer, RepairResult, Uncertain

__all__ = [
    "INSTALL",
    "RepairResult",
    "Repairer",
    "Uncertain",
    "damage",
    "looks_damaged",
    "missing_extra",
]
_LAZY = ("RepairResult", "Repairer", "Uncertain")
EXTRA = ("jieba", "opencc", "wordfreq", "cjclassifier", "regex")  # the ``repair`` extra
INSTALL = "pip install 'quiz[repair]'"


def missing_extra() -> str:
    """Why damaged text cannot be repaired here (the extra's packages that cannot be
    imported, and what to install), or "" when it can. Nothing is imported."""
    missing = [name for name in EXTRA if not _importable(name)]
    if not missing:
        return ""
    return f"repairing damaged text needs {', '.join(missing)}: {INSTALL}"


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # a hook that refuses it, or a module without a spec
        return False


def __getattr__(name: str) -> Any:
    """``Repairer``, ``RepairResult`` and ``Uncertain``, imported on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from quiz.repair import repairer

    return getattr(repairer, name)
