"""The seminar wizard's questions, and its preview: the invitation as members will read it,
then a summary where each part can be changed before the seminar is created."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup

from bot.core import timeviews
from bot.core.audience import views as audience
from bot.core.audience.repo import Option
from bot.core.flows import Flow
from bot.core.keyboards import button, rows
from bot.core.programmes import views as programme_views
from bot.core.programmes.repo import Programme
from bot.core.quicktimes import Pick, TimeCb
from bot.core.reminders import views as reminder_views
from bot.core.screens import Screen
from bot.delivery.kinds import Rendered
from bot.i18n import Translator, translator
from bot.seminars.callbacks import SeminarFormCb as Cb
from bot.seminars.pushes.templates import SeminarPush, seminar_invite
from bot.seminars.repo.seminars import TIMES, SeminarFields
from bot.seminars.service.form import (
    OPTIONAL,
    PARTS,
    REMINDERS,
    Preview,
    form_data,
    reminders_of,
)
from bot.seminars.views import text

PICKED = ("starts_at", "rsvp_deadline")
"""The time questions that offer quick picks; the end is typed, on the start's day."""


def _question(tr: Translator, step: str) -> str:
    _ = tr._
    return {
        "title_ky": _("Write the seminar's title in Kyrgyz."),
        "title_ru": _("Now the title in Russian."),
        "description_ky": _("A short description in Kyrgyz: what it is about and for whom."),
        "description_ru": _("The description in Russian."),
        "starts_at": _("When does it start?"),
        "ends_at": _("When does it end? A time on the same day (17:00) or a date and time."),
        "rsvp_deadline": _("Until when can members answer?"),
        "city": _("In which town or village is it?"),
        "address": _("The address: street, building, room."),
        "location": _(
            "Send the place as a location (📎 → Location), or its coordinates like 41.93, 72.95."
        ),
        "capacity": _("How many places are there?"),
        "organiser": _("Who is the organiser? A name and a phone number for questions."),
    }.get(step, _("Please answer the question above."))


def _skip_label(tr: Translator, step: str, editing: bool) -> str | None:
    _ = tr._
    if editing:
        return _("Keep as it is")
    return (
        {
            "title_ky": _("Skip: Russian only"),
            "title_ru": _("Skip: Kyrgyz only"),
            "description_ky": _("Skip"),
            "description_ru": _("Skip"),
            "rsvp_deadline": _("Until the start"),
            "location": _("Skip"),
        }.get(step)
        if step in OPTIONAL
        else None
    )


def _current(tr: Translator, step: str, values: SeminarFields) -> str | None:
    if step in TIMES:
        return tr.datetime(text.when(values[step]))
    if step == "location":
        return text.map_link(values.get("latitude"), values.get("longitude"))
    value = values.get(step)
    return escape(str(value)) if value not in (None, "") else None


def step_screen(
    tr: Translator,
    flow: Flow,
    options: list[Option] | None = None,
    page: int = 0,
    picks: list[Pick] | None = None,
    quiet: tuple[int, int] | None = None,
) -> Screen:
    """The question of the flow's step; a time question with its quick `picks`; the reminders'
    with the `quiet` hours."""
    data = form_data(flow)
    step = flow.step
    editing = data["seminar_id"] is not None or bool(data.get("revising"))
    abort = [button(tr._("Cancel"), Cb(action="abort", value="-"))]
    if step == REMINDERS:
        keep = [button(tr._("Keep as it is"), Cb(action="skip", value="-"))]
        return reminder_views.wizard_step(
            tr, reminders_of(data), "seminar", quiet,
            lambda choice: Cb(action="reminders", value=choice), [keep, abort],
        )  # fmt: skip
    if step == "audience":
        extra = [[button(tr._("Keep as it is"), Cb(action="skip", value="-"))]] if editing else []
        return audience.kinds(tr, Cb, extra + [abort])
    if step == "audience_pick":
        query = data.get("audience_query")
        return audience.picker(
            tr, data["audience"], options or [], page, Cb, query=query, searchable=True
        )
    lines = [_question(tr, step)]
    current = _current(tr, step, data["values"]) if editing else None
    if current:
        lines.append(tr._("Now: {value}").format(value=current))
    keyboard = []
    if step in PICKED:
        lines[0] = timeviews.question(tr, lines[0], picks or [])
        keyboard += timeviews.pick_rows(tr, picks or [], _time_button(step))
    label = _skip_label(tr, step, editing)
    if label:
        keyboard.append([button(label, Cb(action="skip", value="-"))])
    return Screen("\n".join(lines), InlineKeyboardMarkup([*keyboard, abort]))


def _time_button(step: str) -> timeviews.Make:
    def make(action: str, minute: int) -> TimeCb:
        return TimeCb(flow="seminar_form", step=step, action="at" if action == "at" else "type",
                      minute=minute)  # fmt: skip

    return make


def time_refused(tr: Translator, flow: Flow, picks: list[Pick], note: str) -> Screen:
    """A typed or picked time refused: why (with an example), and the picks again."""
    return Screen(note, step_screen(tr, flow, picks=picks).markup)


def time_typing(tr: Translator, flow: Flow) -> Screen:
    """After [Another time]: the question, and how to write the time."""
    screen = step_screen(tr, flow, picks=[])
    if flow.step in PICKED:
        return screen  # with nothing to pick, the question asks to type
    return Screen(timeviews.typing(tr, screen.text), screen.markup)


def time_read_back(tr: Translator, step: str, pick: Pick) -> Screen:
    """A typed time not read for certain: 'Wednesday, 25 December, 09:00?' [Yes] [Another time]."""
    return timeviews.read_back(tr, pick, _time_button(step))


def programme_step(tr: Translator, programmes: list[Programme]) -> Screen:
    """The first question for someone who works in several programmes."""
    screen = programme_views.choose(
        tr, programmes, lambda pid: Cb(action="programme", value=str(pid))
    )
    keys = screen.markup.inline_keyboard if isinstance(screen.markup, InlineKeyboardMarkup) else ()
    abort = [button(tr._("Cancel"), Cb(action="abort", value="-"))]
    return Screen(screen.text, InlineKeyboardMarkup([*keys, abort]))


def preview_messages(
    preview: Preview, tz: str, programme: Programme | None = None
) -> list[Rendered]:
    """The invitation as each language will read it; one if both read the same. `programme`
    labels it as the push will be, where there are several."""
    push = SeminarPush(preview.seminar, {"seminar_id": preview.seminar.id})
    rendered = [
        _labelled(translator(lang, tz), programme, seminar_invite(translator(lang, tz), push))
        for lang in ("ky", "ru")
    ]
    texts = [r.text for r in rendered]
    return rendered[:1] if texts[0] == texts[1] else rendered


def part_label(tr: Translator, part: str) -> str:
    """The summary's name for a part, which is also its button."""
    _ = tr._
    return {
        "title": _("Title"),
        "description": _("Description"),
        "schedule": _("Date and time"),
        "venue": _("Place"),
        "audience": _("Who is invited"),
        "capacity": _("Number of places"),
        "organiser": _("Organiser"),
    }[part]


def _summary(tr: Translator, p: Preview) -> list[str]:
    """One short line per part, in the order the questions came."""
    s = p.seminar
    titles = " / ".join(escape(t) for t in (s.title_ky, s.title_ru) if t)
    schedule = tr.span(s.starts_at, s.ends_at, weekday=True)
    deadline = tr._("answers until {date}").format(date=tr.datetime(s.rsvp_deadline))
    line = "{label}: {value}".format
    return [
        line(label=part_label(tr, "title"), value=titles),
        line(label=part_label(tr, "schedule"), value=f"{schedule} ({deadline})"),
        line(label=part_label(tr, "venue"), value=text.place(tr, s)),
        line(label=part_label(tr, "capacity"), value=s.capacity),
        line(label=part_label(tr, "organiser"), value=escape(s.organiser)),
        *([] if p.editing else [line(label=_reminders_label(tr),
                                     value=reminder_views.summary(tr, p.reminders, "seminar"))]),
    ]  # fmt: skip


def _reminders_label(tr: Translator) -> str:
    return tr._("Reminders")


def preview(tr: Translator, p: Preview, concerned: int = 0) -> Screen:
    _ = tr._
    lines = ["<b>" + _("Preview") + "</b>"]
    if p.editing:
        lines.append(
            tr.ngettext(
                "{count} invited member will be told of the change.",
                "{count} invited members will be told of the change.",
                concerned,
            ).format(count=concerned)
        )
        confirm = _("Save and notify")
    else:
        lines.append(
            tr.ngettext(
                "The invitation will reach {count} member.",
                "The invitation will reach {count} members.",
                p.reach,
            ).format(count=p.reach)
        )
        confirm = _("Create and send invitations")
    lines += ["", *_summary(tr, p), "", "<i>" + _("Tap a part to change it.") + "</i>"]
    edits = [button("✏️ " + part_label(tr, part), Cb(action="edit", value=part)) for part in PARTS]
    if not p.editing:
        edits.append(button("✏️ " + _reminders_label(tr), Cb(action="edit", value=REMINDERS)))
    keyboard = [
        [button("✅ " + confirm, Cb(action="confirm", value="-"))],
        *rows(edits, per_row=2),
        [button(_("Cancel"), Cb(action="abort", value="-"))],
    ]
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def done(tr: Translator, count: int, editing: bool) -> Screen:
    if editing:
        text = tr.ngettext(
            "Saved. {count} member will be told.", "Saved. {count} members will be told.", count
        )
    else:
        text = tr.ngettext(
            "The seminar is created. {count} invitation is being sent.",
            "The seminar is created. {count} invitations are being sent.",
            count,
        )
    return Screen("✅ " + text.format(count=count))


def _labelled(tr: Translator, programme: Programme | None, rendered: Rendered) -> Rendered:
    if programme is None:
        return rendered
    text = programme_views.labelled(tr, programme, rendered.text)
    return Rendered(text, rendered.markup, rendered.photo, rendered.document)
