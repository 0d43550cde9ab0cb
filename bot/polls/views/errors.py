"""What a person reads when a poll's answer or button can't be used. Nothing was stored."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.core.refusals import Wording
from bot.i18n import N_, Translator
from bot.polls.views.member import number


def _number(tr: Translator, info: Mapping[str, Any]) -> str:
    low, high = info.get("low"), info.get("high")
    if low is None or high is None:
        return tr._("Please send a number, for example 25. Nothing was saved.")
    return tr._("Please send a number from {low} to {high}. Nothing was saved.").format(
        low=number(low), high=number(high)
    )


def _closed(tr: Translator, info: Mapping[str, Any]) -> str:
    when = datetime.fromisoformat(str(info["when"]))
    return tr._("This poll closed on {when}. Answers are no longer taken.").format(
        when=tr.datetime(when)
    )


def _options(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._("Please send from {low} to {high} options, one per line.").format(
        low=info["low"], high=info["high"]
    )


def _match(tr: Translator, info: Mapping[str, Any]) -> str:
    count = int(info["count"])
    return tr.ngettext(
        "The Kyrgyz text has {count} option; please send as many, in the same order.",
        "The Kyrgyz text has {count} options; please send as many, in the same order.",
        count,
    ).format(count=count)


def _long(tr: Translator, info: Mapping[str, Any]) -> str:
    return tr._("That is too long: at most {limit} characters, please.").format(limit=info["limit"])


WORDINGS: dict[str, Wording] = {
    "poll_not_for_you": N_("This poll was not sent to you, so your answer was not saved."),
    "poll_closed": _closed,
    "poll_number": _number,
    "poll_anonymous_final": N_(
        "You have already answered. The poll is anonymous, so the answer can't be changed."
    ),
    "poll_done": N_("You have already answered all the questions. Thank you!"),
    "poll_choose_one": N_("Tick at least one option, then press Done."),
    "poll_other_flow": N_(
        "First finish what you started, or send /cancel, then press «Answer» again."
    ),
    "poll_text_empty": N_("Please type your answer in a message."),
    "poll_text_long": _long,
    "poll_question_long": _long,
    "poll_option_long": _long,
    "poll_options": _options,
    "poll_options_match": _match,
    "poll_range_format": N_("Please send two numbers, the smaller first, for example 1-100."),
    "poll_anonymous_list": N_("The poll is anonymous: only the counts are kept."),
    "poll_shared": N_("The results were already shared."),
    "poll_send_after_close": N_(
        "The poll would go after it closes. Please choose an earlier time, or a later close."
    ),
}
