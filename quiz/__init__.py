"""quiz: terminal exam prep for Databricks certification questions."""

__version__ = "0.1.0"
