"""The seminar room: the instructor's window is the projector, each team plays from a
phone or laptop browser (DESIGN §7).

The engine stays in the host's process and is the only authority. A WebSocket server on
its own asyncio loop (`server.py`, in a thread beside the window's loop) serves one
static page (`static/`) and carries JSON messages (`protocol.py`); `host.Room` runs on
the window's thread, hands the teams' actions to the game and sends each connection what
its faction may see — its `view(faction)`, the engine's words for its choices, and
nothing else. Seat links carry random tokens (`keys.py`); only their hashes are stored.

The room imports the engine, the bots, the ruleset and the files layer, never pygame:
the window (`game.ui`) imports the room, and the tests drive it headless.
"""
