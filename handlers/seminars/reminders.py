"""A seminar's reminders from its staff card: a tap changes them at once, a list of times or an
own text is typed; the service checks who may and plans them again."""

from __future__ import annotations

from typing import cast

from bot.core.errors import Refusal
from bot.core.reminders import views as reminder_views
from bot.core.screens import Screen
from bot.seminars.callbacks import ReminderAction, SeminarRemindersCb
from bot.seminars.service.reminders import FLOW, SeminarReminders
from bot.seminars.views import text
from handlers import flow_steps
from handlers.buttons import button
from handlers.common import App, Turn
from handlers.reminder_card import on_action
from handlers.routes import command
from handlers.seminars.cards import show_card


def _keeper(turn: Turn) -> SeminarReminders:
    return SeminarReminders(turn.svc.seminars)


def _make(seminar_id: int) -> reminder_views.Make:
    """The views name the actions this payload's Literal lists."""
    return lambda action: SeminarRemindersCb(seminar_id, cast(ReminderAction, action))


async def _screen(turn: Turn, seminar_id: int) -> Screen:
    seminar, settings = await _keeper(turn).settings(turn.tid, seminar_id)
    quiet = turn.svc.config.quiet_hours
    title = text.plain_title(turn.tr, seminar)
    return reminder_views.card(turn.tr, title, settings, "seminar", quiet, _make(seminar_id))


@button(SeminarRemindersCb, denied="seminar_staff", stale="seminar_staff")
async def on_button(turn: Turn, data: SeminarRemindersCb) -> None:
    sid = data.seminar_id
    await on_action(
        turn, _keeper(turn).card(), sid, data.action, "seminar", _make(sid),
        lambda: _screen(turn, sid), lambda: show_card(turn, sid),
    )  # fmt: skip


@command(denied="seminar_staff")
async def on_text(turn: Turn) -> None:
    """The typed times or text; refused, the question stays open. Then the reminders again."""
    seminar_id, _ = await _keeper(turn).card().text(turn.tid, turn.text)
    await turn.say("✅ " + turn.tr._("Saved."))
    await turn.say(await _screen(turn, seminar_id))


@command()
async def on_media(turn: Turn) -> None:
    raise Refusal("media")


def register(app: App) -> None:
    app.add_handler(on_button.route())
    flow_steps.flow(FLOW, on_text, on_media)
