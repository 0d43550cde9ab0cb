"""The answers a person gives in a flow, checked one at a time.

A flow carries its remaining steps as a plan (`data["plan"]`), so registration and the profile
editor share the same checks: registration plans every step, an edit plans only the ones for the
field being changed.
"""

from __future__ import annotations

import re

import phonenumbers

from bot.config import LANGUAGES
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.places import repo as places
from bot.core.positions import GENDERS, NEEDS_DETAIL, POSITIONS
from bot.db import Database

MAX_NAME = 100
LOCATION_STEPS = ("region", "district", "municipality")
FIELD_PLANS = {
    "name": ["name"],
    "phone": ["phone"],
    "municipality": ["region", "district", "municipality"],
    "position": ["position"],
    "gender": ["gender"],
}
"""The steps that change one field: used by the profile editor and the registration summary."""
STAFF_PLANS = {
    "name": ["name"],
    "organisation": ["organisation"],
    "phone": ["phone"],
    "staff": ["name", "organisation", "phone"],
}
"""Staff's own profile: one field, or all three the first time."""


def advance(flow: Flow) -> Flow:
    plan = flow.data["plan"]
    plan.pop(0)
    flow.step = plan[0] if plan else "done"
    return flow


def with_plan(flow: Flow, steps: list[str]) -> Flow:
    flow.data["plan"] = list(steps)
    flow.step = steps[0]
    return flow


def normalise_phone(raw: str) -> str:
    """E.164; local numbers are read as Kyrgyz (+996), others need their country code."""
    try:
        number = phonenumbers.parse(raw if raw.startswith("+") else "+" + raw, None)
    except phonenumbers.NumberParseException:
        try:
            number = phonenumbers.parse(raw, "KG")
        except phonenumbers.NumberParseException as exc:
            raise Refusal("bad_phone") from exc
    if not phonenumbers.is_possible_number(number):
        raise Refusal("bad_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def clean_text(raw: str | None, code_prefix: str = "name") -> str:
    """Trimmed, single-spaced, 1 to 100 characters with at least one letter."""
    text = re.sub(r"\s+", " ", raw or "").strip()
    if not text or not any(ch.isalpha() for ch in text):
        raise Refusal(f"{code_prefix}_empty")
    if len(text) > MAX_NAME:
        raise Refusal(f"{code_prefix}_too_long", limit=MAX_NAME, length=len(text))
    return text


def take_contact(flow: Flow, telegram_id: int, contact_user_id: int | None, phone: str) -> Flow:
    if flow.step != "phone":
        raise Refusal("unexpected")
    if contact_user_id != telegram_id:
        raise Refusal("not_own_contact")
    flow.data["phone"] = normalise_phone(phone)
    return advance(flow)


def take_text(flow: Flow, text: str) -> Flow:
    """Free text is an answer only at the steps that ask for it."""
    if flow.step == "name":
        flow.data["full_name"] = clean_text(text, "name")
    elif flow.step == "position_detail":
        flow.data["position_detail"] = clean_text(text, "detail")
    elif flow.step == "organisation":
        flow.data["organisation"] = clean_text(text, "organisation")
    elif flow.step == "phone" and flow.data.get("staff"):
        flow.data["phone"] = normalise_phone(text.strip())  # staff may give an office number
    elif flow.step == "phone":
        raise Refusal("need_contact")
    else:
        raise Refusal("use_buttons")
    return advance(flow)


async def take_pick(db: Database, flow: Flow, step: str, value: str) -> Flow:
    if value == "back" and step == flow.step and step in ("district", "municipality"):
        return _back(flow)
    if step == "municipality" and flow.step in LOCATION_STEPS:
        return await _take_municipality(db, flow, value)
    if step != flow.step:
        raise Refusal("stale")
    handler = _PICKERS.get(step)
    if handler is None:
        raise Refusal("stale")
    return await handler(db, flow, value)


def _back(flow: Flow) -> Flow:
    previous = LOCATION_STEPS[LOCATION_STEPS.index(flow.step) - 1]
    flow.data["plan"].insert(0, previous)
    flow.step = previous
    return flow


async def _take_lang(db: Database, flow: Flow, value: str) -> Flow:
    if value not in LANGUAGES:
        raise Refusal("stale")
    flow.data["lang"] = value
    return advance(flow)


async def _take_region(db: Database, flow: Flow, value: str) -> Flow:
    region = await places.region(db, _int(value))
    if region is None:
        raise Refusal("stale")
    flow.data.update(region_id=region.id, district_id=None, municipality_id=None)
    return advance(flow)


async def _take_district(db: Database, flow: Flow, value: str) -> Flow:
    district = await places.district(db, _int(value))
    if district is None or district.parent_id != flow.data.get("region_id"):
        raise Refusal("stale")
    flow.data.update(district_id=district.id, municipality_id=None)
    return advance(flow)


async def _take_municipality(db: Database, flow: Flow, value: str) -> Flow:
    """Also takes a municipality found by typing, skipping the region and district taps."""
    muni = await places.municipality(db, _int(value))
    if muni is None:
        raise Refusal("stale")
    district = await places.district(db, muni.parent_id or 0)
    assert district is not None
    flow.data.update(region_id=district.parent_id, district_id=district.id, municipality_id=muni.id)
    while flow.step in LOCATION_STEPS:
        advance(flow)
    return flow


async def _take_position(db: Database, flow: Flow, value: str) -> Flow:
    if value not in POSITIONS:
        raise Refusal("stale")
    flow.data["position"] = value
    flow.data["position_detail"] = None
    advance(flow)
    if value in NEEDS_DETAIL:
        flow.data["plan"].insert(0, "position_detail")
        flow.step = "position_detail"
    return flow


async def _take_gender(db: Database, flow: Flow, value: str) -> Flow:
    if value not in GENDERS:
        raise Refusal("stale")
    flow.data["gender"] = value
    return advance(flow)


def _int(value: str) -> int:
    if not value.isdigit():
        raise Refusal("stale")
    return int(value)


_PICKERS = {
    "lang": _take_lang,
    "region": _take_region,
    "district": _take_district,
    "municipality": _take_municipality,
    "position": _take_position,
    "gender": _take_gender,
}
