"""What the board says about the thing under the pointer: a hovered card enlarged, with
what clicking it does or why it cannot be played (the engine's words); a hovered space's
numbers, leader and reasons; a clicked country's status."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.engine import Action
from game.i18n import N_, _
from game.ruleset.model import DOMAINS
from game.ui import theme as th
from game.ui.widgets.panels import draw_info_box
from game.ui.widgets.words import said

WEIGHTED = {
    "soft_power": N_("{name}'s soft power counts {times}× here"),
    "security": N_("{name}'s security counts {times}× here"),
    "trade": N_("{name}'s trade counts {times}× here"),
}
"""A domain an ability weighs for leadership (Elite networks as a mod, CSTO umbrella), said in the space's tooltip."""
BONUSED = {
    "soft_power": N_("{name}'s soft power adds {bonus} here"),
    "security": N_("{name}'s security adds {bonus} here"),
    "trade": N_("{name}'s trade adds {bonus} here"),
}
"""A domain whose units earn a fixed leadership bonus (a `leadership` modifier's `bonus`), said likewise."""
STATUS_WORDS = {"dominated": N_("Dominated"), "aligned": N_("Aligned"), "balanced": N_("Balanced")}
TAG_WORDS = {
    "capital": N_("capital"), "caspian_port": N_("Caspian port"), "fergana_valley": N_("Fergana Valley"),
    "afghan_border": N_("Afghan border"), "china_border": N_("Chinese border"), "amu_darya": N_("Amu Darya"),
}  # fmt: skip
"""The base rules' space tags as words in the hover card (a mod's own tags read as written)."""

if TYPE_CHECKING:
    from game.ui.scenes.board.scene import BoardScene

InfoLine = tuple[str, str, th.Colour]
"""(kind, text, colour), as `draw_info_box` draws it."""


class Tooltips:
    def __init__(self, board: BoardScene) -> None:
        self.board = board
        self.space_box: pygame.Rect | None = None
        """Where the hovered space's box was last drawn (None: no space's box is shown)."""

    def draw(self, surface: pygame.Surface) -> None:
        """The hovered card, else the hovered space's box at the pointer."""
        b = self.board
        t = b.app.theme
        screen = surface.get_rect()
        self.space_box = None
        if b.hover_card is not None:
            self.draw_card(surface, b.hover_card)
        elif b.hover_space is not None:
            # Above the action bar (its prompt and buttons stay readable while the pointer
            # rests on a space), unless the box is too tall for that area.
            above_bar = screen.copy()
            if b.layout is not None:
                above_bar.bottom = b.layout.bar.top
            self.space_box = draw_info_box(surface, t, b.mouse, self.space_lines(b.hover_space), t.tpx(340), screen, b.styles, above_bar)

    def draw_card(self, surface: pygame.Surface, cid: str) -> None:
        """The card enlarged above its place in the hand, with its note beside it."""
        b = self.board
        t = b.app.theme
        lay = b.layout
        assert lay is not None and b.cards is not None
        rect = dict(b.hand.card_rects).get(cid)
        if rect is None:
            return
        screen = surface.get_rect()
        w = min(t.tpx(300), round(lay.map.h * 0.62))
        big = b.cards.render(cid, (w, round(w * 1.38)), "playable" if cid in b.card_actions else "normal", big=True)
        r = big.get_rect(midbottom=(rect.centerx, rect.y - t.px(8)))
        r.clamp_ip(screen)
        th.draw_shadow(surface, r, t.px(12), t.px(6))
        surface.blit(big, r)
        note = self.card_note(cid)
        lines: list[InfoLine] = []
        if note:
            lines.append(("warn" if note.startswith(_("Not now: ")) else "text", note, th.INK))
        lines.append(("muted", self.card_marks(cid), th.INK_MUTED))
        draw_info_box(surface, t, (r.right - t.px(10), r.y), lines, t.tpx(280), screen)

    def card_marks(self, cid: str) -> str:
        """What the card's corner marks mean: the coin, the hexagon, and whose card it is."""
        b = self.board
        card = next((c for c in b.rs.cards if c.id == cid), None)
        owner = b.styles.get(card.faction or "") if card is not None else None
        whose = (
            _("The emblem: {faction}'s own card.").format(faction=owner.name)
            if owner is not None
            else _("R: a regional card, in every faction's deck.")
        )
        return _("Coin: capital it costs. Hexagon: its operations.") + " " + whose

    def card_note(self, cid: str) -> str:
        """What clicking a card does, or why it cannot be played now (the engine's words)."""
        b = self.board
        if cid in b.card_actions:
            if b.card_actions[cid].verb == "discard":
                return _("Click to discard this card.")
            return _("Click to play: then choose operations or the event.")
        if not b.view.legal or not any(a.verb == "play" for a in b.view.legal):
            return ""
        return _("Not now: ") + said(b.session.game.why_not(Action("play", (cid,))))

    def space_lines(self, sid: str) -> list[InfoLine]:
        """A space's box: its country and tags, stability, leader, influence, corridors,
        and whether it can be chosen now."""
        b = self.board
        sp = next(s for s in b.rs.spaces if s.id == sid)
        country = next((c.name for c in b.rs.countries if c.id == sp.country), sp.country)
        tags = _(", ").join(_(TAG_WORDS[tg]) if tg in TAG_WORDS else tg.replace("_", " ") for tg in sp.tags)
        lines: list[InfoLine] = [
            ("title", sp.name, th.GOLD),
            ("muted", f"{country}" + (f" · {tags}" if tags else ""), th.INK_MUTED),
        ]
        lines += self.space_state_lines(sid)
        corridors = [c.name for c in b.rs.corridors if sid in c.route]
        if corridors:
            lines.append(("muted", _("Corridors: ") + ", ".join(corridors), th.INK_MUTED))
        if b.space_actions:
            if sid in b.space_actions:
                lines.append(("bold", _("Click to choose this space."), th.HIGHLIGHT))
            else:
                lines.append(("warn", self.why_not(sid), th.WARNING))
        lines.append(("muted", _("Click for the country's status."), th.INK_MUTED))
        return lines

    def space_state_lines(self, sid: str) -> list[InfoLine]:
        """Stability, leader and each faction's influence in a space, as the viewer sees them."""
        b = self.board
        sv = b.view.spaces.get(sid)
        if sv is None:
            return []
        leader = b.styles.get(sv.leader or "")
        lines: list[InfoLine] = [
            ("text", _('Stability {stability}: a leader needs that much more than the runner-up.').format(stability=sv.stability), th.INK),
            ("bold", _('Leader: {name}').format(name=leader.name) if leader else _("Contested: no leader"), th.INK),
        ]
        if sv.reason:
            lines.append(("muted", said(sv.reason), th.INK_MUTED))
        lines.append(("sep", "", th.INK))
        if not sv.influence:
            return [*lines, ("muted", _("No influence here yet."), th.INK_MUTED)]
        lines.append(("muted", _("Influence — soft power / security / trade = total"), th.INK_MUTED))
        weights = b.session.game.leadership(sid)
        by_domain = b.session.game.leadership_weights(sid)
        bonuses = b.session.game.leadership_bonuses(sid)
        weighed_by = b.session.game.leadership_sources(sid, "weight")
        bonused_by = b.session.game.leadership_sources(sid, "bonus")
        weighted = []
        for fid, amounts in sorted(sv.influence.items(), key=lambda kv: (-weights.get(kv[0], 0), -sum(kv[1].values()))):
            st = b.styles.get(fid)
            name = st.name if st else fid
            nums = " / ".join(str(amounts.get(d, 0)) for d in DOMAINS)
            raw = sum(amounts.values())
            lead = weights.get(fid, raw)
            text = f"{name}:  {nums} = {raw}"
            if lead != raw:
                text += "  " + _("→ {total} for leadership").format(total=lead)
                # a total differs from the units only where some domain is weighted (weights are 1 or more) or earns a bonus
                notes = [(_(WEIGHTED[d]).format(name=name, times=x), weighed_by.get(fid, {}).get(d)) for d, x in by_domain.get(fid, {}).items()]
                notes += [(_(BONUSED[d]).format(name=name, bonus=x), bonused_by.get(fid, {}).get(d)) for d, x in bonuses.get(fid, {}).items()]
                weighted.append("; ".join(note + (f" ({', '.join(why)})" if why else "") for note, why in notes))
            lines.append((f"row:{fid}", text, th.INK))
        if weights:
            order = sorted(weights.items(), key=lambda kv: -kv[1])
            totals = ", ".join(f"{b.styles[f].name if f in b.styles else f} {v}" for f, v in order)
            lines.append(("text", _("Who leads is decided on these totals: {totals} (a lead of {stability} needed).").format(totals=totals, stability=sv.stability), th.INK))
        if weighted:
            lines.append(("muted", "; ".join(weighted) + ".", th.INK_MUTED))
        return lines

    def why_not(self, sid: str) -> str:
        """Why a space is not a legal target now: the engine's sentence for the step this
        decision asks for, in that space."""
        b = self.board
        acts = [a for acts in b.space_actions.values() for a in acts]
        if not acts:
            return ""
        sample = acts[0]
        candidate = Action(sample.verb, (sid,) if sample.faction is None else (sid, sample.faction))
        return said(b.session.game.why_not(candidate)) or _("Not one of the spaces this step allows.")

    def draw_country(self, surface: pygame.Surface) -> None:
        """The selected country's box at the map's top-left: its status, reasons and spaces."""
        b = self.board
        t = b.app.theme
        lines = self.country_lines(b.selected_country)
        if not lines or b.map is None:
            return
        anchor = (b.map.map_rect.x + t.px(4), b.map.map_rect.y + t.px(40))
        draw_info_box(surface, t, anchor, lines, t.tpx(380), b.map.map_rect, b.styles)

    def country_lines(self, cid: str | None) -> list[InfoLine]:
        b = self.board
        cv = b.view.countries.get(cid or "")
        country = next((c for c in b.rs.countries if c.id == cid), None)
        if cv is None or country is None:
            return []
        st = b.styles.get(cv.faction or "")
        status = _(STATUS_WORDS[cv.status]) if cv.status in STATUS_WORDS else cv.status
        status += (f" — {st.name}" if st else "")
        lines: list[InfoLine] = [
            ("title", country.name, th.GOLD),
            ("bold", status, st.light if st else th.INK),
            ("muted", _('Balance index here: {balance_index:.0f}').format(balance_index=cv.balance_index), th.INK_MUTED),
            ("sep", "", th.INK),
        ]
        lines += [("text", said(r), th.INK) for r in cv.reasons]
        lines.append(("sep", "", th.INK))
        for sp in b.rs.spaces:
            if sp.country == cid:
                sv = b.view.spaces.get(sp.id)
                lead = b.styles.get(sv.leader or "") if sv else None
                who = lead.name if lead else _("contested")
                cap = _(" (capital)") if sp.is_capital else ""
                lines.append((f"row:{lead.id}" if lead else "text", f"{sp.name}{cap}: {who}", th.INK))
        lines.append(("muted", _("Click elsewhere or press Esc to close."), th.INK_MUTED))
        return lines
