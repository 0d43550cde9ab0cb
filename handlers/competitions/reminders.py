"""A competition's reminders from its staff card: a tap changes them at once, a list of times
or an own text is typed; the service checks who may and plans them again."""

from __future__ import annotations

from typing import cast

from bot.competitions.callbacks import CompetitionRemindersCb, ReminderAction
from bot.competitions.service.reminders import FLOW, CompetitionReminders
from bot.competitions.views import text
from bot.core.reminders import views as reminder_views
from bot.core.screens import Screen
from handlers import flow_steps
from handlers.buttons import button
from handlers.common import App, Turn
from handlers.competitions.flows import media_refused
from handlers.competitions.staff import card_screen
from handlers.reminder_card import on_action
from handlers.routes import command


def _keeper(turn: Turn) -> CompetitionReminders:
    return CompetitionReminders(turn.svc.competitions)


def _make(competition_id: int) -> reminder_views.Make:
    """The views name the actions this payload's Literal lists."""
    return lambda action: CompetitionRemindersCb(competition_id, cast(ReminderAction, action))


async def _screen(turn: Turn, competition_id: int) -> Screen:
    competition, settings = await _keeper(turn).settings(turn.tid, competition_id)
    quiet = turn.svc.config.quiet_hours
    title = text.pick(turn.tr, competition.content(), "title")
    make = _make(competition_id)
    return reminder_views.card(turn.tr, title, settings, "competition", quiet, make)


@button(CompetitionRemindersCb, denied="competition_staff", stale="competition_staff")
async def on_button(turn: Turn, data: CompetitionRemindersCb) -> None:
    cid = data.competition_id
    await on_action(
        turn, _keeper(turn).card(), cid, data.action, "competition", _make(cid),
        lambda: _screen(turn, cid), lambda: _back(turn, cid),
    )  # fmt: skip


async def _back(turn: Turn, competition_id: int) -> None:
    await turn.show(await card_screen(turn, competition_id))


@command(denied="competition_staff")
async def on_text(turn: Turn) -> None:
    """The typed times or text; refused, the question stays open. Then the reminders again."""
    competition_id, _ = await _keeper(turn).card().text(turn.tid, turn.text)
    await turn.say("✅ " + turn.tr._("Saved."))
    await turn.say(await _screen(turn, competition_id))


def register(app: App) -> None:
    app.add_handler(on_button.route())
    flow_steps.flow(FLOW, on_text, media_refused)
