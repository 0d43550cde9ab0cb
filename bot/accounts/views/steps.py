"""The question each flow step asks, shared by registration and the profile editor."""

from __future__ import annotations

from html import escape
from typing import Any

from telegram import InlineKeyboardMarkup

from bot.accounts.service.answers import Question
from bot.core import keyboards, labels
from bot.core.callback_data import PickCb, Step
from bot.core.places.order import places_by_name
from bot.core.places.repo import Place, PlacePath
from bot.core.places.search import Match
from bot.core.positions import GENDERS, POSITIONS
from bot.core.screens import Screen
from bot.i18n import Translator

QUERY_SHOWN = 100
"""What is typed is repeated back, up to here: no place has a longer name, and a whole pasted
text would make the answer too long to send."""


def choose_language(translators: list[Translator]) -> Screen:
    text = "\n".join(tr._("Choose your language:") for tr in translators)
    return Screen(text, keyboards.languages())


def step_screen(tr: Translator, q: Question, page: int = 0) -> Screen:
    _ = tr._
    flow = q.flow
    step = flow.step
    if step == "phone":
        text = _("Please share your phone number with the button below.")
        if flow.data.get("staff"):
            text = _(
                "Share your phone number with the button below, or type the number members "
                "should call, for example +996 555 123 456."
            )
        return Screen(text, keyboards.share_contact(_("📱 Share my phone number")))
    if step == "organisation":
        return Screen(_("Your organisation? For example: Helvetas, DPI."))
    if step in ("region", "district", "municipality"):
        return _place_screen(tr, q, page)
    if step == "position":
        options = [(code, labels.position(tr, code)) for code in POSITIONS]
        return Screen(_("What is your position?"), keyboards.choices("position", options))
    if step == "position_detail":
        if flow.data.get("position") == "specialist":
            return Screen(_("What is your field of work? For example: finance, land, water."))
        return Screen(_("Please write your position."))
    if step == "name":
        return Screen(_("Please write your full name (surname, first name)."))
    if step == "gender":
        options = [(code, labels.gender(tr, code)) for code in GENDERS]
        hint = _("This is used only in anonymous counts, such as how many women took part.")
        return Screen(
            _("Your gender:") + "\n<i>" + hint + "</i>", keyboards.choices("gender", options)
        )
    if step == "confirm":
        return summary_screen(tr, flow.data, q.place)
    return Screen(_("Choose your language:"), keyboards.languages())


def _place_screen(tr: Translator, q: Question, page: int) -> Screen:
    _ = tr._
    hint = "\n<i>" + _("You can also type the name of your aiyl aimak.") + "</i>"
    back = {"back": _("« Back")}
    if q.flow.step == "region":
        if not q.options:
            return Screen(
                _("The list of municipalities is empty. Please contact your coordinator.")
            )
        keyboard = _paged(tr, "region", q.options, page, 0, {})
        return Screen(_("Choose your region:") + hint, keyboard)
    if q.flow.step == "district":
        region_id = int(q.flow.data["region_id"])
        keyboard = _paged(tr, "district", q.options, page, region_id, back)
        return Screen(_("Choose your district:") + hint, keyboard)
    district_id = int(q.flow.data["district_id"])
    keyboard = _paged(tr, "municipality", q.options, page, district_id, back, per_row=2)
    return Screen(_("Choose your aiyl aimak or town:") + hint, keyboard)


def _paged(
    tr: Translator,
    step: Step,
    options: list[Place],
    page: int,
    parent: int,
    extra: dict[str, str],
    per_row: int = 1,
) -> InlineKeyboardMarkup:
    pairs = [(p.id, p.name(tr.lang)) for p in places_by_name(options, tr.lang)]
    return keyboards.paged(step, pairs, page, parent, extra, per_row)


def summary_screen(tr: Translator, data: dict[str, Any], place: PlacePath | None) -> Screen:
    _ = tr._
    lines = [
        "<b>" + _("Please check your details:") + "</b>",
        _("Name: {name}").format(name=escape(data.get("full_name") or "—")),
        _("Phone: {phone}").format(phone=escape(data.get("phone") or "—")),
        _("Municipality: {place}").format(place=escape(place.describe(tr.lang) if place else "—")),
        _("Position: {position}").format(
            position=escape(labels.position(tr, data.get("position"), data.get("position_detail")))
        ),
        _("Gender: {gender}").format(gender=labels.gender(tr, data.get("gender"))),
    ]
    fields = [("name", _("Name")), ("phone", _("Phone")), ("municipality", _("Municipality"))]
    fields += [("position", _("Position")), ("gender", _("Gender"))]
    edits = [keyboards.button("✏️ " + label, PickCb(step="confirm", value=f"edit_{field}"))
             for field, label in fields]  # fmt: skip
    keyboard = [[keyboards.button(_("✅ Confirm"), PickCb(step="confirm", value="yes"))]]
    keyboard += keyboards.rows(edits, per_row=2)
    keyboard.append([keyboards.button(_("↺ Start over"), PickCb(step="confirm", value="restart"))])
    return Screen("\n".join(lines), InlineKeyboardMarkup(keyboard))


def search_screen(tr: Translator, query: str, matches: list[Match], min_score: float) -> Screen:
    """Strong matches to tap; otherwise the nearest names; otherwise whom to ask."""
    _ = tr._
    strong = [m for m in matches if m.score >= min_score]
    near = [m for m in matches if m.score >= min_score * 0.6][:3]
    shown = strong or near
    if len(query) > QUERY_SHOWN:
        query = query[: QUERY_SHOWN - 1].rstrip() + "…"
    if not shown:
        text = _(
            "I couldn't find «{query}». Check the spelling, choose from the list, or ask "
            "your project coordinator to add your municipality."
        ).format(query=escape(query))
        return Screen(text)
    if strong:
        text = _("Is it one of these?")
    else:
        text = _("Nothing matches «{query}» exactly. The closest names:").format(
            query=escape(query)
        )
    options = [(str(m.place.id), m.place.name(tr.lang)) for m in shown]
    return Screen(text, keyboards.choices("municipality", options))
