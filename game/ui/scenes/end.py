"""The end screen: the outcome and its reasons (or, for a game the facilitator ended early,
the standings so far), the VP table, the balance index by round — and the way into the
debrief: the report (`write_report`, run on a worker thread; then open the page or its
folder), the replay viewer, and the odds of each outcome by round (`game.analysis.odds`,
played on in a worker process, so the window stays responsive; drawn under the balance
index once they are in)."""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game.i18n import N_, _, ngettext, pgettext
from game.ui import theme as th
from game.ui.app import App, Scene
from game.ui.data_dir import reports_dir
from game.ui.widgets.chart import line_chart
from game.ui.widgets.words import said

if TYPE_CHECKING:
    from game.ui.scenes.board import BoardScene

HEADLINES = {"domination": N_("Domination emerged"), "balance": N_("Balance emerged"), "breakdown": N_("Breakdown")}


class ReportJob:
    """`write_report` on a worker thread (it takes most of a second); the screen polls it."""

    def __init__(self, game: object, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.files: list[Path] = []
        self.error = ""
        self.thread = threading.Thread(target=self._run, args=(game,), name="report", daemon=True)
        self.thread.start()

    def _run(self, game: object) -> None:
        try:
            from game.analysis.report import write_report

            self.files = list(write_report(game, self.out_dir))  # type: ignore[arg-type]
        except Exception as e:  # noqa: BLE001 — shown on the end screen as a sentence
            self.error = _('The report could not be written: {error}').format(error=e)

    @property
    def done(self) -> bool:
        return not self.thread.is_alive()

    @property
    def index(self) -> Path:
        return next((f for f in self.files if f.name == "index.html"), self.out_dir / "index.html")


class OddsJob:
    """The odds of a game (`game.analysis.odds.odds_in_background`) in a worker process
    started by "spawn" (a fork would copy the window's threads and display); the screen
    polls it once a frame and may stop it."""

    GAMES = 10
    """Games played on from the start of each round: a long game takes a minute or two."""

    def __init__(self, ruleset: object, save: str) -> None:
        from game.analysis.odds import odds_in_background

        ctx = multiprocessing.get_context("spawn")
        self.queue: Any = ctx.Queue()
        self.process = ctx.Process(target=odds_in_background, args=(ruleset, save, self.GAMES, 1, self.queue), name="odds", daemon=True)
        self.process.start()
        self.share = 0.0
        self.result: dict[str, Any] | None = None
        self.error = ""

    def poll(self) -> bool:
        """Read what the worker said since the last frame; True if anything changed."""
        changed = False
        while self.result is None and not self.error:
            try:
                kind, *rest = self.queue.get_nowait()
            except queue.Empty:
                if not self.process.is_alive():
                    self.error = _("The odds could not be computed.")
                    changed = True
                break
            changed = True
            if kind == "progress":
                self.share = rest[0] / max(rest[1], 1)
            elif kind == "done":
                self.result = rest[0]
            else:
                self.error = _("The odds could not be computed: {error}").format(error=rest[0])
        return changed

    @property
    def done(self) -> bool:
        return self.result is not None or bool(self.error)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()


def open_in_browser(target: Path) -> None:
    """Open a file or folder with the desktop's browser or file manager, off the UI thread."""
    threading.Thread(target=webbrowser.open, args=(target.resolve().as_uri(),), name="open", daemon=True).start()


class EndScene(Scene):
    def __init__(self, app: App, board: BoardScene) -> None:
        super().__init__(app)
        self.board = board
        self.view = board.session.game.view(None)
        self.early = board.session.ended_early and not board.session.game.over
        self.shown_at = time.monotonic()
        self.job: ReportJob | None = None
        self._job_state: tuple[bool, str] | None = None
        self.odds: OddsJob | None = None

    def build(self) -> None:
        t = self.app.theme
        w, h = self.app.size
        bw, bh, gap = t.tpx(210), t.tpx(50), t.px(12)
        items = [
            (_("Main menu"), self.to_menu, "menu_primary", "end-menu"),
            (_("New game"), self.new_game, "menu", "end-new"),
            (_("Save"), self.board.open_save, "menu", "end-save"),
            (_("Back to the board"), self.to_board, "menu", "end-board"),
        ]
        # each button as wide as its label needs (a translation may be longer), the row
        # shrunk evenly only if the window is too narrow for all of them
        font, pad = t.font("h3"), t.px(24)
        widths = [max(bw, font.size(th.printable(font, label))[0] + pad) for label, *_rest in items]
        room = w - t.px(60) - gap * (len(items) - 1)
        if sum(widths) > room:
            widths = [max(t.px(40), wd * room // sum(widths)) for wd in widths]
        y = h - bh - t.px(24)
        x = w - t.px(30)
        for (label, action, cls, oid), width in zip(items, widths, strict=True):
            x -= width
            self.button(pygame.Rect(x, y, width, bh), th.fit_text(font, label, width - t.px(16)), action, cls, oid=oid)
            x -= gap
        # the debrief: the report and the replay, above the chart
        chart = self._chart_rect()
        n = (3 if self.job is not None and self.job.done and not self.job.error else 2) + (0 if self.board.session.demo else 1)
        dbw = min(t.tpx(240), (chart.w - gap * (n - 1)) // n)
        dy = chart.y - bh - t.px(14)
        if self.job is None or not self.job.done or self.job.error:
            busy = self.job is not None and not self.job.done
            self.button(
                pygame.Rect(chart.x, dy, dbw, bh), _("Writing…") if busy else _("Debrief report"), self.write_report, "primary",
                _("Write the debrief (HTML with charts, the timeline with players' reasons, a CSV of actions)"), enabled=not busy, oid="end-report",
            )
        else:
            self.button(pygame.Rect(chart.x, dy, dbw, bh), _("Open the report"), self.open_report, "primary", str(self.job.index), oid="end-open-report")
        self.button(pygame.Rect(chart.x + dbw + gap, dy, dbw, bh), _("Watch replay"), self.watch_replay, "", _("Step through the game round by round"), oid="end-replay")
        if not self.board.session.demo:
            ox = chart.x + (dbw + gap) * 2
            self.button(
                pygame.Rect(ox, dy, min(dbw, chart.right - ox), bh), _("Odds"), self.start_odds, "",
                _("Play the game on from the start of each round, many times, and chart how often each outcome came (a minute or two)"),
                enabled=self.odds is None, oid="end-odds",
            )  # fmt: skip
        if self.job is not None and self.job.done and not self.job.error:
            self.button(pygame.Rect(chart.right - dbw, dy, dbw, bh), _("Open the folder"), self.open_folder, "", str(self.job.out_dir), oid="end-open-folder")

    def _chart_rect(self) -> pygame.Rect:
        t = self.app.theme
        w, h = self.app.size
        m = t.px(36)
        col_w = round(w * 0.46)
        top = t.tpx(150) + t.tpx(50) + t.px(14)
        return pygame.Rect(m + col_w + t.px(30), top, w - m * 2 - col_w - t.px(30), h - top - t.tpx(100) - t.font("small").get_linesize())

    # ----- the debrief ----------------------------------------------------------------------------
    def write_report(self) -> None:
        g = self.board.session.game
        stamp = time.strftime("%Y-%m-%d-%H%M%S")
        out = reports_dir() / f"{stamp}-round-{g.round}"
        self.job = ReportJob(g.copy(), out)
        self.rebuild()

    def start_odds(self) -> None:
        s = self.board.session
        self.odds = OddsJob(s.ruleset, s.game.to_json())
        self.rebuild()

    def open_report(self) -> None:
        if self.job is not None:
            open_in_browser(self.job.index)

    def open_folder(self) -> None:
        if self.job is not None:
            open_in_browser(self.job.out_dir)

    def watch_replay(self) -> None:
        from game.ui.rulebook import Loaded
        from game.ui.scenes.replay import ReplayScene

        s = self.board.session
        loaded = Loaded(s.mods, s.ruleset, s.geometry)
        self.app.push(ReplayScene(self.app, loaded, s.game.copy()))

    # ----- navigation -----------------------------------------------------------------------------
    def to_menu(self) -> None:
        from game.ui.scenes.menu import MenuScene

        self.stop_odds()
        self.board.close_session()
        self.app.replace_all(MenuScene(self.app))

    def new_game(self) -> None:
        from game.ui.scenes.setup import SetupScene

        self.to_menu()
        self.app.push(SetupScene(self.app))

    def stop_odds(self) -> None:
        if self.odds is not None:
            self.odds.stop()

    def to_board(self) -> None:
        self.stop_odds()
        s = self.board.session
        if self.early:
            s.ended_early = False  # the facilitator carries on
            self.board.shown_end = False
        self.app.pop(self)
        self.board.refresh()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.to_menu()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.to_board()
            return True
        return False

    def update(self, dt: float) -> bool:
        if self.odds is not None and not self.odds.done and self.odds.poll():
            return True
        if self.job is not None:
            state = (self.job.done, self.job.error)
            if state != self._job_state:
                self._job_state = state
                if self.job.done:
                    self.rebuild()
                return True
        if self.board.session.demo and self.app.top is self and time.monotonic() - self.shown_at > 8.0:
            from game.ui.scenes.board import start_demo

            self.board.close_session()
            start_demo(self.app, self.board.session.game.seed + 1)
            return True
        return False

    def busy(self) -> bool:
        return self.job is not None and not self.job.done

    # ----- drawing --------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        t = self.app.theme
        w, h = self.app.size
        surface.fill(th.BG)
        v = self.view
        out = v.outcome
        styles = self.board.styles
        m = t.px(36)
        y = t.px(26)
        col_w = round(w * 0.46)
        body = t.font("body")
        if self.early:
            r = th.blit_text(surface, t.font("title"), _("Ended early"), th.WARNING, (m, y))
            y = r.bottom
            r = th.blit_text(surface, t.font("h2"), _('by the facilitator, in round {round} of {rounds} ({year})').format(round=v.round, rounds=v.rounds, year=v.year), th.INK, (m, y + t.px(4)))
            y = r.bottom + t.px(6)
            reasons = [_("No outcome: the standings so far.")] + [said(r) for c in v.countries.values() for r in c.reasons[:1]]
        else:
            kind = out.kind if out else "balance"
            colour = th.DANGER if kind in ("domination", "breakdown") else th.GOOD
            r = th.blit_text(surface, t.font("title"), _(HEADLINES[kind]) if kind in HEADLINES else kind, colour, (m, y))
            y = r.bottom
            winner = styles.get(out.winner or "") if out else None
            if winner is not None:
                tr = t.tpx(22)
                th.blit_token(surface, winner, (m + tr, y + tr + t.px(4)), tr)
                r = th.blit_text(surface, t.font("h2"), _("{name} wins").format(name=winner.name), th.INK, (m + tr * 2 + t.px(12), y + t.px(4)))
                y = max(r.bottom, y + tr * 2 + t.px(4)) + t.px(6)
            elif out is not None and out.kind == "breakdown":
                breaker = styles.get(out.breaker or "")
                r = th.blit_text(surface, t.font("h2"), _("Nobody wins") + (_(' — {name} pushed the region over the edge').format(name=breaker.name) if breaker else ""), th.INK, (m, y + t.px(4)))
                y = r.bottom + t.px(6)
            reasons = [said(r) for r in out.reasons] if out else []
        limit = round(h * 0.5)
        for i, reason in enumerate(reasons):
            lines = th.wrap_text(body, reason, col_w)
            if y + len(lines) * body.get_linesize() > limit:
                if i:
                    th.blit_text(surface, body, _('… and {value} more on the board').format(value=len(reasons) - i), th.INK_MUTED, (m, y))
                    y += body.get_linesize() + t.px(4)
                break
            for ln in lines:
                th.blit_text(surface, body, ln, th.INK, (m, y))
                y += body.get_linesize()
            y += t.px(4)
        # VP table
        y += t.px(12)
        table = pygame.Rect(m, y, col_w, h - y - t.tpx(100))
        th.draw_panel(surface, table, th.PANEL, th.PANEL_EDGE, t.px(10))
        ty = table.y + t.px(10)
        head = t.font("small_bold")
        th.blit_text(surface, head, _("VICTORY POINTS") + (_(" SO FAR") if self.early else ""), th.INK_MUTED, (table.x + t.px(14), ty))
        summits = v.summits
        sx = table.right - t.px(20)
        col = t.tpx(64)
        total = pgettext("column heading", "TOTAL")
        # the summits' columns end where the total's heading begins (a translation may be wide)
        last = sx - max(col, head.size(th.printable(head, total))[0] + t.px(16))
        th.blit_text(surface, head, total, th.INK_MUTED, (sx, ty), "topright")
        for i, srec in enumerate(reversed(summits)):
            th.blit_text(surface, head, pgettext("column heading: a round", "R{round}").format(round=srec["round"]), th.INK_MUTED, (last - col * i, ty), "topright")
        ty += head.get_linesize() + t.px(6)
        order = sorted(v.vp, key=lambda f: -v.vp[f])
        row_h = max(t.tpx(30), (table.bottom - ty - t.px(8)) // max(1, len(order)))
        row_h = min(row_h, t.tpx(52))
        for fid in order:
            st = styles.get(fid)
            if st is None:
                continue
            if out is not None and fid == out.winner:
                pygame.draw.rect(surface, th.mix(th.PANEL, st.colour, 0.3), pygame.Rect(table.x + t.px(4), ty, table.w - t.px(8), row_h - t.px(2)), border_radius=t.px(6))
            tr = t.tpx(13)
            th.blit_token(surface, st, (table.x + t.px(14) + tr, ty + row_h // 2), tr)
            th.blit_text(surface, t.font("body_bold"), st.name, th.INK, (table.x + t.px(22) + tr * 2, ty + row_h // 2), "midleft")
            th.blit_text(surface, t.font("h3"), str(v.vp[fid]), th.GOLD, (sx, ty + row_h // 2), "midright")
            for i, srec in enumerate(reversed(summits)):
                th.blit_text(surface, t.font("small"), f"+{srec['scores'].get(fid, 0)}", th.INK_MUTED, (last - col * i, ty + row_h // 2), "midright")
            ty += row_h
        # balance index chart
        chart = self._chart_rect()
        values = [hh.balance_index for hh in v.history]
        if self.early:
            values.append(v.balance_index)
        start_year = v.year - v.round
        labels = [pgettext("chart axis: before round 1", "start") if hh.round == 0 else str(start_year + hh.round) for hh in v.history]
        if self.early:
            labels.append("now")
        bonus = [float(f.balance_bonus.at_least) for f in self.board.rs.factions if f.balance_bonus is not None]
        upper = chart
        if self.odds is not None:  # the odds under the balance index, the same rounds across
            gap = t.px(10)
            upper = pygame.Rect(chart.x, chart.y, chart.w, (chart.h - gap) // 2)
            self._draw_odds(surface, pygame.Rect(chart.x, upper.bottom + gap, chart.w, chart.bottom - upper.bottom - gap), labels)
        line_chart(surface, upper, t, [(_("Balance index"), values, th.GOLD)], labels, 0, 100, tuple(bonus[:1]), _("Balance index by round (dashed: the balance bonus mark)"))
        self._draw_report_status(surface, chart)

    def _draw_odds(self, surface: pygame.Surface, rect: pygame.Rect, labels: list[str]) -> None:
        """The odds of each outcome by round once the worker is done (the outcomes that never
        reached 1% left out), else how far it has got."""
        from game.analysis.odds import outcome_name, read_odds

        t = self.app.theme
        job = self.odds
        assert job is not None
        if job.result is None:
            th.draw_panel(surface, rect, th.BG_DEEP, th.PANEL_EDGE, t.px(8))
            text = job.error or _("Playing the game on from the start of each round… {percent}%").format(percent=round(100 * job.share))
            small = t.font("small")
            for i, line in enumerate(th.wrap_text(small, text, rect.w - t.px(24))[:3]):
                th.blit_text(surface, small, line, th.DANGER if job.error else th.INK_MUTED, (rect.x + t.px(12), rect.y + t.px(12) + i * small.get_linesize()))
            return
        g = self.board.session.game
        table = read_odds(g, job.result)
        steps = [hh.step for hh in g.history] + ([len(g.actions)] if self.early else [])
        names = {f.id: f.name for f in g.factions}
        colours = {"balance": th.GOOD, "breakdown": th.DANGER} | {f"domination:{fid}": st.colour for fid, st in self.board.styles.items()}
        series = []
        for key in table.keys:
            values = [100 * table.at_step.get(k, {}).get(key, 0.0) for k in steps]
            if max(values, default=0) >= 1:
                series.append((outcome_name(key, names), values, colours.get(key, th.INK)))
        title = ngettext("The odds of each outcome by round ({games} game played on from each point)",
                         "The odds of each outcome by round ({games} games played on from each point)", table.games).format(games=table.games)  # fmt: skip
        line_chart(surface, rect, t, series, labels, 0, 100, (), title, direct_labels=True)

    def _draw_report_status(self, surface: pygame.Surface, chart: pygame.Rect) -> None:
        job = self.job
        if job is None:
            return
        t = self.app.theme
        small = t.font("small")
        if not job.done:
            text, colour = _("Writing the debrief report…"), th.INK_MUTED
        elif job.error:
            text, colour = job.error, th.DANGER
        else:
            text, colour = _('Report written: {index}').format(index=job.index), th.GOOD
        th.blit_text(surface, small, th.fit_text(small, text, chart.w), colour, (chart.x, chart.bottom + t.px(6)))
