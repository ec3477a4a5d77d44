"""The Textual study app: layout and event handling only (business rules live in the core)."""
