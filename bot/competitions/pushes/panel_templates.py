"""Pushes of the review panel and of conditional wins settled after publication.

A reviewer put on a panel hears it with [To review]. A settled condition is told as it stands
when the message goes out: the entrant's own staff are congratulated (or told the win lapsed),
every other member who could enter reads the new winner with the winners as they are now.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.competitions.callbacks import ScoreCb
from bot.competitions.pushes.templates import PushContext, Template, all_results
from bot.competitions.views import results as views
from bot.competitions.views import text
from bot.core.keyboards import button
from bot.core.screens import fit_lines
from bot.delivery.kinds import Rendered
from bot.i18n import Translator

SETTLED = ("condition_met_own", "condition_met", "condition_not_met_own")


def reviewer_assigned(tr: Translator, p: PushContext) -> Rendered:
    c = p["competition"]
    body = "👥 " + tr._(
        "You are now a reviewer of «{title}». Score the submissions assigned to you against "
        "the criteria; the organisers see your scores, other reviewers do not."
    ).format(title=text.title(tr, c))
    mine = button("📋 " + tr._("To review"), ScoreCb(action="mine"))
    return Rendered(body, InlineKeyboardMarkup([[mine]]))


def _winners(tr: Translator, p: PushContext, head: str) -> Rendered:
    blocks = [head, views.winners_text(tr, p["results"])]
    body = "\n".join(fit_lines("\n\n".join(b for b in blocks if b).split("\n")))
    return Rendered(body, InlineKeyboardMarkup([[all_results(tr)]]))


def condition_met_own(tr: Translator, p: PushContext) -> Rendered:
    c, entrant = p["competition"], p["entrant"]
    result = views.own_result(p["results"], int(entrant["id"]))
    head = "🎉 " + tr._(
        "Congratulations! {entrant} has met the condition and is now a winner of «{title}»."
    ).format(entrant=text.entrant_name(tr, entrant), title=text.title(tr, c))
    grant = result.get("grant_kgs") if result else None
    if grant is not None:
        head += "\n" + tr._("Grant: {amount}.").format(amount=text.kgs(tr, int(grant)))
    return _winners(tr, p, head)


def condition_met(tr: Translator, p: PushContext) -> Rendered:
    c, entrant = p["competition"], p["entrant"]
    head = "🏆 " + tr._(
        "The results of «{title}» have changed: {entrant} has met its condition and is now a "
        "winner."
    ).format(entrant=text.entrant_name(tr, entrant), title=text.title(tr, c))
    return _winners(tr, p, head)


def condition_not_met_own(tr: Translator, p: PushContext) -> Rendered:
    c, entrant = p["competition"], p["entrant"]
    body = tr._(
        "{entrant} did not meet the condition of its conditional win in «{title}», so the "
        "win has lapsed. If you have questions, please write to the project coordinator."
    ).format(entrant=text.entrant_name(tr, entrant), title=text.title(tr, c))
    return Rendered(body, InlineKeyboardMarkup([[all_results(tr)]]))


TEMPLATES: dict[str, Template] = {
    "reviewer_assigned": reviewer_assigned,
    "condition_met_own": condition_met_own,
    "condition_met": condition_met,
    "condition_not_met_own": condition_not_met_own,
}
