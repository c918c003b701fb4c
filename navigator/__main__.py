"""``python -m navigator`` is the same as the ``navigator`` command."""

from navigator.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
