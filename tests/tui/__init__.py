"""Pilot and snapshot tests of the study app."""
