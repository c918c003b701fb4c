"""Dataclasses and rules: lessons, questions, scoring, mastery. No I/O, no Qt."""
