"""/faq: the entries staff added, adding one step by step, and removing one."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup

from bot.core.keyboards import button, rows
from bot.core.screens import Screen, fit_lines
from bot.core.texts import text_for
from bot.i18n import Translator
from bot.questions.callbacks import FaqCb
from bot.questions.repo import FaqEntry

PREVIEW = 80
"""How much of an answer the list shows."""


def _short(text: str, limit: int = PREVIEW) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def _phrases(entry: FaqEntry) -> str:
    return " · ".join("«" + escape(p) + "»" for p in entry.phrases)


def listing(tr: Translator, entries: list[FaqEntry]) -> Screen:
    _ = tr._
    lines = ["❓ <b>" + _("Questions the bot answers") + "</b>"]
    if not entries:
        lines.append(_(
            "No questions yet. Add the ones members ask most, with the answer in Kyrgyz and "
            "Russian: the bot answers them when a member writes something close."
        ))  # fmt: skip
    else:
        lines.append(_(
            "Besides these, the bot answers questions about seminars, competitions, "
            "submissions, registration and the language from each member's own data."
        ))  # fmt: skip
    for n, entry in enumerate(entries, start=1):
        answer = text_for(tr.lang, entry.answer_ky, entry.answer_ru)
        lines += ["", f"<b>{n}.</b> {_phrases(entry)}", "→ " + escape(_short(answer))]
    removes = [
        button("🗑 " + _("Remove {number}").format(number=n), FaqCb(action="remove", entry_id=e.id))
        for n, e in enumerate(entries, start=1)
    ]
    keyboard = [
        *rows(removes, per_row=3),
        [button("➕ " + _("Add a question"), FaqCb(action="add"))],
    ]
    return Screen("\n".join(fit_lines(lines)), InlineKeyboardMarkup(keyboard))


def _cancel(tr: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[button("✖️ " + tr._("Cancel"), FaqCb(action="abort"))]])


def ask_phrases(tr: Translator) -> Screen:
    text = tr._(
        "How do members ask it? Send the phrases in one message, one a line, in Kyrgyz and "
        "Russian. For example:"
    )
    example = "грант акчасы качан келет\nкогда придут деньги по гранту"
    return Screen("1/3 · " + text + "\n\n<code>" + example + "</code>", _cancel(tr))


def ask_answer_ky(tr: Translator, phrases: list[str]) -> Screen:
    got = tr.ngettext("{count} phrase saved.", "{count} phrases saved.", len(phrases)).format(
        count=len(phrases)
    )
    text = tr._("Now the answer in Kyrgyz, in one message.")
    return Screen("2/3 · ✓ " + got + "\n" + text, _cancel(tr))


def ask_answer_ru(tr: Translator) -> Screen:
    return Screen("3/3 · " + tr._("Now the same answer in Russian."), _cancel(tr))


def added(tr: Translator, entry: FaqEntry) -> str:
    return "✅ " + tr._("Saved. Members who ask {phrase} now get this answer.").format(
        phrase="«" + escape(entry.phrases[0]) + "»"
    )


def remove_question(tr: Translator, entry: FaqEntry) -> Screen:
    _ = tr._
    text = _("Remove this question? Members will no longer get its answer.")
    yes = button("🗑 " + _("Yes, remove it"), FaqCb(action="remove_yes", entry_id=entry.id))
    no = button(_("No, keep it"), FaqCb(action="list"))
    return Screen(text + "\n\n" + _phrases(entry), InlineKeyboardMarkup([[yes], [no]]))


def removed(tr: Translator, entry: FaqEntry) -> str:
    """The button's short answer (plain text): the entry's first phrase."""
    return "🗑 " + tr._("Removed: «{phrase}»").format(phrase=_short(entry.phrases[0], 60))
