"""The compose form's audience selector: the programme (when the reader works in several), the
kinds as tabs, and the places and positions to tick, as the broadcast wizard offers them to
this reader (their region limit, the programme's reach, only places with members)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from bot.console.web.broadcasts import words
from bot.console.web.broadcasts.form import PLACES, Form
from bot.core import labels
from bot.core.places.order import by_name
from bot.core.positions import POSITIONS
from bot.i18n import Translator
from bot.wiring import Services

if TYPE_CHECKING:
    from bot.core.audience.repo import Names


def _name(tr: Translator, names: Names | None, value: str) -> str:
    if names is None:
        return labels.position(tr, value)
    return {"ky": names["name_ky"], "ru": names["name_ru"]}.get(tr.lang, names["name_en"])


async def selector(svc: Services, telegram_id: int, tr: Translator, form: Form) -> dict[str, Any]:
    """The template's context for the selector; the form comes back with its programme set
    when there is only one to choose."""
    wizard = svc.broadcast_wizard
    programmes = await wizard.programme_choices(telegram_id)
    if form.programme is None and len(programmes) == 1:
        form = replace(form, programme=programmes[0].id)
    found: dict[str, Any] = {
        "form": form,
        "programmes": [(p.id, p.name(tr.lang), form.link(programme=p.id)) for p in programmes],
        "has_programmes": bool(programmes),
    }
    if form.programme is None:
        return found
    offered = ["all"]
    for kind in PLACES:
        options = await wizard.choices(telegram_id, form.programme, kind)
        if options:
            offered.append(kind)
        if kind == form.kind:
            ticked = set(form.values)
            named = [(value, _name(tr, names, value)) for value, names in options]
            found["options"] = [(v, n, v in ticked) for v, n in by_name(named, tr.lang, _second)]
    codes = {v for v, _ in await wizard.choices(telegram_id, form.programme, "positions")}
    found["positions"] = [
        (code, labels.position(tr, code), code in form.positions)
        for code in POSITIONS
        if code in codes
    ]
    found["kinds"] = [
        (kind, label, form.link(kind=kind)) for kind, label in words.kinds(tr, offered)
    ]
    return found


def _second(pair: tuple[str, str]) -> str:
    return pair[1]
