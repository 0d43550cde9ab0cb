"""The routes that turn a PTB update into a `Turn` and a refusal into its standard answer
(buttons have their own, in `handlers.buttons`).

A handler is written as `async def f(turn: Turn, ...)` and wrapped by `@command` (commands and
messages) or `@button(Payload)` (inline buttons). The wrapper resolves the reader's translator
once, decodes a button's payload once (in the route's check, which every update passes through
anyway) and turns every refusal into the standard answer in the reader's language: an alert for
a button, a reply for a message. Handlers keep only what is theirs: ask the service, pick the
view.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import Update

from bot.core.callback_data import CallbackDataError
from bot.core.errors import NotAllowed, NotFound, Refusal
from bot.core.screens import Screen
from bot.i18n import Translator
from handlers.common import Context, Turn

TurnFn = Callable[[Turn], Awaitable[None]]


@dataclass(frozen=True)
class Refusals:
    """Which message a refusal gets on this route. A Refusal names its own; `denied` is for
    NotAllowed, `missing` for NotFound (default: `denied`), `stale` for a button whose data
    no longer decodes."""

    denied: str = "staff_only"
    missing: str | None = None
    stale: str = "invalid_button"

    def code_for(self, exc: Exception) -> Refusal:
        if isinstance(exc, Refusal):
            return exc
        if isinstance(exc, NotFound):
            return Refusal(self.missing or self.denied)
        if isinstance(exc, CallbackDataError):
            return Refusal(self.stale)
        return Refusal(self.denied)


REFUSED = (Refusal, NotAllowed, NotFound, CallbackDataError)


OnRefusal = Callable[[Turn, Exception], Awaitable[None]]
"""A route's own answer to a refusal, where the standard one is not enough (a flow that shows
its current question again)."""


class Command:
    """A command or message handler written against a Turn; PTB calls it as (update, context),
    and other handlers can run it inside their own turn with `run`."""

    def __init__(self, fn: TurnFn, how: Refusals, on_refusal: OnRefusal | None) -> None:
        self.fn = fn
        self.how = how
        self.on_refusal = on_refusal
        self.__doc__ = fn.__doc__
        self.__name__ = fn.__name__

    async def __call__(self, update: Update, context: Context) -> None:
        await self.run(await Turn.begin(update, context))

    async def run(self, turn: Turn) -> None:
        try:
            await self.fn(turn)
        except REFUSED as exc:
            if self.on_refusal is not None:
                await self.on_refusal(turn, exc)
            else:
                await turn.refuse(self.how.code_for(exc))


def command(
    denied: str = "staff_only", missing: str | None = None, on_refusal: OnRefusal | None = None
) -> Callable[[TurnFn], Command]:
    def wrap(fn: TurnFn) -> Command:
        return Command(fn, Refusals(denied, missing), on_refusal)

    return wrap


async def begin_staff_flow(
    turn: Turn, begin: Callable[[int], Awaitable[Any]], first: Callable[[Translator, Any], Screen]
) -> None:
    """A staff wizard's first question; anyone else hears the command is for staff."""
    flow = await begin(turn.tid)
    await turn.say(first(turn.tr, flow))
