"""Repair of text whose UTF-8 went through a Windows-1254 transfer that lost bytes.

``looks_damaged(text)`` is a cheap check; ``Repairer().repair(text)`` restores the most
likely original and lists the choices it was not sure of. The repairer and its language
data are imported only when first named (a clean import checks, and never repairs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quiz.repair.damage import damage
from quiz.repair.detect import looks_damaged

if TYPE_CHECKING:
    from quiz.repair.repairer import Repairer, RepairResult, Uncertain

__all__ = ["RepairResult", "Repairer", "Uncertain", "damage", "looks_damaged"]
_LAZY = ("RepairResult", "Repairer", "Uncertain")


def __getattr__(name: str) -> Any:
    """``Repairer``, ``RepairResult`` and ``Uncertain``, imported on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from quiz.repair import repairer

    return getattr(repairer, name)
