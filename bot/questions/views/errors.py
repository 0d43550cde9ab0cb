"""What staff read when a /faq answer can't be used."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.core.refusals import Wording
from bot.i18n import N_, Translator


def _too_many(tr: Translator, info: Mapping[str, Any]) -> str:
    limit = int(info["limit"])
    return tr.ngettext(
        "At most {limit} phrase, please: one a line.",
        "At most {limit} phrases, please: one a line.",
        limit,
    ).format(limit=limit)


WORDINGS: dict[str, Wording] = {
    "faq_no_words": N_("Each line needs at least one word. Please send the phrases again."),
    "faq_too_many": _too_many,
}
