"""The poll wizard's next question, whatever step it stands at: shared by the wizard's routes,
the audience's and the staff list's "New poll"."""

from __future__ import annotations

from bot.core.flows import Flow
from bot.core.quicktimes import Pick
from bot.core.screens import Screen
from bot.polls.views import wizard as views
from handlers.common import Turn


async def ask(turn: Turn, flow: Flow, page: int = 0) -> None:
    wizard = turn.svc.poll_wizard
    tr = turn.tr
    if flow.step == "programme":
        await turn.show(views.programme_step(tr, await wizard.programme_choices(turn.tid)))
    elif flow.step == "preview":
        await _preview(turn)
    elif flow.step == "event_pick":
        found = await wizard.events(turn.tid)
        await turn.show(views.events(tr, flow.data["event_kind"], found, page))
    elif flow.step == "behaviour_pick":
        await turn.show(views.behaviours(tr, await wizard.event(turn.tid)))
    elif flow.step == "remind":
        await turn.show(views.remind_screen(tr, wizard.reminders(flow)))
    elif flow.step in ("closes", "schedule"):
        await turn.show(views.time_screen(tr, flow.step, picks(turn, flow.step)))
    else:
        options = None
        if flow.step in ("audience_pick", "positions_pick"):
            options = await wizard.options(turn.tid)
        await turn.show(views.step_screen(tr, flow, options, page))


def picks(turn: Turn, step: str) -> list[Pick]:
    wizard = turn.svc.poll_wizard
    return wizard.send_picks() if step == "schedule" else wizard.picks()


async def _preview(turn: Turn) -> None:
    """The poll as each language reads it, then whom it reaches and the way to send."""
    draft = await turn.svc.poll_wizard.draft(turn.tid)
    for text in views.preview_messages(draft, turn.svc.config.tz):
        await turn.say(text)
    programme = await turn.svc.programmes.label(draft.reach.programme_id)
    screen = views.preview(turn.tr, draft, programme)
    await turn.say(Screen(screen.text, screen.markup))
