"""The question before leaving a flow that holds several answers: what would be lost, and the
two ways on."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.core.keyboards import button
from bot.core.screens import Screen
from bot.core.wizard import LeaveCb
from bot.i18n import Translator


def _leave_what(tr: Translator, flow: str) -> str:
    _ = tr._
    return {
        "seminar_form": _("Leave the seminar form?"),
        "competition_form": _("Leave the competition form?"),
        "broadcast": _("Leave the announcement form?"),
        "cluster_form": _("Leave the cluster form?"),
        "registration": _("Leave the registration?"),
        "submission": _("Leave the submission draft?"),
    }.get(flow, _("Leave this form?"))


def question(tr: Translator, flow: str, count: int) -> Screen:
    """The question, as in: Leave the seminar form? 5 answers will be lost. [Leave] [Keep going]"""
    lost = tr.ngettext(
        "{count} answer will be lost.", "{count} answers will be lost.", count
    ).format(count=count)
    keyboard = [[button("🚪 " + tr._("Leave"), LeaveCb(flow=flow, answer="leave")),
                 button("▶️ " + tr._("Keep going"), LeaveCb(flow=flow, answer="stay"))]]  # fmt: skip
    return Screen(_leave_what(tr, flow) + "\n" + lost, InlineKeyboardMarkup(keyboard))


def go_on(tr: Translator) -> str:
    """After "Keep going", where no question can be shown again: the last one is above."""
    return tr._("Nothing was lost. Go on with the question above.")
