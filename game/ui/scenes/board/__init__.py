"""The board: the map, the hand, the tracks, the factions and the log — and the turn flow.

Every decision is one of the engine's legal actions, offered three ways: a card in the
hand, a lit space on the map, or a button in the action bar. Each is reachable by the
keyboard too (Tab / arrows to move, Enter to take, 1–9 for cards, letters for buttons).
Bots play at a readable pace; Space or Enter skips ahead to the next human decision.

Buttons say what the engine says an action is (`Game.describe`); a card or space that
cannot be chosen says why on hover (`Game.why_not`). When no hand may show (another
human's turn, the bots', a pause) the hand's place holds the room view: the last actions
in large type. After a human's whole action, a one-line prompt asks why (see
`scenes/reason.py`); the facilitator's tools are on F2 (see `scenes/facilitator.py`).

The package: `scene` (BoardScene: the decision on screen and the turn flow) composes
`layout` (where each part sits), `action_bar`, `hand` (the cards, or the room view),
`hover` (tooltips), `overlays` (turn timer, toasts) and `input` (keys, clicks, focus).
"""

from game.ui.scenes.board.layout import Layout, board_layout
from game.ui.scenes.board.scene import BoardScene, game_session, new_board, start_demo

__all__ = ["BoardScene", "Layout", "board_layout", "game_session", "new_board", "start_demo"]
