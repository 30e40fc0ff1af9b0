"""The command-line verbs of `python -m game`, one module each (`game.cli` parses the
flags and calls the verb's `run(args)`, which returns the exit status).

A verb reads its input, calls the library that owns the concept (`game.analysis`,
`game.modding`, `game.ruleset`, `game.ui`), prints and returns 0, or 2 after one
sentence on stderr. The verbs sit on top of every other layer, so nothing below them
may import them (see the layers contract in pyproject.toml).
"""

EXIT_OK = 0
EXIT_STALE = 1
"""`docs --check`: the committed files are out of date."""
EXIT_BAD_INPUT = 2
EXIT_STOPPED = 130
"""Stopped by Ctrl-C (the shell's own code for an interrupt: 128 + SIGINT)."""
