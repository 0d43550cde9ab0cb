"""A competition's release: the results as the results board holds them (shared places stay
shared, a settled conditional win reads as what it became), with each cluster's municipalities
and the grants in KGS as the language writes money."""

from __future__ import annotations

from datetime import datetime

from bot.competitions.service.results import NamedResult
from bot.competitions.views.text import kgs
from bot.core.texts import text_for
from bot.i18n import N_, Translator
from bot.press.service import CompetitionDraft
from bot.press.views import call
from bot.press.views.draft import Draft, closing, joined, name_in, organisers

PLACES = {
    1: N_("1st place: {names}."),
    2: N_("2nd place: {names}."),
    3: N_("3rd place: {names}."),
}


def draft(tr: Translator, found: CompetitionDraft) -> Draft:
    """Results once they are published; before that, the call for entries."""
    if found.call:
        return call.draft(tr, found)
    _ = tr._
    c = found.board.competition
    title = text_for(tr.lang, c.title_ky, c.title_ru)
    headline = _("Results of the competition “{title}”").format(title=title)
    result = Draft(headline, tr.lang, found.made_at)
    result.add("title", headline)
    programmes = [found.programme] if found.programme is not None else []
    when = tr.date(_published(found), year=True)
    if who := organisers(tr, programmes):
        lead = _("{date} — {organisers} announced the results of the competition “{title}”.")
        result.add("lead", lead.format(date=when, organisers=who, title=title))
    else:
        lead = _("{date} — the results of the competition “{title}” were announced.")
        result.add("lead", lead.format(date=when, title=title))
    result.add("lead", _entrants(tr, found))
    result.add("heading", _("Results"))
    _places(tr, result, found)
    _winners(tr, result, found)
    _conditional(tr, result, found)
    if description := text_for(tr.lang, c.description_ky, c.description_ru):
        result.add("heading", _("About the competition"))
        result.add("text", description)
    sources = [
        _("Competition: #{id} ({code})").format(id=c.id, code=c.code),
        _("Results published on {date}").format(date=when),
        _("Figures: the competition's results board, as staff see it in the bot."),
    ]
    closing(tr, result, sources, programmes)
    return result


def _published(found: CompetitionDraft) -> datetime:
    """Only published results reach a release (the service refuses the rest)."""
    stamp = found.board.competition.results_published_at
    return datetime.fromisoformat(stamp) if stamp else found.made_at


def _entrants(tr: Translator, found: CompetitionDraft) -> str:
    count = len(found.board.entrants)
    if found.board.competition.entrant_kind == "cluster":
        return tr.ngettext(
            "{count} cluster of municipalities took part.",
            "{count} clusters of municipalities took part.",
            count,
        ).format(count=count)
    return tr.ngettext(
        "{count} municipality took part.", "{count} municipalities took part.", count
    ).format(count=count)


def _name(tr: Translator, found: CompetitionDraft, r: NamedResult) -> str:
    """A cluster is named with its municipalities."""
    name = name_in(r["names"], tr.lang)
    members = found.members.get(r["entrant_id"])
    if not members:
        return name
    listed = joined(tr, [name_in(m, tr.lang) for m in members])
    return tr._("{name} ({members})").format(name=name, members=listed)


def _of(found: CompetitionDraft, award: str) -> list[NamedResult]:
    return [r for r in found.board.results if r["award"] == award]


def _places(tr: Translator, draft: Draft, found: CompetitionDraft) -> None:
    """Places as shared: "1st place: A, B." Then how many more got an incentive prize."""
    placed = _of(found, "place")
    for place, msgid in PLACES.items():
        names = [_name(tr, found, r) for r in placed if r["place"] == place]
        if names:
            draft.add("item", tr._(msgid).format(names=joined(tr, names)))
    count = len(_of(found, "incentive"))
    if not count:
        return
    if placed:
        text = tr.ngettext(
            "The other {count} participant received an incentive prize.",
            "The other {count} participants received incentive prizes.",
            count,
        )
    else:
        text = tr.ngettext(
            "{count} participant received an incentive prize.",
            "{count} participants received incentive prizes.",
            count,
        )
    draft.add("text", text.format(count=count))


def _with_grant(tr: Translator, found: CompetitionDraft, r: NamedResult) -> str:
    name = _name(tr, found, r)
    if not r["grant_kgs"]:
        return name
    return tr._("{entrant}: a grant of {amount}").format(
        entrant=name, amount=kgs(tr, r["grant_kgs"])
    )


def _winners(tr: Translator, draft: Draft, found: CompetitionDraft) -> None:
    won = _of(found, "winner")
    if not won:
        return
    draft.add("text", tr.ngettext(
        "{count} of them was named a winner:", "{count} of them were named winners:", len(won)
    ).format(count=len(won)))  # fmt: skip
    draft.add("item", *[_with_grant(tr, found, r) for r in won])


def _conditional(tr: Translator, draft: Draft, found: CompetitionDraft) -> None:
    """Conditional winners still waiting, each with its condition as staff wrote it."""
    waiting = _of(found, "conditional")
    if not waiting:
        return
    draft.add("text", tr.ngettext(
        "{count} was named a conditional winner, on the condition below:",
        "{count} were named conditional winners, on the conditions below:",
        len(waiting),
    ).format(count=len(waiting)))  # fmt: skip
    for r in waiting:
        entrant = _with_grant(tr, found, r)
        condition = (r["condition"] or "").strip()
        if condition:
            entrant = tr._("{entrant}. Condition: {condition}").format(
                entrant=entrant, condition=condition
            )
        draft.add("item", entrant)
