"""A competition still open, with no results yet: the draft announces the call for entries
(who may take part, until when, what it is about, its rules and prizes), as staff announce a
competition to the press before its deadline."""

from __future__ import annotations

from bot.core.texts import text_for
from bot.i18n import Translator
from bot.press.service import CompetitionDraft
from bot.press.views.draft import Draft, closing, organisers


def draft(tr: Translator, found: CompetitionDraft) -> Draft:
    _ = tr._
    c = found.board.competition
    title = text_for(tr.lang, c.title_ky, c.title_ru)
    headline = _("Call for entries: the competition “{title}”").format(title=title)
    result = Draft(headline, tr.lang, found.made_at)
    result.add("title", headline)
    deadline = tr.datetime(c.deadline, year=True)
    result.add("lead", _("The competition “{title}” is open: entries are accepted until"
                         " {deadline}.").format(title=title, deadline=deadline))  # fmt: skip
    programmes = [found.programme] if found.programme is not None else []
    if who := organisers(tr, programmes):
        result.add("lead", _("It is run by {organisers}.").format(organisers=who))
    result.add("text", _("Clusters of municipalities may take part.") if c.for_clusters
               else _("Aiyl okmotus may take part."))  # fmt: skip
    for heading, ky, ru in (
        (_("About the competition"), c.description_ky, c.description_ru),
        (_("Rules"), c.rules_ky, c.rules_ru),
        (_("Prizes"), c.prizes_ky, c.prizes_ru),
    ):
        if body := text_for(tr.lang, ky, ru):
            result.add("heading", heading)
            result.add("text", body)
    result.add("text", _("Entries are sent through the project's Telegram bot before the"
                         " deadline."))  # fmt: skip
    sources = [
        _("Competition: #{id} ({code})").format(id=c.id, code=c.code),
        _("Deadline: {date}").format(date=deadline),
    ]
    closing(tr, result, sources, programmes)
    return result
