"""`index.html`: the whole debrief on one self-contained page (charts embedded, the
stylesheet `report.css` inline), piece by piece. Every piece of game text goes through `esc`."""

from __future__ import annotations

from dataclasses import dataclass

from game.analysis import charts as ch
from game.analysis.odds import OddsTable, chance_margin, turning_point_text
from game.analysis.report.chart_data import ChartData, faction_styles
from game.analysis.report.markup import base64_text, esc, faction_chip, number_text, said, seat_words
from game.analysis.report.style import stylesheet
from game.analysis.report.timeline import Move, timeline
from game.analysis.report.timeline_html import TimelineHtml
from game.analysis.report.trace import Trace
from game.engine import Game
from game.engine.view import View
from game.i18n import N_, _, language, ngettext, pgettext

SECTIONS = (
    ("outcome", N_("Outcome")),
    ("charts", N_("Charts")),
    ("odds", N_("Odds")),
    ("timeline", N_("Timeline")),
    ("reasons", N_("Reasons")),
    ("standing", N_("Final standing")),
)
"""The page's sections, as its table of contents links them."""
VERDICTS = {"balance": N_("Balance emerged"), "domination": N_("Domination emerged"), "breakdown": N_("Breakdown")}
PHONE_MEDIA = "screen and (max-width: 820px)"
"""Where the phone drawing of a chart replaces the wide one: below 820 px (708 px of text) the wide one's
smallest words (26 of its 1600 px) would show under 11.5 CSS px."""
BRAND = "Center of Gravity"
"""The game's name, never translated (it stays in English capitals in every language)."""
COUNTRY_STATUS = {"dominated": N_("Dominated by"), "aligned": N_("Aligned with")}
MARKED = (
    N_("Debrief — {scenario} — Center of Gravity"), N_("Center of Gravity · Debrief report"), N_("Game not finished"),
    N_("{verdict} · round {round} ({year})"), N_("The countries at the end"), N_("Country"), N_("Status"), N_("Why"),
    N_("The numbers behind the chart: {unit}"), N_("Series"), N_("{title}: line chart; the numbers are in the table below."),
    N_("No player typed a reason for a move in this game."), N_("Round"), N_("Faction"), N_("Action"),
    N_("Reasons for moves, at a glance"), N_("Summit {year}"), N_("Played by"), N_("Other VP"), N_("Influence share"),
    N_("Capital"),
    N_("Other VP: points from cards, events and end-of-game bonuses (such as a balance bonus). Ties are broken by total influence on the board."),
)
"""The page's words that are translated inside f-strings (`_()` there is not seen by the extractor): marked here."""


@dataclass(frozen=True)
class ChartPictures:
    """A chart drawn for the page: wide (`PAGE_LAYOUT`, screens and paper) and for phones."""

    page: bytes
    phone: bytes


class HtmlReport:
    """The page, piece by piece (every piece of game text goes through `esc`)."""

    def __init__(
        self, game: Game, trace: Trace, moves: list[Move], data: list[ChartData], pictures: dict[str, ChartPictures],
        odds: OddsTable | None = None,
    ) -> None:  # fmt: skip
        self.g = game
        self.odds = odds
        self.t = game.t
        self.trace = trace
        self.moves = moves
        self.data = data
        self.pictures = pictures
        self.styles = faction_styles(game)
        self.names = {f.id: f.name for f in game.t.factions}

    def chip(self, fid: str | None) -> str:
        return faction_chip(self.styles, fid)

    def page(self) -> str:
        parts = [
            "<!doctype html>",
            f'<html lang="{esc(html_lang())}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(_('Debrief — {scenario} — Center of Gravity').format(scenario=self.t.scenario.name))}</title>",
            f"<style>\n{stylesheet()}</style></head><body><main>",
            self.masthead(),
            self.outcome(),
            self.charts(),
            self.odds_section(),
            self.timeline(),
            self.reasons(),
            '<div class="closing">',  # the standing and the footer print together: no page for the footer alone
            self.standing(),
            self.footer(),
            "</div>",
            "</main></body></html>",
        ]
        return "\n".join(parts) + "\n"

    def masthead(self) -> str:
        g, sc = self.g, self.t.scenario
        seats = "".join(
            f'<li>{self.chip(f.id)} <span class="muted">{esc(seat_words(g.seats.get(f.id, "human")))}</span></li>'
            for f in self.t.factions
        )
        sections = [s for s in SECTIONS if s[0] != "odds" or self.odds is not None]
        nav = " ".join(f'<a href="#{a}">{esc(_(b))}</a>' for a, b in sections)
        # the kicker is set in capitals by CSS in the page's language; the game's English name
        # keeps English capitals (Turkish would make GRAVİTY)
        kicker = esc(_("Center of Gravity · Debrief report")).replace(BRAND, f'<span lang="en">{BRAND}</span>')
        return (
            f'<header class="masthead"><p class="kicker">{kicker}</p>'
            f'<h1>{esc(sc.name)}</h1><p class="meta">{esc(self.meta())}</p>'
            f'<ul class="seats">{seats}</ul><nav class="toc">{nav}</nav></header>'
        )

    def meta(self) -> str:
        """The game in one line: years, rounds, factions, actions, reasons and seed."""
        g, sc = self.g, self.t.scenario
        played = max((h.round for h in g.history), default=0)
        last_year = sc.start_year + max(played, 1) - 1
        n_reasons = len(g.reasons)
        n_moves = sum(1 for m in self.moves if m.faction is not None)
        return (
            _("{start_year}–{last_year} · {played} of {rounds} rounds · {count} factions · {n_moves} actions ({count2} steps) · {reasons} · seed {seed}").format(
                start_year=sc.start_year, last_year=last_year, played=played, rounds=sc.rounds, count=len(self.t.factions), n_moves=n_moves,
                count2=len(g.actions), reasons=ngettext("{n} reason given", "{n} reasons given", n_reasons).format(n=n_reasons), seed=g.seed
            )
        )

    def outcome(self) -> str:
        return f'<section id="outcome"><h2>{esc(_("Outcome"))}</h2>{self.verdict()}{self.countries()}</section>'

    def verdict(self) -> str:
        g, t = self.g, self.t
        o = g.outcome
        if o is None:
            year = t.scenario.start_year + g.round - 1
            head = _('The game was stopped in round {round} ({year}), before its end: there is no outcome yet.').format(round=g.round, year=year)
            return f'<div class="verdict verdict-open"><p class="verdict-kind">{esc(_("Game not finished"))}</p><p class="lead">{esc(head)}</p></div>'
        kind = _(VERDICTS[o.kind]) if o.kind in VERDICTS else o.kind
        who = _("{chip} wins").format(chip=self.chip(o.winner)) if o.winner else _("Nobody wins")
        if o.kind == "breakdown" and o.breaker:
            who += _(' · pushed over the edge by {chip}').format(chip=self.chip(o.breaker))
        year = t.scenario.start_year + o.round - 1
        more = "".join(f"<li>{esc(said(r))}</li>" for r in o.reasons[1:])
        return (
            f'<div class="verdict verdict-{esc(o.kind)}"><p class="verdict-kind">{esc(_("{verdict} · round {round} ({year})").format(verdict=kind, round=o.round, year=year))}</p>'
            f'<p class="winner">{who}</p><p class="lead">{esc(said(o.reasons[0]) if o.reasons else "")}</p>'
            + (f'<ul class="reasons">{more}</ul>' if more else "")
            + "</div>"
        )

    def countries(self) -> str:
        """Each country's status at the end, with its balance index and the engine's reasons."""
        g, t = self.g, self.t
        rows = []
        for c in t.countries:
            st = g.country_status(c.id)
            fid = t.factions[st.faction].id if st.faction is not None else None
            status = _(COUNTRY_STATUS.get(st.kind, N_("Balanced")))
            who = f"{status} {self.chip(fid)}" if fid else status
            bi = g.history[-1].countries.get(c.id) if g.history else None
            rows.append(
                f'<tr><th scope="row">{esc(c.name)}</th><td class="status">{who}</td><td class="num">{number_text(bi, "number")}</td><td>{esc(" ".join(map(said, st.reasons)))}</td></tr>'
            )
        return (
            f'<h3>{esc(_("The countries at the end"))}</h3><div class="scroll"><table class="data countries"><thead><tr><th scope="col">{esc(_("Country"))}</th>'
            f'<th scope="col">{esc(_("Status"))}</th><th scope="col" class="num">{esc(_("Balance index"))}</th><th scope="col">{esc(_("Why"))}</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )

    def charts(self) -> str:
        out = [
            f'<section id="charts"><h2>{esc(_("Charts"))}</h2>',
            '<p class="note">'
            + esc(_('Each point is the state at the end of a round; "Start" is the board before round 1. The table under each chart holds the numbers it is drawn from (also in {file}).'))
            .replace("{file}", "<code>charts.json</code>")
            + "</p>",
        ]
        out += [self.chart(d) for d in self.data if not d.id.startswith("odds")]
        out.append("</section>")
        return "".join(out)

    def odds_section(self) -> str:
        """The odds chart and the three actions that moved the odds most (only when odds were computed)."""
        odds = self.odds
        if odds is None:
            return ""
        margin = chance_margin(odds.games)
        how = ngettext(
            "From the end of each round, and before each action of the rounds searched for turning points, heuristic bots played the game on "
            "{games} time, the cards nobody could see dealt again each time; the odds of an outcome are the share of those "
            "games that ended so. A change of less than about {margin} points may be chance.",
            "From the end of each round, and before each action of the rounds searched for turning points, heuristic bots played the game on "
            "{games} times, the cards nobody could see dealt again each time; the odds of an outcome are the share of those "
            "games that ended so. A change of less than about {margin} points may be chance.",
            odds.games,
        ).format(games=odds.games, margin=margin)
        chart = "".join(self.chart(d) for d in self.data if d.id.startswith("odds"))
        judged = odds.judged_again
        if judged:
            how += " " + ngettext(
                "Before an action was named below, the odds on either side of it were judged again from {games} game: "
                "there, a change of less than about {margin} points may be chance.",
                "Before an action was named below, the odds on either side of it were judged again from {games} games: "
                "there, a change of less than about {margin} points may be chance.",
                judged,
            ).format(games=judged, margin=chance_margin(judged))
        if odds.turning:
            items = "".join(f"<li>{esc(turning_point_text(self.g, tp))}</li>" for tp in odds.turning)
            head = ngettext("The action that moved the odds most", "The {n} actions that moved the odds most", len(odds.turning)).format(n=len(odds.turning))
            turning = f'<h3>{esc(head)}</h3><ol class="turning">{items}</ol>'
        elif odds.fine:
            turning = f'<p class="note">{esc(_("No single action moved the odds."))}</p>'
        else:
            turning = '<p class="note">' + _code(
                _("The odds were judged only at the ends of rounds, so no action can be named as a turning point: {command} judges them before each action too."),
                command="<code>python -m game odds SAVE --fine --json FILE</code>",
            ) + "</p>"  # fmt: skip
        return f'<section id="odds"><h2>{esc(_("Odds"))}</h2><p class="note">{esc(how)}</p>{turning}{chart}</section>'

    def chart(self, d: ChartData) -> str:
        """The chart's heading, its picture (one drawn for phones with fewer, larger words),
        then the numbers it is drawn from."""
        head = "".join(
            f'<th scope="col" class="num">{esc(a)}<br><span class="muted">{esc(b)}</span></th>'
            for a, b in d.chart.x_labels
        )
        rows = "".join(self.chart_row(d, s) for s in d.chart.series)
        return (
            f'<figure class="chart" id="chart-{esc(d.id)}"><h3>{esc(d.chart.title)}</h3><p class="note">{esc(d.chart.subtitle)}</p>'
            f"{self.picture(d)}"
            f'<div class="scroll"><table class="data numbers"><caption>{esc(_("The numbers behind the chart: {unit}").format(unit=d.unit))} · '
            + esc(_("the chart alone is {file}")).replace("{file}", f"<code>{esc(d.file)}</code>")
            + f'</caption><thead><tr><th scope="col">{esc(_("Series"))}</th>{head}</tr></thead><tbody>{rows}</tbody></table></div></figure>'
        )

    def picture(self, d: ChartData) -> str:
        pic = self.pictures[d.file]
        wide, phone = ch.PAGE_LAYOUT, ch.PHONE_LAYOUT
        return (
            f'<picture><source media="{PHONE_MEDIA}" srcset="data:image/png;base64,{base64_text(pic.phone)}" '
            f'width="{phone.width // 2}" height="{phone.height // 2}">'
            f'<img src="data:image/png;base64,{base64_text(pic.page)}" width="{wide.width // 2}" height="{wide.height // 2}" '
            f'alt="{esc(_("{title}: line chart; the numbers are in the table below.").format(title=d.chart.title))}"></picture>'
        )

    def chart_row(self, d: ChartData, s: ch.Series) -> str:
        cells = "".join(f'<td class="num">{number_text(v, d.table_format)}</td>' for v in d.raw[s.id])
        return f'<tr><th scope="row">{ch.svg_swatch(s, 30, 14)} {esc(s.name)}</th>{cells}</tr>'

    def timeline(self) -> str:
        return TimelineHtml(self.g, self.chip).section(timeline(self.g, self.trace, self.moves))

    def reasons(self) -> str:
        with_reason = [m for m in self.moves if m.reason]
        if not with_reason:
            body = f'<p class="note">{esc(_("No player typed a reason for a move in this game."))}</p>'
        else:
            rows = "".join(
                f'<tr><td class="num">{m.round}</td><td>{self.chip(m.faction)}</td><td>{esc((m.lines or [""])[0])}</td><td class="why-cell"><q>{esc(m.reason)}</q></td></tr>'
                for m in with_reason
            )
            body = (
                f'<div class="scroll"><table class="data reasons-table"><thead><tr><th scope="col" class="num">{esc(_("Round"))}</th><th scope="col">{esc(_("Faction"))}</th>'
                f'<th scope="col">{esc(_("Action"))}</th><th scope="col">{esc(_("Why"))}</th></tr></thead><tbody>{rows}</tbody></table></div>'
            )
        return f'<section id="reasons"><h2>{esc(_("Reasons for moves, at a glance"))}</h2>{body}</section>'

    def standing(self) -> str:
        g, t = self.g, self.t
        end = g.view(None)
        shares = g.history[-1].shares if g.history else {}
        head = "".join(
            f'<th scope="col" class="num">{esc(_("Summit {year}").format(year=t.scenario.start_year + s.round - 1))}</th>' for s in g.summits
        )
        order = final_order(g, end.vp, shares)
        rows = "".join(self.standing_row(rank, t.factions[f].id, end, shares) for rank, f in enumerate(order, 1))
        return (
            f'<section id="standing"><h2>{esc(_("Final standing"))}</h2><div class="scroll"><table class="data standing"><thead><tr>'
            f'<th scope="col" class="num">#</th><th scope="col">{esc(_("Faction"))}</th><th scope="col">{esc(_("Played by"))}</th>'
            f'{head}<th scope="col" class="num">{esc(_("Other VP"))}</th><th scope="col" class="num">{esc(pgettext("column heading", "VP"))}</th>'
            f'<th scope="col" class="num">{esc(_("Influence share"))}</th><th scope="col" class="num">{esc(_("Capital"))}</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div>"
            f'<p class="note">{esc(_("Other VP: points from cards, events and end-of-game bonuses (such as a balance bonus). Ties are broken by total influence on the board."))}</p></section>'
        )

    def standing_row(self, rank: int, fid: str, end: View, shares: dict[str, float]) -> str:
        """A faction's VP, summit by summit, the rest of its VP, its share and its capital."""
        g = self.g
        per = [s.scores.get(fid, 0) for s in g.summits]
        other = end.vp[fid] - sum(per)
        cells = "".join(f'<td class="num">{v}</td>' for v in per)
        winner = ' class="winner-row"' if g.outcome is not None and g.outcome.winner == fid else ""
        return (
            f'<tr{winner}><td class="num">{rank}</td><th scope="row">{self.chip(fid)}</th><td>{esc(seat_words(g.seats.get(fid, "human")))}</td>'
            f'{cells}<td class="num">{f"{other:+d}" if other else "0"}</td><td class="num total">{end.vp[fid]}</td>'
            f'<td class="num">{number_text(shares.get(fid), "percent")}</td><td class="num">{end.capital[fid]}</td></tr>'
        )

    def footer(self) -> str:
        files = ", ".join(f"<code>{esc(d.file)}</code>" for d in self.data)
        return (
            '<footer><p class="files">'
            + _code(
                _("Also in this folder: {csv} (one row per step: step, round, year, faction, action, the log text it wrote and the "
                  "player's reason; UTF-8), {json} (the numbers of every chart) and the charts as PNG ({files})."),
                csv="<code>actions.csv</code>", json="<code>charts.json</code>", files=files,
            )
            + "</p><p>"
            + _code(
                _("Made by {command} from the game's action log. Rules identity {identity}."),
                command="<code>python -m game report</code>", identity=esc((self.t.ruleset.identity or "unknown")[:12]),
            )
            + "</p></footer>"
        )


def html_lang() -> str:
    """The page's `lang` attribute: the reader's language (`en` for the pseudo-locale)."""
    lang = language()
    return lang if lang.isalpha() and lang != "qps" else "en"


def _code(template: str, **markup: str) -> str:
    """A translated sentence escaped, its placeholders filled with markup (code, links)."""
    out = esc(template)
    for k, v in markup.items():
        out = out.replace("{" + k + "}", v)
    return out


def final_order(game: Game, vp: dict[str, int], shares: dict[str, float]) -> list[int]:
    """The factions (their indexes) by VP, ties broken by influence share, then by seat."""
    ids = [f.id for f in game.t.factions]
    return sorted(range(len(ids)), key=lambda f: (-vp[ids[f]], -(shares.get(ids[f]) or 0), f))
