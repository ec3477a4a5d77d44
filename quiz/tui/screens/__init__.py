"""The app's screens, one module each (imported when first shown, so the start stays light)."""
