"""The broadcast wizard's questions and its preview."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup

from bot.broadcasts.callbacks import BroadcastAudienceCb as AudienceCb
from bot.broadcasts.callbacks import BroadcastWizardCb as Cb
from bot.broadcasts.pushes import rendered
from bot.broadcasts.service.wizard import Draft
from bot.broadcasts.views import audience as audience_views
from bot.core import timeviews
from bot.core.audience import views as audience
from bot.core.audience.repo import Option
from bot.core.flows import Flow
from bot.core.keyboards import button
from bot.core.programmes import views as programmes
from bot.core.programmes.repo import Programme
from bot.core.quicktimes import Pick, TimeCb
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
    tr: Translator,
    flow: Flow,
    options: list[Option] | None = None,
    page: int = 0,
    picks: list[Pick] | None = None,
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
        return audience.kinds(tr, Cb, [*audience_views.by_event(tr), abort])
    if step in ("audience_pick", "positions_pick"):
        return _picker(tr, flow, options or [], page)
    if step == "narrow":
        return audience_views.narrow(tr, flow.data["audience"])
    if step == "schedule":
        return time_screen(tr, picks or [])
    return Screen(_("Please answer the question above."))


def _time_button(action: str, minute: int) -> TimeCb:
    return TimeCb(flow="broadcast", step="schedule", action="at" if action == "at" else "type",
                  minute=minute)  # fmt: skip


def time_screen(tr: Translator, picks: list[Pick], note: str | None = None) -> Screen:
    """When to send: the quick picks still ahead, [Another time], Cancel; `note` (a refused
    time, with an example) stands in place of the question."""
    question = tr._("When should it go out?")
    text = note or timeviews.question(tr, question, picks)
    abort = [button(tr._("Cancel"), Cb(action="abort", value="-"))]
    rows = timeviews.pick_rows(tr, picks, _time_button)
    return Screen(text, InlineKeyboardMarkup([*rows, abort]))


def time_typing(tr: Translator) -> Screen:
    """After [Another time]: how to write it."""
    abort = [button(tr._("Cancel"), Cb(action="abort", value="-"))]
    return Screen(
        timeviews.typing(tr, tr._("When should it go out?")), InlineKeyboardMarkup([abort])
    )


def time_chosen(tr: Translator, pick: Pick) -> Screen:
    return timeviews.chosen(tr, tr._("When should it go out?"), pick)


def time_read_back(tr: Translator, pick: Pick) -> Screen:
    return timeviews.read_back(tr, pick, _time_button)


def _picker(tr: Translator, flow: Flow, options: list[Option], page: int) -> Screen:
    return audience.places_or_positions(tr, flow.data, flow.step, options, page, Cb)


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
    lines += audience_views.narrowed(tr, draft)
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
    if draft.goes_at:
        goes = tr.datetime(draft.goes_at)
        lines.append(_("That is in quiet hours, so it will go at {when}.").format(when=goes))
    return Screen("\n".join(lines))


def preview_buttons(tr: Translator, confirm: bool, recipients: int = 1) -> InlineKeyboardMarkup:
    """Send or schedule, narrow the audience, cancel; with nobody to send to, no way to send."""
    _ = tr._
    abort = [button(_("Cancel"), Cb(action="abort", value="-"))]
    if confirm:
        return InlineKeyboardMarkup(
            [[button("✅ " + _("Confirm and send"), Cb(action="confirm", value="-"))], abort]
        )
    narrow = [button(_("Narrow the audience"), AudienceCb(action="narrow", value="open"))]
    if not recipients:
        return InlineKeyboardMarkup([narrow, abort])
    return InlineKeyboardMarkup(
        [
            [button(_("Send now"), Cb(action="now", value="-"))],
            [button(_("Schedule"), Cb(action="later", value="-"))],
            narrow,
            abort,
        ]
    )


def attach_kinds_only(tr: Translator) -> str:
    return tr._("Only a photo or a document can be attached.")
