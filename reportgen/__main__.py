"""Entry point for `python -m reportgen`."""

import sys

from reportgen.cli import main

if __name__ == "__main__":  # the page's jobs start processes by spawning, which imports this module again
    sys.exit(main())
