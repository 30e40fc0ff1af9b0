"""The report's timeline section: each round's world event, moves with their reasons,
crises, summits and the end of the round."""

from __future__ import annotations

from collections.abc import Callable

from game.analysis.report.chart_data import summit_rounds_held
from game.analysis.report.markup import esc, number_text, said
from game.analysis.report.timeline import Item, Move, RoundBlock
from game.engine import Game
from game.engine.scoring import SummitRecord
from game.i18n import N_, _, pgettext

ACTIONS_PHASE = "actions"
MARKED = (N_("Timeline by round"), N_("Round {round} · {year}"), N_("End of round: balance index {value}"), N_("End of round"),
          N_("Why:"), N_("(hypothetical)"), N_("Faction"), N_("Why"))
"""Words translated inside f-strings (`_()` there is not seen by the extractor): marked here."""


class TimelineHtml:
    """Renders `timeline` blocks; `chip` writes a faction's name (see `faction_chip`)."""

    def __init__(self, game: Game, chip: Callable[[str | None], str]) -> None:
        self.g = game
        self.t = game.t
        self.summit_rounds = summit_rounds_held(game)
        self.chip = chip
        self.history = {h.round: h for h in game.history}

    def section(self, blocks: list[RoundBlock]) -> str:
        out = [f'<section id="timeline"><h2>{esc(_("Timeline by round"))}</h2>']
        out += [self.round(b) for b in blocks]
        out.append("</section>")
        return "".join(out)

    def round(self, b: RoundBlock) -> str:
        summit = _(" · Summit") if b.round in self.summit_rounds else ""
        out = [
            f'<section class="round" id="round-{b.round}"><h3>{esc(_("Round {round} · {year}").format(round=b.round, year=b.year) + summit)}</h3>{self.round_stats(b.round)}'
        ]
        heading = None
        for item in b.items:
            if item.kind == "move" and item.move is not None:
                label = action_round_label(item.move)
                if label != heading:  # a heading each time the action round changes
                    out.append(f'<h4 class="ar">{esc(label)}</h4>')
                    heading = label
            else:
                heading = None
            out.append(self.item(item))
        out.append("</section>")
        return "".join(out)

    def round_stats(self, round_: int) -> str:
        h = self.history.get(round_)
        if h is None:
            return ""
        tracks = " · ".join(f"{esc(tr.name)} {h.tracks.get(tr.id, '–')}" for tr in self.t.tracks)
        return (
            f'<p class="roundstats">{esc(_("End of round: balance index {value}").format(value=number_text(h.balance_index, "number")))}'
            + (f" · {tracks}" if tracks else "")
            + "</p>"
        )

    def item(self, item: Item) -> str:
        if item.kind == "move" and item.move is not None:
            return self.move(item.move)
        if item.kind == "event":
            return self.event(item)
        if item.kind == "crisis":
            return self.crisis(item)
        if item.kind == "summit":
            return self.summit(item)
        if item.kind == "income":
            return f'<p class="aside"><span class="tag tag-muted">{esc(_("Income"))}</span> {esc(" ".join(item.lines))}</p>'
        if item.kind == "end":
            return f'<p class="aside"><span class="tag tag-muted">{esc(_("End of round"))}</span> {esc(" ".join(item.lines))}</p>'
        if item.kind == "outcome":
            return f'<div class="box outcome"><span class="tag">{esc(_("Outcome"))}</span>{"".join(f"<p>{esc(x)}</p>" for x in item.lines)}</div>'
        return "".join(f'<p class="aside">{esc(x)}</p>' for x in item.lines)

    def move(self, m: Move) -> str:
        """The move's first line stands out; a step that wrote nothing shows its action."""
        words = m.lines or [" ".join(str(self.g.actions[i]) for i in m.steps)]
        text = f'<span class="first">{esc(words[0])}</span>' + (
            f' <span class="more">{esc(" ".join(words[1:]))}</span>' if len(words) > 1 else ""
        )
        why = f'<p class="why"><span class="why-label">{esc(_("Why:"))}</span> <q>{esc(m.reason)}</q></p>' if m.reason else ""
        cls = "move has-why" if m.reason else "move"
        return (
            f'<div class="{cls}"><div class="who">{self.chip(m.faction)}</div><div class="what">{text}{why}</div></div>'
        )

    def event(self, item: Item) -> str:
        t = self.t
        ev = t.events[t.event_index[item.card]] if item.card in t.event_index else None
        title = f"<b>{esc(ev.name)}</b>" + (f" — {esc(ev.flavour)}" if ev.flavour else "") if ev else esc(item.lines[0])
        hyp = f' <span class="muted">{esc(_("(hypothetical)"))}</span>' if ev is not None and ev.hypothetical else ""
        return f'<div class="box event"><span class="tag">{esc(_("World event"))}</span><p>{title}{hyp}</p>{effect_list(item.lines[1:])}</div>'

    def crisis(self, item: Item) -> str:
        first, rest = item.lines[0], item.lines[1:]
        return f'<div class="box crisis"><span class="tag">{esc(_("Crisis"))}</span><p>{esc(first)}</p>{effect_list(rest)}</div>'

    def summit(self, item: Item) -> str:
        table = self.summit_table(item.summit) if item.summit is not None else ""
        extra = "".join(f"<p>{esc(x)}</p>" for x in item.lines)
        return f'<div class="box summit"><span class="tag">{esc(_("Summit"))}</span>{table}{extra}</div>'

    def summit_table(self, rec: SummitRecord) -> str:
        """Who scored what, most first (ties in the summit's own order), and why."""
        order = list(rec.scores)
        body = "".join(
            f'<tr><th scope="row">{self.chip(fid)}</th><td class="num">{vp}</td><td>{esc(said(rec.reasons.get(fid, "")))}</td></tr>'
            for fid, vp in sorted(rec.scores.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
        )
        return (
            f'<div class="scroll"><table class="data summit-table"><thead><tr><th scope="col">{esc(_("Faction"))}</th><th scope="col" class="num">{esc(pgettext("column heading", "VP"))}</th>'
            f'<th scope="col">{esc(_("Why"))}</th></tr></thead><tbody>{body}</tbody></table></div>'
        )


def action_round_label(m: Move) -> str:
    return _('Action round {action_round}').format(action_round=m.action_round) if m.phase == ACTIONS_PHASE else _("Outside the action rounds")


def effect_list(lines: list[str]) -> str:
    return f'<ul class="effects">{"".join(f"<li>{esc(x)}</li>" for x in lines)}</ul>' if lines else ""
