"""The broadcast's audience beyond places: narrowed from the preview by positions or by what
members did at a seminar or competition; and the wizard opened by another screen with its
audience ready (`start_with`)."""

from __future__ import annotations

from bot.broadcasts.callbacks import BroadcastAudienceCb
from bot.core.audience.callbacks import MessageCb
from bot.core.audience.service import Audience
from bot.core.errors import Refusal
from bot.core.flows import Flow
from handlers import audience_steps
from handlers.broadcasts.asking import ask
from handlers.buttons import button
from handlers.common import App, Turn


async def start_with(turn: Turn, audience: Audience) -> None:
    """Opens /broadcast with `audience` already chosen (e.g. "✉️ Message them" on a coverage
    line): the texts and the attachment are asked, then the preview with its count. Refused
    as the selector would refuse it: a place, position, seminar or competition this person
    could not have chosen is "stale" or "forbidden"."""
    await ask(turn, await turn.svc.broadcast_wizard.begin_with(turn.tid, audience))


@button(BroadcastAudienceCb, denied="forbidden", stale="stale")
async def on_audience(turn: Turn, data: BroadcastAudienceCb) -> None:
    flow = await _step(turn, data)
    await turn.answer()
    await ask(turn, flow, data.page if data.action == "event" else 0)


async def _step(turn: Turn, data: BroadcastAudienceCb) -> Flow:
    return await audience_steps.step(turn.svc.broadcast_wizard, turn.tid, data.action, data.value)


@button(MessageCb, denied="staff_only", stale="stale")
async def on_message(turn: Turn, data: MessageCb) -> None:
    """ "✉️ Message them" from another screen (coverage): the wizard, its audience chosen."""
    try:
        audience = data.audience()
    except ValueError:
        raise Refusal("stale") from None
    flow = await turn.svc.broadcast_wizard.begin_with(turn.tid, audience)
    await turn.answer()
    await ask(turn, flow)


def register(app: App) -> None:
    app.add_handler(on_audience.route())
    app.add_handler(on_message.route())
