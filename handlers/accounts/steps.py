"""Answers inside registration or a profile edit: taps on choices and pages, typed text, a
shared contact. The step's question is then asked again, or the next one is shown."""

from __future__ import annotations

from telegram import ReplyKeyboardRemove
from telegram.ext import MessageHandler, filters

from bot.accounts.service.answers import StepFlow
from bot.accounts.views import registration as texts
from bot.accounts.views.steps import search_screen, step_screen
from bot.core.callback_data import PageCb, PickCb
from bot.core.errors import Refusal
from bot.core.flows import Flow
from bot.core.places.search import MIN_SCORE
from bot.core.refusals import refusal_text
from handlers import basics, flow_steps
from handlers.accounts import profile, registration
from handlers.buttons import button
from handlers.common import PRIVATE, App, Turn
from handlers.routes import command


async def active(turn: Turn) -> tuple[StepFlow, Flow] | None:
    """The open registration or profile flow; other flows are routed by flow_steps."""
    flow = await turn.svc.current_flow(turn.tid)
    if flow is None:
        return None
    service = {"registration": turn.svc.registration, "profile": turn.svc.profile}.get(flow.flow)
    return (service, flow) if service is not None else None


async def question(turn: Turn, flow: Flow, page: int = 0, new: bool = False) -> None:
    """Show the question of the step the flow stands at (in place of a pressed button's
    message, unless `new`); a finished profile edit shows the saved profile."""
    if flow.step == "done":
        await profile.show_profile(turn, saved=True)
        return
    screen = step_screen(turn.tr, await turn.svc.registration.question(flow), page)
    await (turn.say(screen) if new else turn.show(screen))


async def _refuse(turn: Turn, exc: Exception) -> None:
    """An old or forged button gets a notice and, inside a flow, the current question."""
    found = await active(turn)
    if found is None:
        await turn.alert(refusal_text(turn.tr, Refusal("invalid_button")))
        return
    await turn.alert(refusal_text(turn.tr, exc if isinstance(exc, Refusal) else Refusal("stale")))
    await question(turn, found[1], new=True)


@button(PickCb, on_refusal=_refuse)
async def on_pick(turn: Turn, data: PickCb) -> None:
    found = await active(turn)
    if found is None:
        raise Refusal("stale")
    if data.step == "confirm":
        await registration.on_confirm(turn, data.value)
        return
    flow = await found[0].pick(turn.tid, data.step, data.value)
    await turn.answer()
    await question(turn, flow)


@button(PageCb, on_refusal=_refuse)
async def on_page(turn: Turn, data: PageCb) -> None:
    found = await active(turn)
    if found is None or found[1].step != data.step:
        raise Refusal("stale")
    await turn.answer()
    await question(turn, found[1], page=data.page)


async def wrong_answer(turn: Turn, exc: Exception) -> None:
    """A refused answer is said, then the question is asked again."""
    error = exc if isinstance(exc, Refusal) else Refusal("unexpected")
    await turn.say(refusal_text(turn.tr, error))
    found = await active(turn)
    if found is not None:
        await question(turn, found[1], new=True)


@command(on_refusal=wrong_answer)
async def on_text(turn: Turn) -> None:
    """A place name to search for, a name, or a wrong kind of answer."""
    found = await active(turn)
    if found is None:
        return
    service, flow = found
    if flow.step in ("region", "district", "municipality"):
        matches = await turn.svc.directory.search(turn.text)
        await turn.say(search_screen(turn.tr, turn.text, matches, MIN_SCORE))
        return
    answered = await service.text(turn.tid, turn.text)
    if flow.step == "phone":  # a typed number (staff): the contact button goes
        saved = texts.phone_saved(turn.tr, str(answered.data["phone"]))
        await turn.with_menu(saved, otherwise=ReplyKeyboardRemove())
    await question(turn, answered, new=True)


@command(on_refusal=wrong_answer)
async def on_contact(turn: Turn) -> None:
    found = await active(turn)
    contact = turn.message.contact
    if found is None or contact is None:
        await turn.say(texts.contact_not_asked(turn.tr))
        return
    flow = await found[0].contact(turn.tid, contact.user_id, contact.phone_number)
    saved = texts.phone_saved(turn.tr, str(flow.data["phone"]))
    await turn.with_menu(saved, otherwise=ReplyKeyboardRemove())
    await question(turn, flow, new=True)


@command()
async def on_media(turn: Turn) -> None:
    """A photo, file or sticker where a step expects an answer: say so, ask again."""
    found = await active(turn)
    if found is not None:
        await turn.say(refusal_text(turn.tr, Refusal("media")))
        await question(turn, found[1], new=True)


def register(app: App) -> None:
    app.add_handler(on_pick.route())
    app.add_handler(on_page.route())
    app.add_handler(MessageHandler(PRIVATE & filters.CONTACT, on_contact))
    for name in ("registration", "profile"):
        flow_steps.flow(name, on_text, on_media)
        basics.resume_with(name, question)
    flow_steps.NO_FLOW.append(registration.no_flow_text)
