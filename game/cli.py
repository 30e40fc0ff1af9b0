"""The command line: `python -m game [play|simulate|validate|replay|report|odds|bench|schema|docs|diff|host] ...`.

This module parses the flags; each verb is a module of `game.commands`, imported only
when used, so starting the game does not pay for the simulator (and vice versa). A bad
flag gets argparse's usage line and exit 2; a bad rules folder or save gets a sentence
and exit 2; Ctrl-C gets a sentence and exit 130.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence

from game.commands import EXIT_BAD_INPUT, EXIT_STOPPED
from game.i18n import N_, _, ngettext, set_language

MAX_SIDE = 8192
"""The largest window side `--size` accepts (beyond an 8K screen)."""
MAX_SECONDS = 24 * 3600.0
MAX_GAMES = 100_000
"""`simulate --games`: a million games take hours; more is a typo."""
MAX_JOBS = 256
MAX_RUNS = 1000
SEED_LIMIT = 2**64


ARGPARSE_WORDS = (
    N_("usage: "), N_("options"), N_("positional arguments"), N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"), N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"), N_("expected one argument"), N_("expected at most one argument"),
    N_("expected at least one argument"), N_("not allowed with argument %s"), N_("one of the arguments %s is required"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("invalid %(type)s value: %(value)r"),
    N_("ignored explicit argument %r"),
)  # fmt: skip
"""argparse's own words that a player meets (the usage line, its errors, the help's headings),
listed for extraction: argparse looks its `_` and `ngettext` up at each call, so pointing them at
the game's translator (`speak_the_readers_language`) says these in the reader's language. They are
argparse's words as Python 3.11 has them; a wording another Python changes reads in English."""


def speak_the_readers_language() -> None:
    """argparse's messages through the game's catalogues (English where they have none)."""
    vars(argparse).update(_=_, ngettext=ngettext)  # the module's globals, which its functions read


def _add_lang_arg(p: argparse.ArgumentParser) -> None:
    # SUPPRESS: a subcommand that is not given --lang keeps the top level's.
    p.add_argument("--lang", default=argparse.SUPPRESS, metavar="LANG",
                   help=_("the language of the window, reports and messages: en, ru, kk, tr or a language "
                          "a mod adds (default: the saved setting, else the system's)"))  # fmt: skip


def _add_rules_args(p: argparse.ArgumentParser) -> None:
    _add_lang_arg(p)
    p.add_argument("--rules", metavar="DIR", default=None, help=_("rules folder (default: rules/base)"))
    # SUPPRESS: a subcommand that is not given --mod keeps the top level's (`python -m game --mod x play`).
    p.add_argument("--mod", action="append", default=argparse.SUPPRESS, metavar="PATH",
                   help=_("lay a mod over the rules: a mod folder, or the id of a mod in mods/ or the data folder "
                        "(repeatable; loaded in order, each one's requirements first)"))  # fmt: skip


def _add_play_args(p: argparse.ArgumentParser) -> None:
    """Flags of the game window; on the top level too, since `play` is the default command."""
    p.add_argument("--demo", action="store_true", help=_("bots play every seat on screen (an attract screen)"))
    p.add_argument("--seed", type=_seed, default=None, metavar="S", help=_("the demo's seed (default: a random one)"))
    p.add_argument("--screenshot", default=None, metavar="PATH", help=_("save a PNG of the last frame when quitting"))
    p.add_argument("--quit-after", type=_positive_float, default=None, metavar="SECONDS", help=_("quit after this many seconds"))
    p.add_argument("--size", default=None, metavar="WxH", type=_window_size, help=_("window size, e.g. 1280x720 (default 1600x900)"))
    screen = p.add_mutually_exclusive_group()
    screen.add_argument("--fullscreen", action="store_true", help=_("start in full screen"))
    screen.add_argument("--windowed", action="store_true", help=_("start in a window"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m game", description=_("Center of Gravity — a strategy game of Central Asia."))
    _add_rules_args(parser)
    _add_play_args(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", help=_("open the game window (the default)"))
    _add_rules_args(play)
    _add_play_args(play)

    validate = sub.add_parser("validate", help=_("check the rules and print every problem"))
    _add_rules_args(validate)
    validate.add_argument("--json", action="store_true", help=_("print a JSON report instead of text"))

    simulate = sub.add_parser("simulate", help=_("play many games with bots and print the outcomes"))
    _add_rules_args(simulate)
    simulate.add_argument("--games", type=_bounded_int(MAX_GAMES), default=100, metavar="N", help=_("how many games to play (default 100)"))
    simulate.add_argument("--seed", type=_seed, default=1, metavar="S",
                          help=_("the run's seed: each game's follows from it and the game's number (default 1)"))  # fmt: skip
    simulate.add_argument("--scenario", default=None, metavar="ID", help=_("the scenario (default: the first one)"))
    simulate.add_argument("--json", dest="json_path", default=None, metavar="FILE", help=_("also write the results as JSON"))
    simulate.add_argument("--save-dir", default=None, metavar="DIR", help=_("write every game as a save file"))
    simulate.add_argument("--quiet", action="store_true", help=_("no progress bar"))
    simulate.add_argument("--bots", default="random", metavar="KIND",
                          help=_("the bot in every seat: random, heuristic, search:easy, search:normal or search:hard (default random)"))  # fmt: skip
    simulate.add_argument("--seat", action="append", default=[], metavar="FACTION=KIND",
                          help=_("a different bot for one faction (repeatable), e.g. --seat <faction>=heuristic"))  # fmt: skip
    simulate.add_argument("--jobs", type=_bounded_int(MAX_JOBS), default=1, metavar="J",
                          help=_("play the games in J processes (the results do not depend on J)"))  # fmt: skip
    simulate.add_argument("--compare", action="store_true",
                          help=_("play the same seeds without the --mod(s) too, and print how the outcome and win rates move"))  # fmt: skip

    replay = sub.add_parser("replay", help=_("print a saved game round by round, or --verify it"))
    _add_rules_args(replay)
    replay.add_argument("save", metavar="SAVE", help=_("a save file"))
    replay.add_argument("--verify", action="store_true", help=_("check that the log replays to every recorded state (exit 2 if not)"))

    report = sub.add_parser("report", help=_("write a debrief report (HTML with charts, and a CSV of actions) for a saved game"))
    _add_rules_args(report)
    report.add_argument("save", metavar="SAVE", help=_("a save file"))
    report.add_argument("--out", required=True, metavar="DIR", help=_("the folder to write index.html, the charts and actions.csv into"))
    odds_from = report.add_mutually_exclusive_group()
    odds_from.add_argument("--odds", type=_bounded_int(MAX_GAMES), default=None, metavar="N",
                           help=_("add the odds of each outcome by round and the three actions that moved them most, from N games "
                                  "played on by heuristic bots from each point (slow: minutes)"))  # fmt: skip
    odds_from.add_argument("--odds-json", default=None, metavar="FILE",
                           help=_("add the odds from FILE, written for this save by `python -m game odds --json`"))  # fmt: skip
    report.add_argument("--jobs", type=_bounded_int(MAX_JOBS), default=1, metavar="J",
                        help=_("play the games of --odds in J processes (the results do not depend on J)"))  # fmt: skip

    odds = sub.add_parser("odds", help=_("the odds of each outcome and each faction's win from the start of every round of a saved game, "
                                         "from games played on by heuristic bots"))  # fmt: skip
    _add_rules_args(odds)
    odds.add_argument("save", metavar="SAVE", help=_("a save file"))
    odds.add_argument("--games", type=_bounded_int(MAX_GAMES), default=20, metavar="N",
                      help=_("games played on from each point (default 20)"))  # fmt: skip
    odds.add_argument("--fine", action="store_true", help=_("judge the odds before every action too, and name the actions that moved them most (slow)"))
    odds.add_argument("--json", dest="json_path", default=None, metavar="FILE", help=_("also write the odds as JSON"))
    odds.add_argument("--jobs", type=_bounded_int(MAX_JOBS), default=1, metavar="J",
                      help=_("play the games in J processes (the results do not depend on J)"))  # fmt: skip
    odds.add_argument("--seed", type=_seed, default=1, metavar="S", help=_("the seed of the games played on (default 1; the same seed, the same odds)"))
    odds.add_argument("--quiet", action="store_true", help=_("no progress bar"))

    bench = sub.add_parser("bench", help=_("measure engine speed (medians of several runs)"))
    _add_rules_args(bench)
    bench.add_argument("--runs", type=_bounded_int(MAX_RUNS), default=5, metavar="N", help=_("runs to take the median of (default 5)"))
    bench.add_argument("--seconds", type=_run_seconds, default=2.0, metavar="S", help=_("length of each run"))
    bench.add_argument("--ui", action="store_true", help=_("measure the game window's frame times during the demo instead"))
    bench.add_argument("--bots", action="store_true", help=_("measure the median time a decision takes for each bot kind instead"))
    bench.add_argument("--layout", action="store_true", help=_("play bot games and measure how far the map's badges move, and count the strings drawn truncated on every screen"))
    bench.add_argument("--games", type=_bounded_int(MAX_RUNS), default=50, metavar="N", help=_("bot games per scenario for --layout (default 50)"))

    schema = sub.add_parser("schema", help=_("write the JSON Schema of rules files (or of mod.yaml) for editors"))
    schema.add_argument("--manifest", action="store_true", help=_("the schema of a mod's mod.yaml instead"))
    schema.add_argument("--output", "-o", default=None, metavar="FILE", help=_("write it to FILE (default: print it)"))

    docs = sub.add_parser("docs", help=_("regenerate docs/MODDING.md and the JSON Schemas in docs/schema/ from the code"))
    docs.add_argument("--check", action="store_true", help=_("only check that the committed files are up to date (exit 1 if not)"))

    host = sub.add_parser("host", help=_("a seminar room: the window is the projector, each team plays from its own phone or laptop"))
    _add_rules_args(host)
    host.add_argument("--scenario", default=None, metavar="ID", help=_("the scenario (default: the first one)"))
    host.add_argument("--seed", type=_seed, default=None, metavar="S", help=_("the game's seed (default: a random one)"))
    host.add_argument("--port", type=_port, default=None, metavar="P", help=_("the room's port (default 8765; 0: any free one)"))
    host.add_argument("--bind", default=None, metavar="ADDR", help=_("the address to listen on (default 0.0.0.0: every network of this machine)"))
    host.add_argument("--seat", action="append", default=[], metavar="FACTION=KIND",
                      help=_("who plays a seat instead of a team device: human (at the screen) or a bot kind (repeatable)"))  # fmt: skip
    host.add_argument("--continue", dest="continue_game", action="store_true", help=_("continue the autosave (the teams' links keep working)"))
    host.add_argument("--headless", action="store_true", help=_("no window: print the links and serve the room until Ctrl+C"))
    host.add_argument("--screenshot", default=None, metavar="PATH", help=_("save a PNG of the last frame when quitting"))
    host.add_argument("--quit-after", type=_positive_float, default=None, metavar="SECONDS", help=_("quit after this many seconds"))
    host.add_argument("--size", default=None, metavar="WxH", type=_window_size, help=_("window size, e.g. 1280x720"))
    host.add_argument("--fullscreen", action="store_true", help=_("start in full screen"))

    diff = sub.add_parser("diff", help=_("list what the --mod(s) change against the base rules"))
    _add_rules_args(diff)
    diff.add_argument("--json", action="store_true", help=_("print the changes as JSON"))

    translations = sub.add_parser("translations", help=_("regenerate the .pot templates from the code and the YAML and merge them into every .po"))
    _add_rules_args(translations)
    translations.add_argument("--new", action="append", default=[], metavar="LANG",
                              help=_("start catalogues for a new language too (repeatable)"))  # fmt: skip
    for p in (schema, docs):
        _add_lang_arg(p)
    return parser


def _wrong(template: str, text: str, **more: object) -> argparse.ArgumentTypeError:
    """A bad value's answer: `template` (already translated) with the value quoted, cut to 40
    characters, in `{text}`, and `more` in its other places."""
    return argparse.ArgumentTypeError(template.format(text=repr(text[:40]), **more))


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise _wrong(_("expected a number of seconds, got {text}"), text) from None
    if not math.isfinite(value) or not 0 <= value <= MAX_SECONDS:
        raise _wrong(_("expected a number of seconds from 0 to {most}, got {text}"), text, most=f"{MAX_SECONDS:g}")
    return value


def _run_seconds(text: str) -> float:
    value = _positive_float(text)
    if value < 0.1:
        raise _wrong(_("expected at least 0.1 seconds a run, got {text}"), text)
    return value


def _window_size(text: str) -> str:
    w, sep, h = text.lower().partition("x")
    ok = sep and w.isascii() and h.isascii() and w.isdigit() and h.isdigit() and len(w) <= 5 and len(h) <= 5
    if not (ok and 640 <= int(w) <= MAX_SIDE and 480 <= int(h) <= MAX_SIDE):
        raise _wrong(_("expected WIDTHxHEIGHT from 640x480 to {most}x{most}, e.g. 1600x900, got {text}"), text, most=MAX_SIDE)
    return text.lower()


def _seed(text: str) -> int:
    digits = text.removeprefix("-")
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 20) or not 0 <= int(text) < SEED_LIMIT:
        raise _wrong(_("expected a seed from 0 to {most} (a 64-bit number), got {text}"), text, most=SEED_LIMIT - 1)
    return int(text)


def _bounded_int(most: int) -> Callable[[str], int]:
    """A whole number from 1 to `most` (the message says the bound)."""

    def parse(text: str) -> int:
        value = _positive_int(text)
        if value > most:
            raise _wrong(_("expected at most {most}, got {text}"), text, most=f"{most:,}")
        return value

    return parse


def _port(text: str) -> int:
    if not (text.isascii() and text.isdigit() and len(text) <= 5) or int(text) > 65535:
        raise _wrong(_("expected a port number from 0 to 65535, got {text}"), text)
    return int(text)


def _positive_int(text: str) -> int:
    try:
        if len(text) > 20:
            raise ValueError(text)
        value = int(text)
    except ValueError:
        raise _wrong(_("expected a whole number, got {text}"), text) from None
    if value < 1:
        raise _wrong(_("expected 1 or more, got {text}"), text)
    return value


def chosen_language(argv: Sequence[str] | None) -> str | None:
    """The `--lang` of the command line, read before the parser (whose help follows it)."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", default=None)
    known, _rest = early.parse_known_args(argv)
    return known.lang


def main(argv: Sequence[str] | None = None) -> int:
    lang = chosen_language(argv)
    # --lang wins; else the window's saved setting (read by play), else the system's language.
    set_language(lang)
    speak_the_readers_language()
    args = build_parser().parse_args(argv)
    args.lang = lang
    args.mod = list(getattr(args, "mod", None) or [])
    try:
        return _run(args)
    except KeyboardInterrupt:
        # Ctrl-C in a long run (odds, simulate, bench, the window): a sentence, not a
        # traceback. Files are written whole at the end (`game.files.atomic_write`), so
        # nothing is left half-written; worker processes leave Ctrl-C to this one.
        start = "\n" if sys.stderr.isatty() else ""  # below a progress bar, and the terminal's ^C
        print(start + _("Stopped (Ctrl-C)."), file=sys.stderr)
        return EXIT_STOPPED


def _run(args: argparse.Namespace) -> int:
    command = args.command or "play"
    # One branch per verb, each importing only its own module (see the module's doc).
    if command == "play":
        from game.commands import play

        return play.run(args)
    if command == "validate":
        from game.commands import validate

        return validate.run(args)
    if command == "simulate" and args.compare:
        from game.commands import compare

        return compare.run(args)
    if command == "simulate":
        from game.commands import simulate

        return simulate.run(args)
    if command == "replay":
        from game.commands import replay

        return replay.run(args)
    if command == "report":
        from game.commands import report

        return report.run(args)
    if command == "odds":
        from game.commands import odds

        return odds.run(args)
    if command == "bench":
        from game.commands import bench

        return bench.run(args)
    if command == "schema":
        from game.commands import schema

        return schema.run(args)
    if command == "docs":
        from game.commands import docs

        return docs.run(args)
    if command == "host":
        from game.commands import host

        return host.run(args)
    if command == "diff":
        from game.commands import diff

        return diff.run(args)
    if command == "translations":
        from game.commands import translations

        return translations.run(args)
    return EXIT_BAD_INPUT
