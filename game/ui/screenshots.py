"""Render every screen of the game to PNG, for `docs/screenshots/` and for looking at.

    python -m game.ui.screenshots [--out docs/screenshots] [--sizes 1600x900,1280x720] [--text-size normal]

Runs headless (SDL's dummy driver) with a throw-away data folder. The games shown are
played by bots from fixed seeds, so the pictures are the same on every run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.ai.base import make_bot  # noqa: E402
from game.ai.play import decide, seat_rng  # noqa: E402
from game.engine import Game  # noqa: E402
from game.ruleset.model import Ruleset  # noqa: E402
from game.ui.app import App, save_png  # noqa: E402
from game.ui.session import HUMAN, Session, best_bot_kind  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SEED = 11


def hot_seat_seats(rs: Ruleset) -> dict[str, str]:
    """Two humans and bots in the other seats (the seminar set-up)."""
    kind = best_bot_kind()
    return {f.id: (HUMAN if i < 2 else kind) for i, f in enumerate(rs.factions)}


def advance(game: Game, until: Callable[[Game], bool], max_steps: int = 20000) -> None:
    """Play every seat with bots until `until(game)` holds."""
    bots = {fid: make_bot(best_bot_kind()) for fid in game.seats}
    rngs = {fid: seat_rng(game.seed, i) for i, fid in enumerate(game.seats)}
    for _ in range(max_steps):
        if game.over or until(game):
            return
        actor = game.actor
        assert actor is not None
        game.apply(decide(game, bots[actor], rngs[actor], 0.05))


def actor_is(faction: str, game: Game) -> bool:
    return game.actor == faction


def all_factions_on_board(game: Game) -> bool:
    v = game.view(None)
    present = {f for s in v.spaces.values() for f in s.influence}
    return present >= set(game.seats)


def mid_game(rs: Ruleset, seed: int = SEED) -> Session:
    """A game in its middle: round 3 or later, all five factions on the board, a human to act."""
    seats = hot_seat_seats(rs)
    game = Game.new(rs, None, seed, seats)
    humans = [f for f, k in seats.items() if k == HUMAN]

    def ready(g: Game) -> bool:
        return g.round >= 3 and g.phase == "actions" and g.actor in humans and all_factions_on_board(g) and any(a.verb == "play" for a in g.legal_actions())

    advance(game, ready)
    s = Session(rs, game, autosave=False)
    s.take_screen(game.actor or humans[0])
    return s


def after_summit(rs: Ruleset, seed: int = SEED) -> Session:
    seats = hot_seat_seats(rs)
    game = Game.new(rs, None, seed, seats)
    advance(game, lambda g: len(g.view(None).summits) >= 1)
    s = Session(rs, game, autosave=False)
    s.take_screen(game.actor if game.actor is not None and s.is_human(game.actor) else s.humans[0])
    return s


def finished(rs: Ruleset, seed: int = SEED) -> Session:
    seats = hot_seat_seats(rs)
    game = Game.new(rs, None, seed, seats)
    advance(game, lambda g: False)
    s = Session(rs, game, autosave=False)
    s.take_screen(s.humans[0])
    return s


def shoot(app: App, path: Path, frames: int = 3) -> None:
    for _ in range(frames):
        app.dirty = True
        app.step()
    app.draw()
    save_png(app.screen, path)
    print(f"wrote {path}")


def render_all(out: Path, sizes: list[tuple[int, int]], text_size: str = "normal", rules_dir: str | None = None) -> int:
    from game.ui.scenes.board import BoardScene, new_board
    from game.ui.scenes.end import EndScene
    from game.ui.scenes.handoff import HandoffScene
    from game.ui.scenes.menu import MenuScene
    from game.ui.scenes.setup import SetupScene
    from game.ui.scenes.summit import SummitScene

    with tempfile.TemporaryDirectory() as data:
        os.environ["COG_DATA_DIR"] = data
        for size in sizes:
            tag = f"{size[0]}x{size[1]}"
            app = App(size, rules_dir=rules_dir, fullscreen=False, bot_pace=0.0)
            app.settings.text_size = text_size
            app.relayout()
            rs = app.ruleset()
            if rs is None:
                print("the rules do not load:", *app.rules_problems, sep="\n  ", file=sys.stderr)
                return 2
            suffix = "" if text_size == "normal" else f"-{text_size}"
            app.replace_all(MenuScene(app))
            shoot(app, out / tag / f"menu{suffix}.png")
            setup = app.push(SetupScene(app))
            assert isinstance(setup, SetupScene)
            for fid, kind in hot_seat_seats(rs).items():
                setup.seats[fid] = kind
            setup.rebuild()
            shoot(app, out / tag / f"setup{suffix}.png")

            board = new_board(app, mid_game(rs))
            shoot(app, out / tag / f"board{suffix}.png")
            # hover a space to show its numbers and reasons
            assert board.map is not None
            crowded = max(board.map.badges.values(), key=lambda b: len(board.view.spaces[b.space].influence))
            board.mouse = crowded.rect.center
            board.hover_space = crowded.space
            board.map.hover = crowded.space
            shoot(app, out / tag / f"board-hover{suffix}.png", 1)
            board.hover_space = None
            board.map.hover = None
            # the first card played: the mode choice and its enlarged card
            play = next(a for a in board.view.legal if a.verb == "play")
            board.take(play)
            board.hover_card = play.args[0]
            shoot(app, out / tag / f"board-card{suffix}.png", 1)
            board.hover_card = None

            # the hand-off the board puts up itself when the other human's turn comes
            hs = mid_game(rs)
            other = next(f for f in hs.humans if f != hs.viewer)
            advance(hs.game, partial(actor_is, other))
            board = new_board(app, hs)
            shoot(app, out / tag / f"handoff{suffix}.png")
            assert isinstance(app.top, HandoffScene)

            board = new_board(app, after_summit(rs))
            app.push(SummitScene(app, board))
            shoot(app, out / tag / f"summit{suffix}.png")

            board = new_board(app, finished(rs))
            board.shown_end = True
            app.push(EndScene(app, board))
            shoot(app, out / tag / f"end{suffix}.png")
            for s in app.scenes:
                if isinstance(s, BoardScene):
                    s.close_session()
            app.shutdown()
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m game.ui.screenshots", description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    p.add_argument("--sizes", default="1600x900,1280x720")
    p.add_argument("--text-size", default="normal", choices=("normal", "large", "projector"))
    p.add_argument("--rules", default=None)
    args = p.parse_args(argv)
    sizes = []
    for part in args.sizes.split(","):
        w, _, h = part.partition("x")
        sizes.append((int(w), int(h)))
    return render_all(Path(args.out), sizes, args.text_size, args.rules)


if __name__ == "__main__":
    sys.exit(main())
