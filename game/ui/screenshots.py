"""Render every screen of the game to PNG, for `docs/screenshots/` and for looking at.

    python -m game.ui.screenshots [--out docs/screenshots] [--sizes 1600x900,1280x720] [--text-size normal] [--only NAME,...]

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
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.ai.base import make_bot  # noqa: E402
from game.ai.play import decide, seat_rng  # noqa: E402
from game.engine import Game  # noqa: E402
from game.ruleset.model import Ruleset  # noqa: E402
from game.ui import map_labels  # noqa: E402
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


_PLAYED: dict[tuple[Any, ...], tuple[Ruleset, Game]] = {}
"""The games the bots played for the pictures, by ruleset and position: most screens show
the same few positions, at every size, so each is played once (`render_all` empties it)."""


def forget_games() -> None:
    """Let go of the games played for the pictures (after `render_all` with `shared`)."""
    _PLAYED.clear()


def played(rs: Ruleset, key: tuple[Any, ...], play: Callable[[], Game]) -> Game:
    """A copy of the game `play()` gives for `rs` and `key` (played once)."""
    hit = _PLAYED.get((id(rs), *key))
    if hit is None or hit[0] is not rs:
        hit = _PLAYED[(id(rs), *key)] = (rs, play())
    return hit[1].copy()


def mid_game(rs: Ruleset, seed: int = SEED, geometry: dict[str, Any] | None = None, min_round: int = 3) -> Session:
    """A game in its middle: round 3 or later, every faction on the board, a human to act."""
    seats = hot_seat_seats(rs)
    humans = [f for f, k in seats.items() if k == HUMAN]

    def ready(g: Game) -> bool:
        return g.round >= min_round and g.phase == "actions" and g.actor in humans and all_factions_on_board(g) and any(a.verb == "play" for a in g.legal_actions())

    def play() -> Game:
        game = Game.new(rs, None, seed, seats)
        advance(game, ready)
        return game

    game = played(rs, ("mid-game", seed, min_round), play)
    s = Session(rs, game, autosave=False, geometry=geometry)
    s.take_screen(game.actor or humans[0])
    return s


def with_reasons(game: Game) -> None:
    """Give the humans' actions so far a line of why each (as players would type them)."""
    lines = [
        "Keep the North-South corridor open before Iran closes it.",
        "Soft power in the capitals is cheap now and counts double later.",
        "A summit is near: the aligned countries score.",
    ]
    humans = [f for f, k in game.seats.items() if k == HUMAN]
    k = 0
    for step in game.steps:
        if step.begins_action and step.actor in humans and game.actions[step.position].verb != "discard":
            game.set_reason(lines[k % len(lines)], step.position)
            k += 1


def after_summit(rs: Ruleset, seed: int = SEED) -> Session:
    """The first summit held, and a human player about to choose an action (a card,
    diplomacy or pass): the bar then offers a player's whole choice, not a bot's turn."""

    def play() -> Game:
        game = Game.new(rs, None, seed, hot_seat_seats(rs))
        advance(game, lambda g: len(g.view(None).summits) >= 1 and _human_chooses_an_action(g))
        return game

    game = played(rs, ("after-summit", seed), play)
    s = Session(rs, game, autosave=False)
    s.take_screen(game.actor if game.actor is not None and s.is_human(game.actor) else s.humans[0])
    return s


def _human_chooses_an_action(game: Game) -> bool:
    return game.actor is not None and game.seats[game.actor] == "human" and game.between_actions()


def finished(rs: Ruleset, seed: int = SEED) -> Session:
    def play() -> Game:
        game = Game.new(rs, None, seed, hot_seat_seats(rs))
        advance(game, lambda g: False)
        return game

    game = played(rs, ("finished", seed), play)
    s = Session(rs, game, autosave=False)
    s.take_screen(s.humans[0])
    return s


def shoot(app: App, path: Path, frames: int = 3) -> None:
    map_labels.wait_placed()  # a relaid board shows stand-in labels until its own are placed
    for _ in range(frames):
        app.dirty = True
        app.step()
    app.draw()
    save_png(app.screen, path)
    print(f"wrote {path}")


def render_all(out: Path, sizes: list[tuple[int, int]], text_size: str = "normal", rules_dir: str | None = None, only: set[str] | None = None,
               lang: str | None = None, shared: dict[str, Any] | None = None) -> int:
    """Render the screens (`only` those named) at each size. `shared`, a dict kept between
    calls, carries the rules read and the games played to the next call (`bench --layout`
    renders every text size: the bots play each position once, not once a text size)."""
    from game.ui.scenes.board import BoardScene

    if shared is None:
        _PLAYED.clear()
    rulebook = None if shared is None else shared.get("rulebook")
    with tempfile.TemporaryDirectory() as data:
        os.environ["COG_DATA_DIR"] = data
        draft_mod(Path(data) / "mods" / "silk-road-draft")
        for size in sizes:
            tag = f"{size[0]}x{size[1]}"
            app = App(size, rules_dir=rules_dir, fullscreen=False, bot_pace=0.0, lang=lang or "en")
            # one rulebook for every size: the same ruleset objects, so the games played for
            # the first size are shown again at the next
            rulebook = app.rulebook = rulebook or app.rulebook
            if shared is not None:
                shared["rulebook"] = rulebook
            app.settings.text_size = text_size
            app.relayout()
            rs = app.ruleset()
            if rs is None:
                print("the rules do not load:", *app.rules_problems, sep="\n  ", file=sys.stderr)
                return 2
            suffix = "" if text_size == "normal" else f"-{text_size}"
            shots = SHOTS if only is None else {k: v for k, v in SHOTS.items() if k in only}
            for shot in shots.values():
                app.settings.projector = False
                app.settings.facilitator = False
                app.settings.turn_timer = 0
                app.relayout()
                shot(app, rs, out / tag, suffix)
                for sc in app.scenes:
                    if isinstance(sc, BoardScene):
                        sc.close_session()
                while len(app.scenes) > 1:  # not rebuilt for the next shot's settings, only to be replaced
                    app.pop()
            app.shutdown()
    if shared is None:
        _PLAYED.clear()
    return 0


DRAFT_MANIFEST = """id: silk-road-draft
name: Silk Road (draft)
version: 0.1.0
description: A modder's work in progress, with the mistakes the setup screen points out.
"""
DRAFT_CARDS = """cards:
  - id: caravan-credit
    name: Caravan credit
    faction: nobody-yet
    type: trade
    cots: 1
    ops: 2
    event: []
"""


def draft_mod(folder: Path) -> None:
    """A mod with mistakes in the player's data folder, so the setup screen shows its problems."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mod.yaml").write_text(DRAFT_MANIFEST, encoding="utf-8")
    (folder / "cards.yaml").write_text(DRAFT_CARDS, encoding="utf-8")


def _menu(app: App, rs: Ruleset, out: Path, suffix: str) -> None:
    from game.ui.scenes.menu import MenuScene

    app.replace_all(MenuScene(app))
    shoot(app, out / f"menu{suffix}.png")


def _setup(app: App, rs: Ruleset, out: Path, suffix: str) -> None:
    from game.ui.scenes.menu import MenuScene
    from game.ui.scenes.setup import SetupScene

    app.replace_all(MenuScene(app))
    app.settings.facilitator = True
    setup = app.push(SetupScene(app))
    assert isinstance(setup, SetupScene)
    for fid, kind in hot_seat_seats(rs).items():
        setup.seats[fid] = kind
    setup.rebuild()
    shoot(app, out / f"setup{suffix}.png")


def _board(app: App, rs: Ruleset, out: Path, suffix: str) -> None:
    from game.ui.scenes.board import new_board

    session = mid_game(rs)
    with_reasons(session.game)
    board = new_board(app, session)
    shoot(app, out / f"board{suffix}.png")
    # hover a space to show its numbers and reasons
    assert board.map is not None
    crowded = max(board.map.badges.values(), key=lambda b: len(board.view.spaces[b.space].influence))
    board.mouse = crowded.rect.center
    board.hover_space = crowded.space
    board.map.hover = crowded.space
    shoot(app, out / f"board-hover{suffix}.png", 1)
    board.hover_space = None
    board.map.hover = None
    # the first card played: the mode choice and its enlarged card
    play = next(a for a in board.view.legal if a.verb == "play")
    board.take(play)
    board.hover_card = play.args[0]
    shoot(app, out / f"board-card{suffix}.png", 1)
    board.hover_card = None


def _handoff(app: App, rs: Ruleset, out: Path, suffix: str) -> None:
    from game.ui.scenes.board import new_board
    from game.ui.scenes.handoff import HandoffScene

    hs = mid_game(rs)
    other = next(f for f in hs.humans if f != hs.viewer)
    advance(hs.game, partial(actor_is, other))
    hs.viewer = None
    new_board(app, hs)
    shoot(app, out / f"handoff{suffix}.png")
    assert isinstance(app.top, HandoffScene)


def _summit(app: App, rs: Ruleset, out: Path, suffix: str) -> None:
    from game.ui.scenes.board import new_board
    from game.ui.scenes.summit import SummitScene

    board = new_board(app, after_summit(rs))
    app.push(SummitScene(app, board))
    shoot(app, out / f"summit{suffix}.png")


def _stakes(app: App, rs: Ruleset, out: Path, suffix: str) -> None:
    """The stakes panel (S) in the middle of a game: each power against the rules that win."""
    from game.ui.scenes.board import new_board
    from game.ui.scenes.stakes import StakesScene

    board = new_board(app, after_summit(rs))
    board.open_stakes()
    assert isinstance(app.top, StakesScene)
    shoot(app, out / f"stakes{suffix}.png")


def _end(app: App, rs: Ruleset, out: Path, suffix: str) -> None:
    from game.ui.scenes.board import new_board
    from game.ui.scenes.end import EndScene

    board = new_board(app, finished(rs))
    board.shown_end = True
    app.push(EndScene(app, board))
    shoot(app, out / f"end{suffix}.png")


def _reason(app: App, rs: Ruleset, out: Path, suffix: str) -> None:
    """A human has just finished an action: the one line of why, half typed."""
    from game.ui.scenes.board import new_board
    from game.ui.scenes.reason import ReasonScene

    app.settings.facilitator = True  # reasons are asked for in a facilitated game
    session = mid_game(rs)
    with_reasons(session.game)
    board = new_board(app, session)
    passing = next(a for a in board.view.legal if a.verb == "pass")
    board.take(passing)
    from game.ui.scenes.facilitator import ConfirmDialog

    confirm = app.top
    if isinstance(confirm, ConfirmDialog):
        confirm.yes()  # Pass asks once more
    app.step()  # the prompt comes up once the board is on top
    assert isinstance(app.top, ReasonScene), type(app.top).__name__
    app.top.entry.set_text("Save capital for the summit: Tajikistan is close to aligned")
    shoot(app, out / f"reason{suffix}.png")


def _facilitator(app: App, rs: Ruleset, out: Path, suffix: str) -> None:
    """The facilitator's panel over a seminar game, the turn timer running."""
    from game.ui.scenes.board import new_board
    from game.ui.scenes.facilitator import FacilitatorPanel

    app.settings.facilitator = True
    app.settings.turn_timer = 2
    session = mid_game(rs)
    with_reasons(session.game)
    board = new_board(app, session)
    session.track_timer(0.0)
    session.track_timer(47.0)
    app.push(FacilitatorPanel(app, board))
    shoot(app, out / f"facilitator{suffix}.png")


def _paused(app: App, rs: Ruleset, out: Path, suffix: str) -> None:
    from game.ui.scenes.board import new_board

    app.settings.facilitator = True
    session = mid_game(rs)
    board = new_board(app, session)
    session.paused = True
    board.refresh()
    shoot(app, out / f"paused{suffix}.png")


def _inject(app: App, rs: Ruleset, out: Path, suffix: str) -> None:
    from game.ui.scenes.board import new_board
    from game.ui.scenes.facilitator import FacilitatorPanel, InjectDialog

    app.settings.facilitator = True
    board = new_board(app, mid_game(rs))
    app.push(FacilitatorPanel(app, board))
    dialog = app.push(InjectDialog(app, board))
    assert isinstance(dialog, InjectDialog)
    dialog.chosen = min(3, len(dialog.events) - 1)
    dialog.rebuild()
    shoot(app, out / f"inject{suffix}.png")


def _room_view(app: App, rs: Ruleset, out: Path, suffix: str) -> None:
    """Projector mode between turns: the public board, the last actions, no hand."""
    from game.ui.scenes.board import new_board

    app.settings.projector = True
    app.relayout()
    session = mid_game(rs)
    bots = [f for f, k in session.game.seats.items() if k != HUMAN]
    advance(session.game, lambda g: g.actor in bots and g.between_actions())
    session.viewer = None
    board = new_board(app, session)
    board.skipping = False
    session.last_step_at = float("inf")  # hold the bots still for the picture
    shoot(app, out / f"room-view-projector{suffix}.png")


def _replay(app: App, rs: Ruleset, out: Path, suffix: str) -> None:
    from game.ui.rulebook import Loaded
    from game.ui.scenes.replay import ReplayScene

    s = finished(rs)
    with_reasons(s.game)
    replay = app.push(ReplayScene(app, Loaded((), rs, None), s.game))
    assert isinstance(replay, ReplayScene)
    summit_round = s.game.summits[0].round if s.game.summits else 1
    replay.index = min(summit_round, len(replay.pages) - 1)
    replay.show_page()
    shoot(app, out / f"replay{suffix}.png")


def _modded(mod: str, name: str) -> Callable[[App, Ruleset, Path, str], None]:
    def shot(app: App, rs: Ruleset, out: Path, suffix: str) -> None:
        from game.ui.scenes.board import new_board

        loaded = app.rules((mod,))
        if loaded.ruleset is None:
            print(f"the {mod} mod does not load:", *loaded.problems[:5], sep="\n  ", file=sys.stderr)
            return
        session = mid_game(loaded.ruleset, geometry=loaded.geometry, min_round=2)
        new_board(app, session)
        shoot(app, out / f"{name}{suffix}.png")

    return shot


SHOTS: dict[str, Callable[[App, Ruleset, Path, str], None]] = {
    "menu": _menu,
    "setup": _setup,
    "board": _board,
    "handoff": _handoff,
    "summit": _summit,
    "stakes": _stakes,
    "end": _end,
    "reason": _reason,
    "facilitator": _facilitator,
    "paused": _paused,
    "inject": _inject,
    "room-view": _room_view,
    "replay": _replay,
    "china": _modded("china", "china-six-factions"),
    "caucasus": _modded("caucasus", "caucasus"),
}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m game.ui.screenshots", description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    p.add_argument("--sizes", default="1600x900,1280x720")
    p.add_argument("--text-size", default="normal", choices=("normal", "large", "projector"))
    p.add_argument("--rules", default=None)
    p.add_argument("--only", default=None, help=f"comma-separated: {', '.join(SHOTS)}")
    p.add_argument("--lang", default="en", help="the language of the window (en, ru, kk, tr, qps: the pseudo-locale)")
    args = p.parse_args(argv)
    sizes = []
    for part in args.sizes.split(","):
        w, _, h = part.partition("x")
        sizes.append((int(w), int(h)))
    only = set(args.only.split(",")) if args.only else None
    return render_all(Path(args.out), sizes, args.text_size, args.rules, only, args.lang)


if __name__ == "__main__":
    sys.exit(main())
