"""Markdown question files -> ``Question`` records (both source formats, repair, merge)."""

from quiz.importer.batch import ImportReport, SourceFile, find_sources, import_sources

__all__ = ["ImportReport", "SourceFile", "find_sources", "import_sources"]
