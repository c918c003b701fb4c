# The bundle's entry point: the same as the ``navigator`` command (navigator/cli.py).
import sys

from navigator.cli import main

if __name__ == "__main__":
    sys.exit(main())
