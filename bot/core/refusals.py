"""What a person reads when the bot refuses: one sentence per refusal code.

Codes shared by every feature are worded here; each feature registers its own (in its
`views/errors.py`, through `bot.wiring`), so core never needs to know a feature.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from bot.core.errors import Refusal
from bot.i18n import N_, Translator

Wording = str | Callable[[Translator, Mapping[str, Any]], str]
"""A msgid (marked with N_), or a function for a message that names what the refusal carries."""
_WORDINGS: dict[str, Wording] = {}
TOO_LONG = ("text_too_long", "caption_too_long", "field_too_long")


def register(wordings: Mapping[str, Wording]) -> None:
    """A feature's codes; one code has one wording, so a second one for it is a mistake."""
    clash = set(wordings) & set(_WORDINGS)
    if clash and any(_WORDINGS[c] is not wordings[c] for c in clash):
        raise ValueError(f"refusal codes worded twice: {sorted(clash)}")
    _WORDINGS.update(wordings)


def refusal_text(tr: Translator, error: Refusal) -> str:
    code = error.code
    if code in TOO_LONG:
        return _too_long(tr, code, int(str(error.info["length"])), int(str(error.info["limit"])))
    if code.endswith("_too_long") and code not in _WORDINGS:
        limit = int(str(error.info.get("limit", 100)))
        return tr.ngettext(
            "That is too long. Please keep it within {limit} character.",
            "That is too long. Please keep it within {limit} characters.",
            limit,
        ).format(limit=limit)
    wording = _WORDINGS.get(code, _WORDINGS["unexpected"])
    return tr._(wording) if isinstance(wording, str) else wording(tr, error.info)


def _too_long(tr: Translator, code: str, length: int, limit: int) -> str:
    """Says both numbers, so the author knows how much to cut; nothing is cut silently."""
    if code == "caption_too_long":
        head = tr.ngettext(
            "With a photo or document, Telegram allows at most {limit} character of text.",
            "With a photo or document, Telegram allows at most {limit} characters of text.",
            limit,
        )
    elif code == "field_too_long":
        head = tr.ngettext(
            "This answer can have at most {limit} character.",
            "This answer can have at most {limit} characters.",
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


register(
    {
        "unexpected": N_("Please answer the question above."),
        "stale": N_("This button is from an earlier step. Here is where you are now:"),
        "invalid_button": N_("This button is no longer valid."),
        "forbidden": N_("You are not allowed to do this."),
        "staff_only": N_("This command is for project staff."),
        "admins_only": N_("This command is for administrators."),
        "register_first": N_("Please register first: send /start."),
        "use_buttons": N_("Please choose with the buttons above."),
        "media": N_("I can't use a photo, file or sticker here. Please answer the question above."),
        "text_empty": N_("This can't be empty. Please write a few words."),
        "bad_number": N_("Please send a whole number, in digits only."),
        "no_text": N_("Please write the text in at least one language."),
        "bad_time": N_("I couldn't read this time. Please write it like 25.12.2026 14:30."),
        "time_in_past": N_("This time has already passed. Please give a time in the future."),
        "no_recipients": N_("No registered member matches this audience. Please choose another."),
        "other_flow_open": N_(
            "You have another form open. Finish it, or send /cancel to drop it, then try again."
        ),
    }
)
