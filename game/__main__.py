"""`python -m game`: see game.cli."""

import sys

from game.cli import main

if __name__ == "__main__":  # not when a worker process started by "spawn" imports it
    sys.exit(main())
