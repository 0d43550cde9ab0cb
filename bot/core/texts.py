"""Two rules every feature's text follows: which language of staff-written text a reader gets,
and how Telegram measures a message's length."""

from __future__ import annotations


def text_for(lang: str, text_ky: str | None, text_ru: str | None) -> str:
    """Staff write in ky and ru; a missing language falls back to the other (English reads ru)."""
    if lang == "ky":
        return text_ky or text_ru or ""
    return text_ru or text_ky or ""


def telegram_length(text: str) -> int:
    """Telegram counts UTF-16 code units: an emoji outside the basic plane counts as two."""
    return len(text.encode("utf-16-le")) // 2
