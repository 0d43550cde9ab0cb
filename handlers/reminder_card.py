"""What a tap on an event's reminder screen does, the same for a seminar and a competition:
Back leaves it, a typed step asks its question, a tap changes the settings at once. Each
feature's handler supplies its own screens and callback payloads."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.core.reminders import views as reminder_views
from bot.core.reminders.card import TAPS, TYPED, ReminderCard
from bot.core.reminders.settings import Event
from bot.core.screens import Screen
from handlers.common import Turn

Shown = Callable[[], Awaitable[Screen]]


async def on_action(
    turn: Turn,
    card: ReminderCard,
    event_id: int,
    action: str,
    kind: Event,
    make: reminder_views.Make,
    screen: Shown,
    back: Callable[[], Awaitable[object]],
) -> None:
    """`screen` draws the reminder screen again; `back` shows the event's card."""
    tid = turn.tid
    if action == "back":
        await card.show(tid, event_id)
        await turn.answer()
        await back()
        return
    if action in TYPED:
        await card.ask(tid, event_id, action)
        await turn.answer()
        if action == "times":
            await turn.show(reminder_views.ask_times(turn.tr, kind, make))
        else:
            await turn.show(reminder_views.ask_text(turn.tr, action[-2:], kind, make))
        return
    if action in TAPS:
        await card.tap(tid, event_id, action)
    else:
        await card.show(tid, event_id)
    await turn.answer()
    await turn.show(await screen())
