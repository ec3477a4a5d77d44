"""Topic folders: where a bank files copies of its questions by exam domain.

A folder such as ``02-Development-and-Ingestion-30pct`` names an exam domain and
its weight in the exam; it is not a bank. Folders below a ``by-topic`` (or
``topics``) folder are topic folders too, and name a domain when they are numbered
(``03-Data-Governance``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from quiz.model import ExamDomain

TOPIC_BANK = "by-topic"  # the bank of a question filed only in topic folders

_WEIGHTED = re.compile(
    r"^\d{1,3}[-_ .]*(?P<name>.*?[^\W_])[-_ ]*[(（]?(?P<weight>\d{1,3})\s*(?:pct|%|percent)[)）]?$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^\d{1,3}[-_ .]+(?P<name>.*[^\W_])", re.IGNORECASE)
_CONTAINERS = frozenset({"by-topic", "by_topic", "bytopic", "by topic", "topics", "topic"})


@dataclass(frozen=True)
class Filing:
    """Where a file was filed: in a topic folder or not, and the exam domain it names."""

    in_topic_folder: bool = False
    exam_domain: ExamDomain | None = None


def filing(relative: str) -> Filing:
    """The filing of a file from its path relative to the folder imported."""
    folders = [unicodedata.normalize("NFKC", part) for part in relative.split("/")[:-1]]
    under_container = False
    found = Filing()
    for folder in folders:
        if folder.casefold() in _CONTAINERS:
            under_container = True
            found = Filing(True, None)
            continue
        weighted = _WEIGHTED.match(folder)
        numbered = _NUMBERED.match(folder) if under_container else None
        if weighted:
            name, weight = _domain_name(weighted["name"]), int(weighted["weight"])
            found = Filing(True, ExamDomain(name, weight))
        elif numbered:
            found = Filing(True, ExamDomain(_domain_name(numbered["name"])))
        elif under_container:
            found = Filing(True, found.exam_domain)
    return found


def _domain_name(text: str) -> str:
    """``Development-and-Ingestion`` -> ``Development and Ingestion``."""
    return " ".join(re.split(r"[-_\s]+", text))
