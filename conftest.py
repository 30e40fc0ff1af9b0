"""Loaded by pytest before anything of the game is imported: the suite runs the Python source.

Some tests trace which module reads what (sys._getframe) or stand in for a bot's method, and
a module compiled by mypyc has no Python frames and fixed methods. tests/test_native.py plays
the compiled build's games beside the source's and checks they are the same, bit for bit.
"""

import os

os.environ["COG_PURE_PYTHON"] = "1"  # game.native.PURE_ENV (not imported here: importing game would decide now)
