"""Exports: the bank as an Anki deck (``anki``), progress as CSV or JSON (``tables``)."""
