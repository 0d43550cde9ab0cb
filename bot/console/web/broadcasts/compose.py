"""Composing an announcement in the browser: the form (opened empty, or by "message these
people" with its audience ready), the preview the chat shows, and Send.

The fields travel in the pages themselves (hidden inputs from the preview on), and each step
asks the broadcast wizard, which checks them as the chat's steps do. What the reader can fix
(a text too long, no text, a time past) brings the form back with what was typed and why; an
audience this reader could not have chosen is refused without showing anything of it. The
preview's key makes Send count once, however often the form is posted.
"""

from __future__ import annotations

from aiohttp import web

from bot.broadcasts.views import wizard as views
from bot.console.web.broadcasts import markup, words
from bot.console.web.broadcasts.form import Form, composition, read
from bot.console.web.broadcasts.selector import selector
from bot.console.web.context import services, session, tr_of
from bot.console.web.render import page
from bot.console.web.words import error
from bot.core.errors import NotAllowed, Refusal
from bot.core.refusals import refusal_text

FIXABLE = (
    "no_text", "text_too_long", "time_in_past", "no_recipients", "choose_programme",
    "no_programme",
)  # fmt: skip
"""Refusals the reader fixes in the form; any other one is about the audience."""


async def _form(
    request: web.Request, form: Form, status: int = 200, problem: str | None = None
) -> web.Response:
    svc, who, tr = services(request), session(request), tr_of(request)
    if form.forged:
        return _forged(request)
    try:
        found = await selector(svc, who.telegram_id, tr, form)
    except (Refusal, NotAllowed):
        return _forged(request)
    return page(
        tr, "broadcasts/compose.html", status, csrf=who.csrf, here="broadcasts",
        c=words.compose(tr), problem=problem, **found,
    )  # fmt: skip


async def _refused(request: web.Request, form: Form, refused: Refusal) -> web.Response:
    if refused.code in FIXABLE:
        return await _form(request, form, 400, refusal_text(tr_of(request), refused))
    return _forged(request)


def _forged(request: web.Request) -> web.Response:
    tr = tr_of(request)
    text = {"title": "403", "text": words.compose(tr)["forged"]}
    return page(tr, "message.html", 403, csrf=session(request).csrf, here="broadcasts", m=text)


async def new(request: web.Request) -> web.StreamResponse:
    """An audience given in the address is checked before the form shows it."""
    form = read(request.query)
    if form.prefilled and not form.forged:
        try:
            await services(request).broadcast_wizard.ready_audience(
                session(request).telegram_id, form.audience()
            )
        except Refusal as refused:
            if refused.code != "choose_programme":
                return _forged(request)
        except NotAllowed:
            return _forged(request)
    return await _form(request, form)


async def change(request: web.Request) -> web.StreamResponse:
    """Back from the preview, with everything as it was typed."""
    return await _form(request, read(await request.post()))


async def preview(request: web.Request) -> web.StreamResponse:
    svc, who, tr = services(request), session(request), tr_of(request)
    form = read(await request.post())
    if form.forged:
        return _forged(request)
    try:
        given = composition(form, svc.config.zone)
    except ValueError:
        return await _form(request, form, 400, words.compose(tr)["unreadable"])
    try:
        draft = await svc.broadcast_wizard.compose(who.telegram_id, given)
    except Refusal as refused:
        return await _refused(request, form, refused)
    except NotAllowed:
        return _forged(request)
    programme = await svc.programmes.label(draft.programme_id)
    messages = views.preview_messages(draft, svc.config.tz, programme)
    c = words.compose(tr)
    heads = [c["for_ky"], c["for_ru"]] if len(messages) > 1 else [c["for_all"]]
    return page(
        tr, "broadcasts/preview.html", csrf=who.csrf, here="broadcasts", c=c, form=form,
        messages=[(head, markup.safe(m.text)) for head, m in zip(heads, messages, strict=True)],
        summary=markup.safe(views.preview(tr, draft, programme).text),
        recipients=draft.recipients, later=draft.send_at is not None,
        key=svc.broadcast_wizard.send_key(),
    )  # fmt: skip


async def send(request: web.Request) -> web.StreamResponse:
    svc, who, tr = services(request), session(request), tr_of(request)
    posted = await request.post()
    form = read(posted)
    if form.forged:
        return _forged(request)
    try:
        given = composition(form, svc.config.zone)
    except ValueError:
        return await _form(request, form, 400, words.compose(tr)["unreadable"])
    try:
        made = await svc.broadcast_wizard.send(who.telegram_id, given, str(posted.get("key", "")))
    except Refusal as refused:
        if refused.code == "already_sent":
            raise web.HTTPSeeOther("/console/broadcasts") from None
        if refused.code == "form_expired":
            return page(tr, "message.html", 400, csrf=who.csrf, m=error(tr, 400))
        return await _refused(request, form, refused)
    except NotAllowed:
        return _forged(request)
    raise web.HTTPSeeOther(f"/console/broadcasts?done={made.id}")
