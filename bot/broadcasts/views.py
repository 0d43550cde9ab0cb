"""The broadcast wizard's questions, its preview, and the progress card."""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardMarkup

from bot.broadcasts.repo import Broadcast
from bot.broadcasts.service.wizard import Draft
from bot.core.audience import views as audience
from bot.core.callback_data import BroadcastCb
from bot.core.callback_data import BroadcastWizardCb as Cb
from bot.core.flows import Flow
from bot.core.keyboards import button
from bot.core.screens import Screen
from bot.delivery.templates import Rendered, render
from bot.i18n import Translator, translator


def step_screen(tr: Translator, flow: Flow, options=None, page: int = 0) -> Screen:
    _ = tr._
    step = flow.step
    abort = [button(_("Cancel"), Cb(action="abort", value="-"))]
    if step == "text_ky":
        text = _("Send the announcement in Kyrgyz. You can use bold and italics.")
        return Screen(
            text,
            InlineKeyboardMarkup(
                [[button(_("Skip: Russian only"), Cb(action="skip", value="-"))], abort]
            ),
        )
    if step == "text_ru":
        text = _("Now send it in Russian.")
        return Screen(
            text,
            InlineKeyboardMarkup(
                [[button(_("Skip: Kyrgyz only"), Cb(action="skip", value="-"))], abort]
            ),
        )
    if step == "attachment":
        text = _("Send a photo or a document to attach, or continue without one.")
        return Screen(
            text,
            InlineKeyboardMarkup(
                [[button(_("No attachment"), Cb(action="noattach", value="-"))], abort]
            ),
        )
    if step == "audience":
        return audience.kinds(tr, Cb, [abort])
    if step == "audience_pick":
        return _picker(tr, flow, options or [], page)
    if step == "schedule":
        return Screen(
            _("Send the date and time in Bishkek time, for example: {example}").format(
                example="25.12.2026 14:30"
            )
        )
    return Screen(_("Please answer the question above."))


def _picker(tr: Translator, flow: Flow, options: list[tuple[str, dict]], page: int) -> Screen:
    return audience.picker(tr, flow.data["audience"], options, page, Cb)


def preview_messages(draft: Draft, tz: str) -> list[Rendered]:
    """Each language's message exactly as its readers will get it; one if both read the same."""
    rendered = [render("broadcast", translator(lang, tz), draft.content) for lang in ("ky", "ru")]
    return rendered[:1] if rendered[0] == rendered[1] else rendered


def preview(tr: Translator, draft: Draft) -> Screen:
    """The summary under the preview messages: who gets which, how many, and when."""
    _ = tr._
    lines = [
        "<b>" + _("Preview") + "</b>",
        tr.ngettext(
            "It will reach {count} member.", "It will reach {count} members.", draft.recipients
        ).format(count=draft.recipients),
    ]
    if draft.text_ky and draft.text_ru:
        lines.append(_("Above: first the message in Kyrgyz, then in Russian."))
    else:
        lines.append(_("Above: the message. There is one language only: everyone gets it."))
    if draft.send_at:
        when = tr.datetime(draft.send_at)
        lines.append(_("Scheduled for {when} (Bishkek time).").format(when=when))
    return Screen("\n".join(lines))


def preview_buttons(tr: Translator, confirm: bool) -> InlineKeyboardMarkup:
    _ = tr._
    abort = button(_("Cancel"), Cb(action="abort", value="-"))
    if confirm:
        return InlineKeyboardMarkup(
            [[button("✅ " + _("Confirm and send"), Cb(action="confirm", value="-"))], [abort]]
        )
    return InlineKeyboardMarkup(
        [
            [button(_("Send now"), Cb(action="now", value="-"))],
            [button(_("Schedule"), Cb(action="later", value="-"))],
            [abort],
        ]
    )


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
