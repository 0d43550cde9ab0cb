"""The broadcast wizard's questions and its preview."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup

from bot.broadcasts.callbacks import BroadcastWizardCb as Cb
from bot.broadcasts.pushes import rendered
from bot.broadcasts.service.wizard import Draft
from bot.core.audience import views as audience
from bot.core.audience.repo import Option
from bot.core.flows import Flow
from bot.core.keyboards import button
from bot.core.programmes import views as programmes
from bot.core.programmes.repo import Programme
from bot.core.screens import Screen
from bot.delivery.kinds import Rendered
from bot.i18n import Translator, translator


def programme_step(tr: Translator, choices: list[Programme]) -> Screen:
    """The first step for someone who may send in several programmes."""
    screen = programmes.choose(tr, choices, lambda pid: Cb(action="programme", value=str(pid)))
    keys = screen.markup.inline_keyboard if isinstance(screen.markup, InlineKeyboardMarkup) else ()
    abort = [button(tr._("Cancel"), Cb(action="abort", value="-"))]
    return Screen(screen.text, InlineKeyboardMarkup([*keys, abort]))


def step_screen(
    tr: Translator, flow: Flow, options: list[Option] | None = None, page: int = 0
) -> Screen:
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


def _picker(tr: Translator, flow: Flow, options: list[Option], page: int) -> Screen:
    return audience.picker(tr, flow.data["audience"], options, page, Cb)


def preview_messages(draft: Draft, tz: str, programme: Programme | None = None) -> list[Rendered]:
    """Each language's message exactly as its readers will get it, with the programme's label
    when there are several; one if both read the same."""
    both = [_labelled(translator(lang, tz), draft, programme) for lang in ("ky", "ru")]
    return both[:1] if both[0] == both[1] else both


def _labelled(tr: Translator, draft: Draft, programme: Programme | None) -> Rendered:
    message = rendered(tr, draft)
    if programme is None:
        return message
    text = programmes.labelled(tr, programme, message.text)
    return Rendered(text, message.markup, message.photo, message.document)


def preview(tr: Translator, draft: Draft, programme: Programme | None = None) -> Screen:
    """The summary under the preview messages: the programme (when there are several), who
    gets which, how many, and when."""
    _ = tr._
    lines = ["<b>" + _("Preview") + "</b>"]
    if programme is not None:
        name = escape(programme.name(tr.lang))
        lines.append(_("Programme: {name}").format(name=name))
    lines += [
        tr.ngettext(
            "It will reach {count} member.", "It will reach {count} members.", draft.recipients
        ).format(count=draft.recipients),
    ]
    if draft.text_ky and draft.text_ru:
        lines.append(_("Above: first the message in Kyrgyz, then in Russian."))
    else:
        lines.append(
            _(
                "Above: first the message for Kyrgyz readers, then for Russian readers. It is in "
                "one language only, so the other language's readers get a note saying so."
            )
        )
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


def attach_kinds_only(tr: Translator) -> str:
    return tr._("Only a photo or a document can be attached.")
