"""The poll's audience narrowed from the preview: by positions, or by what members did at a
seminar or competition, as in the broadcast wizard (the same selector)."""

from __future__ import annotations

from bot.core.flows import Flow
from bot.polls.callbacks import PollAudienceCb
from handlers import audience_steps
from handlers.buttons import button
from handlers.common import App, Turn
from handlers.polls.asking import ask


@button(PollAudienceCb, denied="staff_only", stale="stale")
async def on_audience(turn: Turn, data: PollAudienceCb) -> None:
    flow = await _step(turn, data)
    await turn.answer()
    await ask(turn, flow, data.page if data.action == "event" else 0)


async def _step(turn: Turn, data: PollAudienceCb) -> Flow:
    return await audience_steps.step(turn.svc.poll_wizard, turn.tid, data.action, data.value)


def register(app: App) -> None:
    app.add_handler(on_audience.route())
