"""The /polls wizard's questions and its preview. The audience screens are the broadcast's
selector (bot.core.audience.views), with the poll's own buttons."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.broadcasts.views import audience as broadcast_audience
from bot.core import timeviews
from bot.core.audience import views as audience
from bot.core.audience.behaviour import Event
from bot.core.audience.repo import Option
from bot.core.audience.service import Audience
from bot.core.flows import Flow
from bot.core.keyboards import button
from bot.core.programmes import views as programmes
from bot.core.programmes.repo import Programme
from bot.core.quicktimes import Pick, TimeCb
from bot.core.screens import Screen
from bot.i18n import Translator, translator
from bot.polls.callbacks import PollAudienceCb as AudienceCb
from bot.polls.callbacks import PollWizardCb as Cb
from bot.polls.repo import Poll
from bot.polls.service.compose import PollDraft
from bot.polls.service.wizard import MAX_QUESTIONS
from bot.polls.views import member


def _abort(tr: Translator) -> list[InlineKeyboardButton]:
    return [button(tr._("Cancel"), Cb(action="abort", value="-"))]


def _screen(text: str, *rows: list[InlineKeyboardButton]) -> Screen:
    return Screen(text, InlineKeyboardMarkup(list(rows)))


def programme_step(tr: Translator, choices: list[Programme]) -> Screen:
    screen = programmes.choose(tr, choices, lambda pid: Cb(action="programme", value=str(pid)))
    keys = screen.markup.inline_keyboard if isinstance(screen.markup, InlineKeyboardMarkup) else ()
    return Screen(screen.text, InlineKeyboardMarkup([*keys, _abort(tr)]))


def step_screen(
    tr: Translator, flow: Flow, options: list[Option] | None = None, page: int = 0
) -> Screen:
    _ = tr._
    step, d = flow.step, flow.data
    number = len(d.get("questions") or []) + 1
    if step == "q_ky":
        text = _("Question {n}: send it in Kyrgyz.").format(n=number)
        return _screen(text, [button(_("Skip: Russian only"), Cb(action="skip", value="-"))],
                       _abort(tr))  # fmt: skip
    if step == "q_ru":
        skip = [button(_("Skip: Kyrgyz only"), Cb(action="skip", value="-"))]
        return _screen(_("Now send it in Russian."), skip, _abort(tr))
    if step == "qkind":
        kinds = [(k, kind_label(tr, k)) for k in ("one", "many", "number", "text")]
        keys = [[button(label, Cb(action="qkind", value=k))] for k, label in kinds]
        return _screen(_("How is it answered?"), *keys, _abort(tr))
    if step in ("opts_ky", "opts_ru"):
        if step == "opts_ky":
            text = _("Send the options in Kyrgyz, one per line (2 to 10).")
        elif d["q"].get("options_ky"):
            text = _("Now the same options in Russian, in the same order, one per line.")
        else:
            text = _("Send the options in Russian, one per line (2 to 10).")
        return _screen(text, _abort(tr))
    if step == "range":
        skip = [button(_("Any number"), Cb(action="skip", value="-"))]
        return _screen(_("Send the range of the number, for example 1-100."), skip, _abort(tr))
    if step == "more":
        return _more(tr, number)  # the question just written is not in "questions" yet
    if step == "anon":
        named = [button(_("Named"), Cb(action="anon", value="0"))]
        anon = [button(_("Anonymous"), Cb(action="anon", value="1"))]
        text = _(
            "Named: project staff see who answered what. Anonymous: only the counts are kept, "
            "and an answer can't be changed."
        )
        return _screen(text, named, anon, _abort(tr))
    if step == "audience":
        return audience.kinds(tr, Cb, [*_by_event(tr), _abort(tr)])
    if step in ("audience_pick", "positions_pick"):
        return _picker(tr, flow, options or [], page)
    if step == "narrow":
        return narrow(tr, d["audience"])
    return Screen(_("Please answer the question above."))


def kind_label(tr: Translator, kind: str) -> str:
    _ = tr._
    return {"one": _("One option"), "many": _("Several options"), "number": _("A number"),
            "text": _("Short text")}[kind]  # fmt: skip


def _more(tr: Translator, count: int) -> Screen:
    _ = tr._
    text = tr.ngettext("{count} question is ready.", "{count} questions are ready.", count).format(
        count=count
    )
    go = [button(_("Go on: who is asked"), Cb(action="enough", value="-"))]
    if count >= MAX_QUESTIONS:
        return _screen(text, go, _abort(tr))
    text += "\n" + _("Add another question to make a short survey (up to 10), or go on.")
    add = [button(_("Add a question"), Cb(action="more", value="-"))]
    return _screen(text, add, go, _abort(tr))


def remind_screen(tr: Translator, hours: list[int]) -> Screen:
    _ = tr._
    keys = []
    for h in hours:
        label = tr.ngettext("{count} hour before the close", "{count} hours before the close", h)
        keys.append([button(label.format(count=h), Cb(action="remind", value=str(h)))])
    keys.append([button(_("No reminder"), Cb(action="remind", value="0"))])
    return _screen(_("Remind those who have not answered yet?"), *keys, _abort(tr))


def _time_question(tr: Translator, step: str) -> str:
    if step == "schedule":
        return tr._("When should it go out?")
    return tr._("When does the poll close?")


def time_screen(tr: Translator, step: str, picks: list[Pick], note: str | None = None) -> Screen:
    """The close ("closes") or the time to send ("schedule"): quick picks, another time."""
    text = note or timeviews.question(tr, _time_question(tr, step), picks)

    def make(action: str, minute: int) -> TimeCb:
        return TimeCb(flow="poll", step=step, action="at" if action == "at" else "type",
                      minute=minute)  # fmt: skip

    return _screen(text, *timeviews.pick_rows(tr, picks, make), _abort(tr))


def time_typing(tr: Translator, step: str) -> Screen:
    return _screen(timeviews.typing(tr, _time_question(tr, step)), _abort(tr))


def _by_event(tr: Translator) -> list[list[InlineKeyboardButton]]:
    return [
        [button(tr._("By seminar"), AudienceCb(action="event", value="seminar"))],
        [button(tr._("By competition"), AudienceCb(action="event", value="competition"))],
    ]


def narrow(tr: Translator, chosen: Audience) -> Screen:
    _ = tr._
    keyboard = []
    if chosen["kind"] != "positions":
        keyboard.append(
            [button(_("Only some positions"), AudienceCb(action="narrow", value="positions"))]
        )
    keyboard += _by_event(tr)
    keyboard.append(_again(tr))
    keyboard.append([button(_("Back to the preview"), AudienceCb(action="narrow", value="back"))])
    return Screen(_("How should the audience be narrowed?"), InlineKeyboardMarkup(keyboard))


def _again(tr: Translator) -> list[InlineKeyboardButton]:
    return [button(tr._("Choose the audience again"), AudienceCb(action="narrow", value="restart"))]


def events(tr: Translator, kind: str, found: list[Event], page: int) -> Screen:
    screen = audience.events(tr, kind, found, page, AudienceCb)
    keys = screen.markup.inline_keyboard if isinstance(screen.markup, InlineKeyboardMarkup) else ()
    return Screen(screen.text, InlineKeyboardMarkup([*keys, _again(tr)]))


def behaviours(tr: Translator, event: Event) -> Screen:
    screen = audience.behaviours(tr, event, AudienceCb)
    keys = screen.markup.inline_keyboard if isinstance(screen.markup, InlineKeyboardMarkup) else ()
    return Screen(screen.text, InlineKeyboardMarkup([*keys, _again(tr)]))


def _picker(tr: Translator, flow: Flow, options: list[Option], page: int) -> Screen:
    return audience.places_or_positions(tr, flow.data, flow.step, options, page, Cb)


def preview_messages(draft: PollDraft, tz: str) -> list[str]:
    """The poll as each language's readers will get it; one when both read the same."""
    poll = as_poll(draft)
    both = [member.invitation(translator(lang, tz), poll).text for lang in ("ky", "ru")]
    return both[:1] if both[0] == both[1] else both


def as_poll(draft: PollDraft) -> Poll:
    return Poll(0, draft.reach.programme_id, 0, draft.anonymous, {}, draft.reach.recipients,
                "", draft.closes_at.isoformat(), None, None, None, draft.questions)  # fmt: skip


def preview(tr: Translator, draft: PollDraft, programme: Programme | None) -> Screen:
    """Whom it reaches and how, when it closes, the reminder; Send, narrow, cancel."""
    _ = tr._
    lines = ["<b>" + _("Preview") + "</b>"]
    if programme is not None:
        lines.append(_("Programme: {name}").format(name=escape(programme.name(tr.lang))))
    lines += broadcast_audience.narrowed(tr, draft.reach)
    lines.append(_("Anonymous") if draft.anonymous else _("Named"))
    lines.append(_("Closes: {when}").format(when=tr.datetime(draft.closes_at)))
    if draft.remind_at is not None:
        when = tr.datetime(draft.remind_at)
        lines.append(_("Reminder to those who have not answered: {when}").format(when=when))
    if draft.send_at is not None:
        when = tr.datetime(draft.send_at)
        lines.append(_("Scheduled for {when} (Bishkek time).").format(when=when))
    if draft.goes_at is not None:
        goes = tr.datetime(draft.goes_at)
        lines.append(_("That is in quiet hours, so the poll will go at {when}.").format(when=goes))
    lines.append(_("Above: the poll as Kyrgyz readers and Russian readers will get it."))
    n = draft.reach.recipients
    narrow_key = [button(_("Narrow the audience"), AudienceCb(action="narrow", value="open"))]
    if not n:
        return _screen("\n".join(lines), narrow_key, _abort(tr))
    send = tr.ngettext("Send to {count} person", "Send to {count} people", n).format(count=n)
    later = [button(_("Schedule"), Cb(action="later", value="-"))]
    return _screen("\n".join(lines), [button("✅ " + send, Cb(action="send", value="-"))],
                   later, narrow_key, _abort(tr))  # fmt: skip
