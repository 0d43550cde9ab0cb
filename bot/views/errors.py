"""What a person reads when an answer can't be used."""

from __future__ import annotations

from bot.i18n import Translator
from bot.services.steps import StepError


def step_error(tr: Translator, error: StepError) -> str:
    _ = tr._
    code = error.code
    if code in ("text_too_long", "caption_too_long"):
        return _too_long(tr, code, int(error.info["length"]), int(error.info["limit"]))
    if code.endswith("_too_long"):
        limit = int(error.info.get("limit", 100))
        return tr.ngettext(
            "That is too long. Please keep it within {limit} character.",
            "That is too long. Please keep it within {limit} characters.",
            limit,
        ).format(limit=limit)
    messages = {
        "stale": _("This button is from an earlier step. Here is where you are now:"),
        "need_contact": _("Please press the «Share my phone number» button below."),
        "not_own_contact": _(
            "This is someone else's contact. Please share your own number with the button below."
        ),
        "bad_phone": _("This phone number doesn't look right. Please use the button below."),
        "name_empty": _("The name can't be empty. Please write your full name."),
        "detail_empty": _("This can't be empty. Please write a few words."),
        "use_buttons": _("Please choose with the buttons above."),
        "unexpected": _("Please answer the question above."),
        "media": _("I can't use a photo, file or sticker here. Please answer the question above."),
        "no_text": _("Please write the text in at least one language."),
        "bad_time": _("I couldn't read this time. Please write it like 25.12.2026 14:30."),
        "time_in_past": _("This time has already passed. Please give a time in the future."),
        "no_recipients": _("No registered member matches this audience. Please choose another."),
    }
    return messages.get(code, messages["unexpected"])


def _too_long(tr: Translator, code: str, length: int, limit: int) -> str:
    """Says both numbers, so the author knows how much to cut; nothing is cut silently."""
    if code == "caption_too_long":
        head = tr.ngettext(
            "With a photo or document, Telegram allows at most {limit} character of text.",
            "With a photo or document, Telegram allows at most {limit} characters of text.",
            limit,
        )
    else:
        head = tr.ngettext(
            "Telegram allows at most {limit} character in a message.",
            "Telegram allows at most {limit} characters in a message.",
            limit,
        )
    tail = tr.ngettext(
        "Your text has {length} character. Please shorten it and send it again.",
        "Your text has {length} characters. Please shorten it and send it again.",
        length,
    )
    return head.format(limit=limit) + " " + tail.format(length=length)
