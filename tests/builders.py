"""A small hand-built ruleset for rule tests: two countries, five spaces, three factions.

Built directly from the model (not YAML) so each rule test controls every number.
Ids here are test ids, not base-game ids.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from game.engine import Game
from game.engine.rng import Rng
from game.ruleset.model import (
    Ability,
    BalanceBonus,
    Card,
    Corridor,
    Country,
    Crisis,
    Faction,
    Gateway,
    Ruleset,
    Scenario,
    Settings,
    Space,
    StartingInfluence,
    SummitScoring,
    Track,
    WorldEvent,
)


def card(cid: str, faction: str | None, type_: str = "soft_power", cost: int = 0, ops: int = 2, event: tuple = ()) -> Card:
    return Card(cid, cid.title(), faction, type_, cost, ops, tuple(event), flavour="", source="test")


def faction(fid: str, gateways: tuple[str, ...], modifiers: tuple[dict[str, Any], ...] = (), **kw: Any) -> Faction:
    abilities = tuple(Ability(f"{fid}-ability-{i}", f"{fid} ability {i}", "", (m,)) for i, m in enumerate(modifiers))
    defaults: dict[str, Any] = dict(
        adjective=fid,
        base_income=2,
        hand_size=3,
        scoring=SummitScoring(per_dominated=4, per_aligned=2),
    )
    defaults.update(kw)
    return Faction(fid, fid.title(), gateways=gateways, abilities=abilities, **defaults)


def mini_ruleset(
    *,
    factions: tuple[Faction, ...] | None = None,
    cards: tuple[Card, ...] | None = None,
    events: tuple[WorldEvent, ...] | None = None,
    crises: tuple[Crisis, ...] | None = None,
    influence: tuple[StartingInfluence, ...] = (),
    tracks: dict[str, int] | None = None,
    capital: dict[str, int] | None = None,
    rounds: int = 3,
    summits: tuple[int, ...] = (2, 3),
    settings: Settings | None = None,
    stability: int = 1,
) -> Ruleset:
    countries = (Country("alpha", "Alpha", ("pact", "north")), Country("beta", "Beta", ("south",)))
    spaces = (
        Space("a1", "A-one", "alpha", stability, ("a2", "a3", "gw-n"), ("capital",)),
        Space("a2", "A-two", "alpha", stability, ("a1", "a3", "b1"), ("port",)),
        Space("a3", "A-three", "alpha", stability, ("a1", "a2")),
        Space("b1", "B-one", "beta", stability, ("a2", "b2"), ("capital",)),
        Space("b2", "B-two", "beta", stability, ("b1", "gw-s")),
    )
    gateways = (Gateway("gw-n", "North", ("a1",)), Gateway("gw-s", "South", ("b2",)))
    corridors = (Corridor("spine", "Spine", ("gw-n", "a1", "a2", "b1")),)
    track_defs = (
        Track("tension", "Tension", 0, 10, role="tension", crisis_at=7, breakdown_at=10, cleanup_change=-1),
        Track("unity", "Unity", 0, 5),
    )
    if factions is None:
        factions = (
            faction("red", ("gw-n",)),
            faction("blue", ("gw-s",)),
            faction(
                "green",
                (),
                modifiers=({"on": "reach", "always": True, "where": {"country": "alpha"}},),
                scoring=SummitScoring(per_balanced=2, plus_tracks=("unity",)),
                wins_by_domination=False,
                balance_bonus=BalanceBonus(60, 5),
            ),
        )
    if cards is None:
        cards = tuple(card(f"{f.id}-{k}", f.id, t) for f in factions for k, t in enumerate(("soft_power", "security", "trade", "soft_power")))
        cards += tuple(card(f"reg-{k}", None, "trade") for k in range(4))
    scenario = Scenario(
        id="test",
        name="Test",
        start_year=2025,
        rounds=rounds,
        summit_rounds=summits,
        factions=tuple(f.id for f in factions),
        capital=tuple((capital or {f.id: 3 for f in factions}).items()),
        tracks=tuple((tracks or {"tension": 2, "unity": 1}).items()),
        influence=influence,
    )
    return Ruleset(
        countries=countries,
        spaces=spaces,
        gateways=gateways,
        corridors=corridors,
        tracks=track_defs,
        factions=factions,
        cards=cards,
        events=events if events is not None else (),
        crises=crises if crises is not None else (),
        scenarios=(scenario,),
        settings=settings or Settings(),
        identity="mini",
    )


def start(space: str, faction_id: str, **amounts: int) -> StartingInfluence:
    return StartingInfluence(space, faction_id, tuple(amounts.items()))


def new_game(seed: int = 1, **kw: Any) -> Game:
    return Game.new(mini_ruleset(**kw), seed=seed)


def with_settings(**kw: Any) -> Settings:
    return replace(Settings(), **kw)


def give(g: Game, faction_id: str, *card_ids: str) -> None:
    """Replace a faction's hand with the named cards (tests set up exact situations)."""
    t = g.t
    f = t.faction_index[faction_id]
    given = [t.card_index[c] for c in card_ids]
    for pile in (*g.hands, *g.decks, *g.discards, g.regional_deck, g.regional_discard):
        pile[:] = [c for c in pile if c not in given]
    g.hands[f] = given
    g.offer(None)


def put(g: Game, space: str, faction_id: str, domain: str, amount: int) -> None:
    from game.engine.tables import DOMAIN_INDEX

    g.add_influence(g.t.space_index[space], g.t.faction_index[faction_id], DOMAIN_INDEX[domain], amount, capped=False)
    g.offer(None)


def play(g: Game, *actions: str) -> None:
    for a in actions:
        g.apply(a)


def pass_until(g: Game, predicate: Any, limit: int = 200) -> None:
    """Everyone passes (or takes the first legal answer) until `predicate(g)` holds."""
    for _ in range(limit):
        if predicate(g):
            return
        legal = g.legal_actions()
        from game.engine import Action

        g.apply(Action("pass") if Action("pass") in legal else legal[0])
    raise AssertionError("the condition never came about")


def random_play(g: Game, steps: int, seed: int = 3) -> None:
    """Up to `steps` random legal steps (fewer if the game ends)."""
    rng = Rng(seed)
    for _ in range(steps):
        if g.over:
            return
        legal = g.legal_actions()
        g.apply(legal[rng.below(len(legal))])
