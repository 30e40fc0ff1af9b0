"""What is at stake (S on the board): for each outside power, the countries it dominates
and is aligned with against the domination condition, its VP lead against the lead rule (where the rules have one),
and what the summit would give it if it were held now — read from the engine's
`Game.domination_progress()` and `Game.summit_preview()`, so the panel follows whatever
rules the scenario plays with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.engine.scoring import DominationProgress, SummitPreview
from game.i18n import _, caps, ngettext
from game.ui import theme as th
from game.ui.app import App, Scene
from game.ui.widgets.words import said

if TYPE_CHECKING:
    from game.ui.scenes.board import BoardScene


@dataclass(frozen=True)
class StakesRow:
    """One faction's line of the panel, in words."""

    faction: str
    progress: float | None
    """0 … 1 toward winning at once (None: it cannot win by domination)."""
    map_line: str
    lead_line: str
    summit_vp: int
    summit_line: str


def countries_line(p: DominationProgress) -> str:
    """'Dominates 1, aligned with 2: counts 2 of the 3 countries that win.'"""
    if not p.can_win:
        return _("Cannot win by domination: it scores for balance and integration.")
    held = ngettext("dominates {count} country", "dominates {count} countries", p.dominated).format(count=p.dominated)
    if p.aligned:
        held += ", " + ngettext("aligned with {count}", "aligned with {count}", p.aligned).format(count=p.aligned)
    counted = p.points / 100
    share = ""
    if p.aligned and p.points > 100 * p.dominated:
        share = _(" (an aligned country counts {share}%)").format(share=(p.points - 100 * p.dominated) // p.aligned)
    elif p.aligned:
        share = _(" (aligned countries do not count toward it)")
    return _("Map: {held} — counts {counted:g} of the {need} dominated countries that win{share}.").format(
        held=held, counted=counted, need=p.need_countries, share=share
    )


def lead_line(p: DominationProgress, regional: str) -> str:
    """The VP lead against the lead rule, in words (none where the rules have no such win,
    as the base game's: the map is the only way, and a line on every row would say nothing)."""
    if not p.can_win or p.need_lead <= 0:
        return ""
    if p.lead > 0:
        lead = _("ahead of every other outside power by {lead} VP").format(lead=p.lead)
    elif p.lead == 0:
        lead = _("level with the best other outside power")
    else:
        lead = _("{behind} VP behind the best other outside power").format(behind=-p.lead)
    text = _("VP lead: {lead}; a lead of {need} wins at a summit").format(lead=lead, need=p.need_lead)
    if regional:
        text += _(" if also ahead of {regional}").format(regional=regional) if p.ahead_of_regional else _(
            " — but it must also be ahead of {regional}, and is not"
        ).format(regional=regional)
    if not p.lead_counts:
        text += _(" (not at the next summit: a lead counts only later in the game)")
    return text + "."


def stakes_rows(progress: list[DominationProgress], preview: SummitPreview, names: dict[str, str]) -> list[StakesRow]:
    """The panel's rows, nearest to hegemony first, the regional actor last."""
    regional = " ".join(names[p.faction] for p in progress if not p.can_win)
    rows = []
    for p in sorted(progress, key=lambda p: (not p.can_win, -p.progress)):
        vp = preview.record.scores.get(p.faction, 0)
        reason = said(preview.record.reasons.get(p.faction, ""))
        rows.append(
            StakesRow(
                p.faction,
                p.progress if p.can_win else None,
                countries_line(p),
                lead_line(p, regional),
                vp,
                _("If the summit were now: {reason}").format(reason=reason) if reason else "",
            )
        )
    return rows


def verdict(preview: SummitPreview) -> tuple[str, bool]:
    """The domination check a summit held now would bring, and whether it ends the game."""
    if preview.outcome is not None:
        return said(preview.outcome.reasons[0]), True
    return said(preview.record.domination), False


class StakesScene(Scene):
    """The stakes panel over the board (S opens and closes it; Esc or Enter closes it)."""

    opaque = False

    def __init__(self, app: App, board: BoardScene) -> None:
        super().__init__(app)
        self.board = board
        game = board.session.game
        self.names = {f.id: f.name for f in board.rs.factions}
        self.rows = stakes_rows(game.domination_progress(), game.summit_preview(), self.names)
        self.verdict, self.ends = verdict(game.summit_preview())
        self.hegemony = said(board.view.hegemony)

    def panel(self) -> pygame.Rect:
        t = self.app.theme
        w, h = self.app.size
        pw, ph = min(w - t.px(40), t.tpx(1100)), h - t.px(40)
        return pygame.Rect((w - pw) // 2, (h - ph) // 2, pw, ph)

    def build(self) -> None:
        t = self.app.theme
        p = self.panel()
        bw, bh = t.tpx(200), t.tpx(46)
        self.button(pygame.Rect(p.right - bw - t.px(20), p.bottom - bh - t.px(14), bw, bh), _("Close"), self.close_panel, "menu_primary", _("S, Esc or Enter"), oid="stakes-close")

    def close_panel(self) -> None:
        self.app.pop(self)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_s):
            self.close_panel()
            return True
        return False

    # ----- drawing ---------------------------------------------------------------------------------
    def _lines(self, width: int, detail: bool) -> list[tuple[StakesRow, list[tuple[pygame.font.Font, str, th.Colour]]]]:
        t = self.app.theme
        small = t.font("small")
        out = []
        for row in self.rows:
            texts = [(row.map_line, th.INK)]
            if row.lead_line:
                texts.append((row.lead_line, th.INK))
            if detail and row.summit_line:
                texts.append((row.summit_line, th.INK_MUTED))
            lines = [(small, ln, colour) for text, colour in texts for ln in th.wrap_text(small, text, width)]
            out.append((row, lines))
        return out

    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        veil.fill((*th.BG_DEEP, 210))
        surface.blit(veil, (0, 0))
        p = self.panel()
        th.draw_shadow(surface, p, t.px(14), t.px(8))
        th.draw_panel(surface, p, th.PANEL, th.GOLD, t.px(14), max(1, t.px(2)))
        x = p.x + t.px(24)
        right = p.right - t.px(24)
        y = p.y + t.px(14)
        h2, body, small, body_b = t.font("h2"), t.font("body"), t.font("small"), t.font("body_bold")
        r = th.blit_text(surface, h2, _("What is at stake"), th.GOLD, (x, y))
        y = r.bottom + t.px(2)
        for ln in th.wrap_text(small, self.hegemony, right - x):
            th.blit_text(surface, small, ln, th.INK_MUTED, (x, y))
            y += small.get_linesize()
        y += t.px(8)
        tr = t.tpx(14)
        text_x = x + 2 * tr + t.px(12)
        vp_w = max(t.font("h3").size("+00")[0], t.font("tiny").size(_("VP if the summit were now"))[0]) + t.px(16)
        text_w = right - text_x - vp_w
        bottom = p.bottom - t.tpx(46) - t.px(14) - self._verdict_height(p) - t.px(10)
        # the summit's reasons when they fit; without them when they would not (never cut)
        laid = self._lines(text_w, True)
        if y + self._height(laid) > bottom:
            laid = self._lines(text_w, False)
        for row, lines in laid:
            st = self.board.styles.get(row.faction)
            if st is not None:
                th.blit_token(surface, st, (x + tr, y + tr), tr)
            name = th.blit_text(surface, body_b, self.names.get(row.faction, row.faction), th.INK, (text_x, y))
            if row.progress is not None:
                self._bar(surface, pygame.Rect(name.right + t.px(14), name.centery - t.px(5), min(t.tpx(220), text_x + text_w - name.right - t.px(14)), t.px(10)), row.progress)
            gain = th.blit_text(surface, t.font("h3"), f"+{row.summit_vp}", th.GOLD if row.summit_vp else th.INK_MUTED, (right, y), "topright")
            th.blit_text(surface, t.font("tiny"), _("VP if the summit were now"), th.INK_MUTED, (right, gain.bottom), "topright")
            ly = name.bottom
            for font, ln, colour in lines:
                th.blit_text(surface, font, ln, colour, (text_x, ly))
                ly += font.get_linesize()
            y = max(y + 2 * tr, ly, gain.bottom + t.font("tiny").get_linesize()) + t.px(8)
            pygame.draw.line(surface, th.PANEL_EDGE, (x, y - t.px(4)), (right, y - t.px(4)), 1)
        y = max(y, bottom) + t.px(6)
        th.blit_text(surface, t.font("small_bold"), caps(_("If the summit were now")), th.INK_MUTED, (x, y))
        y += small.get_linesize()
        for ln in th.wrap_text(body, self.verdict, p.w - t.tpx(260)):
            th.blit_text(surface, body, ln, th.DANGER if self.ends else th.GOOD, (x, y))
            y += body.get_linesize()

    def _bar(self, surface: pygame.Surface, rect: pygame.Rect, progress: float) -> None:
        """Progress toward hegemony: a bar and its percentage."""
        t = self.app.theme
        if rect.w < t.px(40):
            return
        label = _("{pct}% to hegemony").format(pct=round(100 * progress))
        tiny = t.font("tiny")
        bar = pygame.Rect(rect.x, rect.y, rect.w - tiny.size(label)[0] - t.px(8), rect.h)
        if bar.w < t.px(20):
            return
        pygame.draw.rect(surface, th.PANEL_RAISED, bar, border_radius=t.px(3))
        fill = bar.copy()
        fill.w = round(bar.w * max(0.0, min(1.0, progress)))
        colour = th.DANGER if progress >= 0.75 else th.WARNING if progress >= 0.4 else th.GOOD
        if fill.w:
            pygame.draw.rect(surface, colour, fill, border_radius=t.px(3))
        th.blit_text(surface, tiny, label, th.INK, (bar.right + t.px(8), bar.centery), "midleft")

    def _height(self, laid: list[tuple[StakesRow, list[tuple[pygame.font.Font, str, th.Colour]]]]) -> int:
        t = self.app.theme
        body_b = t.font("body_bold")
        tr = t.tpx(14)
        gain = t.font("h3").get_linesize() + t.font("tiny").get_linesize()
        return sum(max(2 * tr, body_b.get_linesize() + sum(f.get_linesize() for f, _l, _c in lines), gain) + t.px(8) for _r, lines in laid)

    def _verdict_height(self, p: pygame.Rect) -> int:
        t = self.app.theme
        body = t.font("body")
        return t.font("small").get_linesize() + len(th.wrap_text(body, self.verdict, p.w - t.tpx(260))) * body.get_linesize()
