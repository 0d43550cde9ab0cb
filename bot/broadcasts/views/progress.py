"""The progress card of a broadcast, which the dispatcher keeps current as rows go out."""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardMarkup

from bot.broadcasts.callbacks import BroadcastCb
from bot.broadcasts.repo import Broadcast
from bot.core.keyboards import button
from bot.core.screens import Screen
from bot.i18n import Translator


def progress(tr: Translator, item: Broadcast, counts: dict[str, int], now: datetime) -> Screen:
    """Sent, failed and blocked of the total; a Stop button while anything is left to send."""
    _ = tr._
    left = counts.get("pending", 0) + counts.get("sending", 0)
    send_at = datetime.fromisoformat(item.send_at)
    line = _("Sent: {sent} · failed: {failed} · blocked: {blocked} · of {total}").format(
        sent=counts.get("sent", 0),
        failed=counts.get("failed", 0),
        blocked=counts.get("blocked", 0),
        total=item.total,
    )
    line += _waiting(tr, counts)
    if item.status == "cancelled":
        head = _("Broadcast #{id} stopped.").format(id=item.id)
        line += "\n" + tr.ngettext(
            "{count} message was not sent.",
            "{count} messages were not sent.",
            counts.get("cancelled", 0),
        ).format(count=counts.get("cancelled", 0))
    elif left == 0:
        head = _("Broadcast #{id} finished.").format(id=item.id)
    elif send_at > now and not counts.get("sent"):
        head = _("Broadcast #{id} is scheduled for {when} (Bishkek time).").format(
            id=item.id, when=tr.datetime(send_at)
        )
    else:
        head = _("Broadcast #{id} is being sent.").format(id=item.id)
    markup = None
    if left and item.status != "cancelled":
        markup = InlineKeyboardMarkup(
            [[button("⏹ " + _("Stop sending"), BroadcastCb(broadcast_id=item.id, action="stop"))]]
        )
    return Screen("<b>" + head + "</b>\n" + line, markup)


def _waiting(tr: Translator, counts: dict[str, int]) -> str:
    """Lines for what the main count leaves out: people who never started the bot (their
    messages go when they do) and sends Telegram may have delivered twice."""
    lines = ""
    if unreached := counts.get("unreached", 0):
        lines += "\n" + tr.ngettext(
            "{count} person has not started the bot yet: the message goes when they do.",
            "{count} people have not started the bot yet: the message goes when they do.",
            unreached,
        ).format(count=unreached)
    if twice := counts.get("maybe_twice", 0):
        lines += "\n" + tr.ngettext(
            "{count} may have received it twice: Telegram did not answer in time, so it was "
            "sent again.",
            "{count} may have received it twice: Telegram did not answer in time, so it was "
            "sent again.",
            twice,
        ).format(count=twice)
    return lines
