"""Subcommands of the ``quiz`` command line, one module each."""
