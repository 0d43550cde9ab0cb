"""The broadcast wizard's next question, whatever step it stands at: shared by the wizard's
routes and the audience's."""

from __future__ import annotations

from bot.broadcasts.views import audience as audience_views
from bot.broadcasts.views import wizard as views
from bot.core.flows import Flow
from bot.core.screens import Screen
from handlers.common import Turn


async def ask(turn: Turn, flow: Flow, page: int = 0) -> None:
    """The next question; the preview and confirm steps show the whole message first."""
    wizard = turn.svc.broadcast_wizard
    if flow.step == "programme":
        await turn.show(views.programme_step(turn.tr, await wizard.programme_choices(turn.tid)))
        return
    if flow.step in ("preview", "confirm"):
        await _preview(turn, flow)
        return
    if flow.step == "event_pick":
        found = await wizard.events(turn.tid)
        await turn.show(audience_views.events(turn.tr, flow.data["event_kind"], found, page))
        return
    if flow.step == "behaviour_pick":
        await turn.show(audience_views.behaviours(turn.tr, await wizard.event(turn.tid)))
        return
    options = None
    if flow.step in ("audience_pick", "positions_pick"):
        options = await wizard.options(turn.tid)
    picks = wizard.picks() if flow.step == "schedule" else None
    await turn.show(views.step_screen(turn.tr, flow, options, page, picks))


async def _preview(turn: Turn, flow: Flow) -> None:
    wizard = turn.svc.broadcast_wizard
    draft = await wizard.draft(turn.tid)
    programme = await turn.svc.programmes.label(draft.programme_id)
    for message in views.preview_messages(draft, turn.svc.config.tz, programme):
        await turn.send_rendered(message)
    markup = views.preview_buttons(turn.tr, flow.step == "confirm", draft.recipients)
    await turn.say(Screen(views.preview(turn.tr, draft, programme).text, markup))
