"""Models are written by the increment that builds this app."""
