"""Navigator: an offline-first companion for digital navigators."""

__version__ = "0.1.0"
