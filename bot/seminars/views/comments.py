"""A seminar's feedback as staff read it: the average, the comments, and the comments whose
authors allowed quoting them, numbered, with a button each to mark it for the press."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core import labels
from bot.core.keyboards import button, rows
from bot.core.screens import Screen, fit_lines
from bot.core.texts import text_for
from bot.i18n import Translator
from bot.seminars.callbacks import QuoteMarkCb, SeminarCb
from bot.seminars.repo.quotes import Quote
from bot.seminars.service.attendance import Feedback

MARKS_PER_ROW = 5


def feedback(tr: Translator, found: Feedback) -> Screen:
    """Long lists are cut to fit one message; the quote buttons carry numbers, since a
    comment is too long for a button."""
    _ = tr._
    s = found.seminar
    lines = [
        "<b>" + escape(text_for(tr.lang, s.title_ky, s.title_ru)) + "</b>",
        _average(tr, found),
    ]
    if found.comments:
        lines += ["", "<b>" + _("Comments") + "</b>"]
        lines += ["• " + escape(c) for c in found.comments]
    if found.quotes:
        lines += ["", "<b>" + _("Comments that may be quoted") + "</b>"]
        lines += [_quote_line(tr, n, q) for n, q in enumerate(found.quotes, 1)]
        lines += ["", _("Tap a number to mark that quote for the press release (⭐ = marked).")]
    marks = [_mark_button(s.id, n, q) for n, q in enumerate(found.quotes, 1)]
    back = button("« " + _("Back"), SeminarCb(seminar_id=s.id, action="open"))
    keyboard = [*rows(marks, MARKS_PER_ROW), [back]]
    return Screen("\n".join(fit_lines(lines)), InlineKeyboardMarkup(keyboard))


def _average(tr: Translator, found: Feedback) -> str:
    if found.average is None:
        return tr._("No ratings yet.")
    count = len(found.ratings)
    return tr.ngettext(
        "Average rating {average} of 5, from {count} answer.",
        "Average rating {average} of 5, from {count} answers.",
        count,
    ).format(average=tr.number(round(found.average, 1)), count=count)


def author(tr: Translator, quote: Quote) -> str:
    """Name, position and municipality, as the press release will print them."""
    names = quote.municipality
    place = names.get(f"name_{tr.lang}") or names.get("name_ru") or "—"
    return tr._("{name}, {position}, {municipality}").format(
        name=quote.full_name or "—", position=labels.position(tr, quote.position),
        municipality=place,
    )  # fmt: skip


def _quote_line(tr: Translator, number: int, quote: Quote) -> str:
    star = "⭐ " if quote.marked else ""
    return tr._("{number}. {star}“{quote}” — {author}").format(
        number=number, star=star, quote=escape(quote.text), author=escape(author(tr, quote))
    )


def _mark_button(seminar_id: int, number: int, quote: Quote) -> InlineKeyboardButton:
    label = ("⭐ " if quote.marked else "☆ ") + str(number)
    payload = QuoteMarkCb(
        seminar_id=seminar_id, user_id=quote.user_id, mark="off" if quote.marked else "on"
    )
    return button(label, payload)
