"""The competition wizard's questions, its preview (with a summary where each part can be
changed) and the line after it is created."""

from __future__ import annotations

from datetime import datetime
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.competitions.callbacks import CompetitionFormCb as Cb
from bot.competitions.pushes.templates import PushContext, competition_open
from bot.competitions.repo.competitions import Competition
from bot.competitions.service.form import (
    AUDIENCE_KINDS,
    DEFAULT_FILES,
    PARTS,
    REMINDERS,
    TEXT_LIMITS,
    TIME_STEPS,
    FormData,
    Preview,
    form_data,
    reminders_of,
)
from bot.competitions.views import text
from bot.core import timeviews
from bot.core.audience import views as audience
from bot.core.audience.repo import Option
from bot.core.flows import Flow
from bot.core.keyboards import button, rows
from bot.core.programmes import views as programmes
from bot.core.programmes.repo import Programme
from bot.core.quicktimes import Pick, TimeCb
from bot.core.reminders import views as reminder_views
from bot.core.screens import Screen
from bot.i18n import Translator, translator

SHOWN_NOW = 200
"""A long text asked again is shown up to here; the whole of it is in the call above."""


def _question(tr: Translator, step: str) -> str:
    _ = tr._
    return {
        "title_ky": _("Write the competition's title in Kyrgyz."),
        "title_ru": _("Now the title in Russian."),
        "description_ky": _("A description in Kyrgyz: what entrants should do and why."),
        "description_ru": _("The description in Russian."),
        "rules_ky": _("The rules in Kyrgyz: who may enter, what counts, how it is judged."),
        "rules_ru": _("The rules in Russian."),
        "prizes_ky": _("The prizes in Kyrgyz, for example: 1st place: 500 000 KGS."),
        "prizes_ru": _("The prizes in Russian."),
        "code": _(
            "A short code for receipt numbers: 2 to 6 Latin capital letters, for example IC "
            "or SIAP. Receipts will read like IC-2026-001."
        ),
        "entrant_kind": _("Who competes: municipalities, or clusters of municipalities?"),
        "opens_at": _("When does the competition open? Members get the call at that time."),
        "deadline": _("Until when can submissions be sent?"),
        "max_files": _("How many files may a submission have? A number from 0 to 30."),
        "needs_residents": _("Must a submission give the number of residents reached?"),
    }.get(step, _("Please answer the question above."))


def _buttons(tr: Translator, step: str) -> list[list[InlineKeyboardButton]]:
    _ = tr._
    if step == "entrant_kind":
        return [[button(_("Municipalities"), Cb(action="entrants", value="municipality"))],
                [button(_("Clusters"), Cb(action="entrants", value="cluster"))]]  # fmt: skip
    if step == "needs_residents":
        return [[button(_("Yes"), Cb(action="yesno", value="yes")),
                 button(_("No"), Cb(action="yesno", value="no"))]]  # fmt: skip
    label = {
        "title_ky": _("Skip: Russian only"),
        "title_ru": _("Skip: Kyrgyz only"),
        "opens_at": _("Now"),
        "max_files": tr.ngettext("{count} file", "{count} files", DEFAULT_FILES).format(
            count=DEFAULT_FILES
        ),
    }.get(step, _("Skip") if step.endswith(("_ky", "_ru")) else None)
    return [[button(label, Cb(action="skip", value="-"))]] if label else []


def _kinds(tr: Translator, data: FormData, abort: list[InlineKeyboardButton]) -> Screen:
    _ = tr._
    entrant_kind = data["values"]["entrant_kind"]
    everyone = _("All clusters") if entrant_kind == "cluster" else _("All municipalities")
    choices = [
        button(everyone if k == "all" else audience.kind_label(tr, k), Cb(action="kind", value=k))
        for k in AUDIENCE_KINDS[entrant_kind]
    ]
    keep = _keep(tr) if data.get("revising") and data["audience"] is not None else []
    markup = InlineKeyboardMarkup(rows(choices) + keep + [abort])
    return Screen(_("Which of them may take part?"), markup)


def _keep(tr: Translator) -> list[list[InlineKeyboardButton]]:
    return [[button(tr._("Keep as it is"), Cb(action="keep", value="-"))]]


def _current(tr: Translator, data: FormData, step: str) -> str | None:
    """The answer a question asked again from the summary has now."""
    values: dict[str, object] = dict(data["values"])
    if step not in values:
        return None
    value = values[step]
    if step == "opens_at" and data["opens_now"]:
        return tr._("Now")
    if step in ("opens_at", "deadline"):
        return tr.datetime(text.when(str(value)))
    if step == "entrant_kind":
        return tr._("Clusters") if value == "cluster" else tr._("Municipalities")
    if step == "needs_residents":
        return tr._("Yes") if value else tr._("No")
    if value in (None, ""):
        return "—"
    shown = str(value)
    return escape(shown if len(shown) <= SHOWN_NOW else shown[:SHOWN_NOW].rstrip() + "…")


def programme_step(tr: Translator, found: list[Programme]) -> Screen:
    """The first question for someone who works in several programmes."""
    asked = programmes.choose(tr, found, lambda pid: Cb(action="programme", value=str(pid)))
    keys = asked.markup.inline_keyboard if isinstance(asked.markup, InlineKeyboardMarkup) else ()
    abort = [button(tr._("Cancel"), Cb(action="abort", value="-"))]
    return Screen(asked.text, InlineKeyboardMarkup([*keys, abort]))


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
    step, data = flow.step, form_data(flow)
    abort = [button(tr._("Cancel"), Cb(action="abort", value="-"))]
    if step == REMINDERS:
        return reminder_views.wizard_step(
            tr, reminders_of(data), "competition", quiet,
            lambda choice: Cb(action="reminders", value=choice), [*_keep(tr), abort],
        )  # fmt: skip
    if step == "audience":
        return _kinds(tr, data, abort)
    chosen = data["audience"]
    if step == "audience_pick" and chosen is not None:
        query = data.get("audience_query")
        return audience.picker(tr, chosen, options or [], page, Cb, query=query, searchable=True)
    lines = [_question(tr, step)]
    keyboard = _buttons(tr, step)
    if step in TIME_STEPS:
        lines[0] = timeviews.question(tr, lines[0], picks or [])
        keyboard = [*timeviews.pick_rows(tr, picks or [], _time_button(step)), *keyboard]
    current = _current(tr, data, step) if data.get("revising") else None
    if current is not None:
        lines.append(tr._("Now: {value}").format(value=current))
        if step in TEXT_LIMITS:
            keyboard = []  # a text's "Skip" would empty it; "Now" and the choices stay
        keyboard = [*keyboard, *_keep(tr)]
    markup = InlineKeyboardMarkup([*keyboard, abort])
    return Screen("\n".join(lines), markup)


def _time_button(step: str) -> timeviews.Make:
    def make(action: str, minute: int) -> TimeCb:
        return TimeCb(flow="competition_form", step=step,
                      action="at" if action == "at" else "type", minute=minute)  # fmt: skip

    return make


def time_refused(tr: Translator, flow: Flow, picks: list[Pick], note: str) -> Screen:
    """A typed or picked time refused: why (with an example), and the picks again."""
    return Screen(note, step_screen(tr, flow, picks=picks).markup)


def time_typing(tr: Translator, flow: Flow) -> Screen:
    """After [Another time]: the question, and how to write the time."""
    return step_screen(tr, flow, picks=[])


def time_read_back(tr: Translator, step: str, pick: Pick) -> Screen:
    """A typed time not read for certain: 'Wednesday, 25 December, 09:00?' [Yes] [Another time]."""
    return timeviews.read_back(tr, pick, _time_button(step))


def preview_texts(preview: Preview, tz: str) -> list[str]:
    """The call as each language will read it; one if both read the same."""
    params: PushContext = {"competition_id": 0, "competition": preview.values}
    found = [competition_open(translator(lang, tz), params).text for lang in ("ky", "ru")]
    return found[:1] if found[0] == found[1] else found


def preview(tr: Translator, p: Preview) -> Screen:
    _ = tr._
    values = p.values
    opens = text.when(values["opens_at"])
    receipt = "{code}-{year}-001".format(code=values["code"], year=opens.astimezone(tr.tz).year)
    lines = ["<b>" + _("Preview") + "</b>", entrant_count(tr, values["entrant_kind"], p.entrants)]
    if p.programme is not None:
        lines.insert(1, programmes.label(tr, p.programme))
    if p.opens_now:
        lines.append(_("The call goes out as soon as you confirm."))
    else:
        lines.append(_("The call goes out on {date}.").format(date=tr.datetime(opens)))
    lines.append(_("Receipt numbers will read like {example}.").format(example=receipt))
    reminders = reminder_views.summary(tr, p.reminders, "competition")
    lines.append(_("Reminders") + ": " + reminders)
    lines += ["", "<i>" + _("Tap a part to change it.") + "</i>"]
    edits = [button("✏️ " + part_label(tr, part), Cb(action="edit", value=part)) for part in PARTS]
    edits.append(button("✏️ " + _("Reminders"), Cb(action="edit", value=REMINDERS)))
    keyboard = [
        [button("✅ " + _("Create the competition"), Cb(action="confirm", value="-"))],
        *rows(edits, per_row=2),
        [button(_("Cancel"), Cb(action="abort", value="-"))],
    ]
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def part_label(tr: Translator, part: str) -> str:
    """The summary's name for a part, which is also its button."""
    _ = tr._
    return {
        "title": _("Title"),
        "description": _("Description"),
        "rules": _("Rules"),
        "prizes": _("Prizes"),
        "code": _("Receipt code"),
        "entrants": _("Who takes part"),
        "dates": _("Dates"),
        "files": _("Files"),
        "residents": _("Residents reached"),
    }[part]


def entrant_count(tr: Translator, kind: str, count: int) -> str:
    if kind == "cluster":
        found = tr.ngettext(
            "{count} cluster may take part.", "{count} clusters may take part.", count
        )
    else:
        found = tr.ngettext(
            "{count} municipality may take part.", "{count} municipalities may take part.", count
        )
    return found.format(count=count)


def created(tr: Translator, competition: Competition, count: int, now: datetime) -> Screen:
    if competition.entrant_kind == "cluster":
        head = tr.ngettext(
            "The competition is created: {count} cluster may take part.",
            "The competition is created: {count} clusters may take part.",
            count,
        )
    else:
        head = tr.ngettext(
            "The competition is created: {count} municipality may take part.",
            "The competition is created: {count} municipalities may take part.",
            count,
        )
    lines = ["✅ " + head.format(count=count)]
    if competition.opens_at > now:
        lines.append(
            tr._("The call goes out on {date}.").format(date=tr.datetime(competition.opens_at))
        )
    else:
        lines.append(tr._("The call is going out now."))
    return Screen("\n".join(lines))
