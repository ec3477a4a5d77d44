"""Repair of text whose UTF-8 went through a Windows-1254 transfer that lost bytes.

``looks_damaged(text)`` is a cheap check; ``Repairer().repair(text)`` restores the most
likely original and lists the choices it was not sure of. The language model is loaded
only when a damaged text is repaired.
"""

from quiz.repair.damage import damage
from quiz.repair.detect import looks_damaged
from quiz.repair.repairer import Repairer, RepairResult, Uncertain

__all__ = ["RepairResult", "Repairer", "Uncertain", "damage", "looks_damaged"]
