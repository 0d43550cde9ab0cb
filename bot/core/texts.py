"""Rules every feature's text follows: which language of staff-written text a reader gets, the
note a reader gets with a text written in one language only, and how Telegram measures a
message's length."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from bot.i18n import N_, Translator, translator

ONLY_IN = {
    "ky": N_("(Written in Kyrgyz only.)"),
    "ru": N_("(Written in Russian only.)"),
}
ONLY_IN_PARTS = N_("(Parts were written in Kyrgyz only, parts in Russian only.)")


def text_for(lang: str, text_ky: str | None, text_ru: str | None) -> str:
    """Staff write in ky and ru; a missing language falls back to the other (English reads ru)."""
    if lang == "ky":
        return text_ky or text_ru or ""
    return text_ru or text_ky or ""


def written_only_in(lang: str, text_ky: str | None, text_ru: str | None) -> str | None:
    """The language a reader gets a one-language text in when it is not their own ("ky" or
    "ru"); None when they read their own language or there is no text. English readers get a
    one-language text in either language, so they are told which one."""
    if text_ky and not text_ru and lang != "ky":
        return "ky"
    if text_ru and not text_ky and lang != "ru":
        return "ru"
    return None


def note_text(tr: Translator, others: Iterable[str | None]) -> str:
    """One short note for a whole message, in the reader's language: "" when every staff text
    in it is in the reader's own language (or in both)."""
    found = {lang for lang in others if lang in ONLY_IN}
    if not found:
        return ""
    if len(found) > 1:
        return tr._(ONLY_IN_PARTS)
    return tr._(ONLY_IN[found.pop()])


def note_html(tr: Translator, others: Iterable[str | None]) -> str:
    """The note in italics, for a message sent as HTML."""
    note = note_text(tr, others)
    return f"<i>{escape(note)}</i>" if note else ""


def note_room() -> int:
    """What the note adds to a one-language text at most, with the blank line before it, in
    any language: the room a length check leaves for it."""
    notes = (translator(lang)._(ONLY_IN[other]) for lang in ("ky", "ru", "en") for other in ONLY_IN)
    return max(telegram_length("\n\n" + note) for note in notes)


class StaffTexts:
    """The staff-written texts of one message, each picked in the reader's language; it
    remembers which came in the other language, so the message carries one note, not one per
    field."""

    def __init__(self, tr: Translator) -> None:
        self.tr = tr
        self.others: list[str] = []

    def pick(self, text_ky: str | None, text_ru: str | None) -> str:
        other = written_only_in(self.tr.lang, text_ky, text_ru)
        if other is not None:
            self.others.append(other)
        return text_for(self.tr.lang, text_ky, text_ru)

    def note(self) -> str:
        """The note in italics (HTML), or "" when none is due."""
        return note_html(self.tr, self.others)

    def plain_note(self) -> str:
        return note_text(self.tr, self.others)


def telegram_length(text: str) -> int:
    """Telegram counts UTF-16 code units: an emoji outside the basic plane counts as two."""
    return len(text.encode("utf-16-le")) // 2


def clip(text: str, limit: int) -> str:
    """At most `limit` characters for a button label, cut between words with "…": Kyrgyz
    words are long, and a word cut in half reads as another word. One word longer than the
    limit is the only one cut inside."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = text[: max(limit - 1, 1)]
    whole = text[len(room)] == " "
    cut = room if whole or " " not in room else room.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:–—-·") + "…"
