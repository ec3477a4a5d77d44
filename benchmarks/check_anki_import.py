"""Import decks made by ``quiz export anki`` into a real Anki collection, in order, and
say what Anki did with each (new, updated, unchanged notes); then a note's fields and tags.

Needs the ``anki`` package (Anki's own engine, not a dependency of quiz: install it in a
separate environment, ``python -m venv /tmp/anki && /tmp/anki/bin/pip install anki``):

    /tmp/anki/bin/python benchmarks/check_anki_import.py COLLECTION.anki2 DECK.apkg [DECK2 ...]
"""

from __future__ import annotations

import sys

try:
    from anki.collection import (
        Collection,
        ImportAnkiPackageOptions,
        ImportAnkiPackageRequest,
    )
except ModuleNotFoundError:
    print("the anki package is not installed: nothing checked")
    raise SystemExit(0) from None

UPDATE_IF_NEWER = 1


def main(collection: str, decks: list[str]) -> int:
    """Import each deck, print Anki's log in numbers, then one note."""
    col = Collection(collection)
    try:
        for deck in decks:
            options = ImportAnkiPackageOptions(
                with_scheduling=False, merge_notetypes=True, update_notes=UPDATE_IF_NEWER
            )
            log = col.import_anki_package(
                ImportAnkiPackageRequest(package_path=deck, options=options)
            ).log
            print(
                f"{deck}: {len(log.new)} new, {len(log.updated)} updated,"
                f" {len(log.duplicate)} unchanged, {len(log.conflicting)} conflicting"
            )
        print(f"collection: {col.note_count()} notes, {col.card_count()} cards")
        found = col.find_notes("tag:quiz::topic::*")
        if found:
            note = col.get_note(found[0])
            print(f"a note's fields: {', '.join(note.keys())}; tags: {' '.join(note.tags)}")
    finally:
        col.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2:]))
