"""Pushes to the staff who run a competition: a new version of a submission to look at.

Rows carry ids only; `kind.py` adds the competition, entrant and submission as they are when
the row goes out, so a notice folded over an unsent one names the latest version.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.competitions.callbacks import ReviewCb
from bot.competitions.pushes.templates import PushContext, Template
from bot.competitions.views import text
from bot.core.keyboards import button
from bot.delivery.kinds import Rendered
from bot.i18n import Translator


def submission_revised(tr: Translator, p: PushContext) -> Rendered:
    """To the competition's author: "Beshik-Jon sent version 2", with [Open]."""
    c, s, entrant = p["competition"], p["submission"], p["entrant"]
    head = "📨 " + tr._("{entrant} sent version {version}.").format(
        entrant=text.entrant_name(tr, entrant), version=p.get("version") or s["version"]
    )
    where = tr._("«{title}», receipt {receipt}. It waits for review.").format(
        title=text.title(tr, c), receipt=s["receipt"]
    )
    open_card = ReviewCb(submission_id=s["id"], action="open")
    markup = InlineKeyboardMarkup([[button("📂 " + tr._("Open"), open_card)]])
    return Rendered(head + "\n" + where, markup)


TEMPLATES: dict[str, Template] = {"submission_revised": submission_revised}
