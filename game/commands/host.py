"""`python -m game host [--scenario ID] [--port P] [--bind ADDR] [--seat FACTION=KIND] [--continue] [--headless]`:
a seminar room — the window is the projector's screen, each team plays from its own device.

Every seat is a team device unless `--seat` says otherwise (`human` at the screen, or a
bot kind). `--continue` restores the autosave (the teams' links keep working on the same
port). `--headless` runs the room without a window (bots play the bot seats) and prints
the links; Ctrl+C or `--quit-after` ends it.
"""

from __future__ import annotations

import argparse
import random
import sys
import threading

from game.commands import EXIT_BAD_INPUT
from game.commands.load import load_rules_or_report, save_problem
from game.engine import Game, SaveError
from game.i18n import _

KINDS = ("device", "human")


def _seats(args: argparse.Namespace, factions: list[str]) -> dict[str, str] | None:
    seats = dict.fromkeys(factions, "device")
    for item in args.seat:
        fid, sep, kind = item.partition("=")
        if not sep or fid not in seats:
            print(_('--seat expects FACTION=KIND with a faction of the scenario ({join}), got {item!r}.').format(join=', '.join(factions), item=item), file=sys.stderr)
            return None
        from game.ai.base import BOT_KINDS

        if kind not in (*KINDS, *BOT_KINDS):
            print(_('--seat {fid}= expects one of {join}, got {kind!r}.').format(fid=fid, join=', '.join((*KINDS, *BOT_KINDS)), kind=kind), file=sys.stderr)
            return None
        seats[fid] = kind
    return seats


def run(args: argparse.Namespace) -> int:
    ruleset = load_rules_or_report(args.rules, args.mod)
    if ruleset is None:
        return EXIT_BAD_INPUT
    scenarios = {s.id: s for s in ruleset.scenarios}
    if args.scenario is not None and args.scenario not in scenarios:
        print(_('There is no scenario {scenario!r}; scenarios: {join}.').format(scenario=args.scenario, join=', '.join(scenarios)), file=sys.stderr)
        return EXIT_BAD_INPUT
    scenario = scenarios[args.scenario] if args.scenario else ruleset.scenarios[0]
    seats = _seats(args, list(scenario.factions))
    if seats is None:
        return EXIT_BAD_INPUT
    game: Game | None = None
    if args.continue_game:
        from game.files import data_folder

        auto = data_folder() / "autosave.json"
        try:
            game = Game.from_json(ruleset, auto.read_text(encoding="utf-8"))
        except FileNotFoundError:
            print(_('There is no autosave to continue ({auto}).').format(auto=auto), file=sys.stderr)
            return EXIT_BAD_INPUT
        except SaveError as e:
            print(f"{auto}: {save_problem(e)}", file=sys.stderr)
            return EXIT_BAD_INPUT
        except OSError as e:
            print(f"{auto}: {e}", file=sys.stderr)
            return EXIT_BAD_INPUT
    if game is None:
        seed = args.seed if args.seed is not None else random.randrange(1, 1_000_000)
        game = Game.new(ruleset, scenario.id, seed, seats)
    if args.headless:
        return _headless(args, game)
    return _window(args, game)


def _headless(args: argparse.Namespace, game: Game) -> int:
    from game.files import data_folder
    from game.room.headless import HeadlessTable, run_loop
    from game.room.host import Room, keys_path_for
    from game.ui.map_data import load_map

    folder = data_folder()
    folder.mkdir(parents=True, exist_ok=True)
    auto = folder / "autosave.json"
    try:
        room = Room(game, load_map(), bind=args.bind or "0.0.0.0", port=8765 if args.port is None else args.port, keys_file=keys_path_for(auto))
        room.start()
    except OSError as e:
        way_out = _("Close what uses that port or choose another with --port (0: any free one); --bind must be an address of this machine.")
        print(f"{e}. {way_out}", file=sys.stderr)
        return EXIT_BAD_INPUT
    names = {f.id: f.name for f in game.factions}
    print(_('The seminar room is open at {base_url}').format(base_url=room.base_url), flush=True)
    kept = _("(the link issued before the restart still works)")  # outside the f-string: pybabel reads no _() in one
    for fid, link in room.links.items():
        print(f"  {names[fid]}: {link.url or kept}", flush=True)
    print("  " + _("spectators: {url}").format(url=room.spectator_url), flush=True)
    stop = threading.Event()
    if args.quit_after:
        threading.Timer(args.quit_after, stop.set).start()
    try:
        run_loop(room, HeadlessTable(game, auto), stop)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        room.stop()
    return 0


def _window(args: argparse.Namespace, game: Game) -> int:
    try:
        from game.ui.app import App, parse_size, start_app
        from game.ui.scenes.board import game_session, new_board
    except ImportError as e:
        print(_('The game window cannot start ({error}); install the game with `pip install -e .`.').format(error=e), file=sys.stderr)
        return EXIT_BAD_INPUT
    app = App(parse_size(args.size), rules_dir=args.rules, fullscreen=True if args.fullscreen else None if not args.size else False,
              screenshot=args.screenshot, quit_after=args.quit_after, mods=tuple(args.mod))  # fmt: skip
    app.room_bind = args.bind or "0.0.0.0"
    app.room_port = args.port
    app.settings.projector = True  # the window is the room's screen (not saved: Settings keeps the player's choice)
    try:
        start_app(app)
        loaded = app.rules(tuple(args.mod))
        if loaded.ruleset is None:
            print(_("The rules have problems; run `python -m game validate`."), file=sys.stderr)
            return EXIT_BAD_INPUT
        new_board(app, game_session(loaded, game))
        return int(app.run())
    finally:
        app.shutdown()
