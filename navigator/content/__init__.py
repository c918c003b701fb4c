"""Lesson packs: manifest, loader, validator, Markdown -> safe HTML. No Qt."""
