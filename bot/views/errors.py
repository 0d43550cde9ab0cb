"""What a person reads when an answer can't be used."""

from __future__ import annotations

from bot.i18n import Translator
from bot.services.steps import StepError


def step_error(tr: Translator, error: StepError) -> str:
    _ = tr._
    code = error.code
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
    }
    return messages.get(code, messages["unexpected"])
