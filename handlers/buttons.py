"""Inline buttons: a route per payload type that decodes the payload once and hands it to the
handler, and the fallback for buttons no route takes (see `handlers.routes` for refusals)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar, cast

from telegram import Update
from telegram.ext import Application, BaseHandler

from bot.core.callback_data import CallbackData, CallbackDataError
from bot.core.errors import Refusal
from handlers.common import Context, Turn
from handlers.routes import REFUSED, OnRefusal, Refusals

P = TypeVar("P", bound=CallbackData)
ButtonFn = Callable[[Turn, P], Awaitable[None]]


class Button(Generic[P]):
    """An inline button's handler: gets the decoded payload; `route()` registers it."""

    def __init__(
        self, payload: type[P], fn: ButtonFn[P], how: Refusals, on_refusal: OnRefusal | None
    ) -> None:
        self.payload = payload
        self.fn = fn
        self.how = how
        self.on_refusal = on_refusal
        self.__doc__ = fn.__doc__

    def route(self, **where: object) -> ButtonRoute[P]:
        return ButtonRoute(self, where)

    async def run(self, turn: Turn, data: P) -> None:
        try:
            await self.fn(turn, data)
        except REFUSED as exc:
            await self.refuse(turn, exc)
        await turn.answer()

    async def refuse(self, turn: Turn, exc: Exception) -> None:
        if self.on_refusal is not None:
            await self.on_refusal(turn, exc)
        else:
            await turn.refuse(self.how.code_for(exc))


def button(
    payload: type[P],
    denied: str = "forbidden",
    missing: str | None = None,
    stale: str = "invalid_button",
    on_refusal: OnRefusal | None = None,
) -> Callable[[ButtonFn[P]], Button[P]]:
    def wrap(fn: ButtonFn[P]) -> Button[P]:
        return Button(payload, fn, Refusals(denied, missing, stale), on_refusal)

    return wrap


class _Malformed:
    """A button of this route whose data does not decode (forged, or from an old version)."""


MALFORMED = _Malformed()


class ButtonRoute(BaseHandler[Update, Any, None], Generic[P]):
    """Routes by the payload's prefix and decodes it once. With `where`, only payloads whose
    fields match are taken; without it, a malformed payload of this prefix is ours to refuse
    (with `where`, it is left to the general "no longer valid" fallback)."""

    def __init__(self, target: Button[P], where: dict[str, object]) -> None:
        super().__init__(self._handle)
        self.target = target
        self.where = where

    def check_update(self, update: object) -> P | _Malformed | None:
        if not isinstance(update, Update) or update.callback_query is None:
            return None
        raw = update.callback_query.data
        if not self.target.payload.matches(raw):
            return None
        try:
            found = self.target.payload.unpack(raw)
        except CallbackDataError:
            return None if self.where else MALFORMED
        for name, wanted in self.where.items():
            allowed = wanted if isinstance(wanted, set | frozenset) else {wanted}
            if getattr(found, name) not in allowed:
                return None
        return found

    async def handle_update(
        self,
        update: Update,
        application: Application[Any, Any, Any, Any, Any, Any],
        check_result: object,
        context: Any,
    ) -> None:
        turn = await Turn.begin(update, context)
        if isinstance(check_result, _Malformed):
            await self.target.refuse(turn, CallbackDataError("malformed"))
            await turn.answer()
            return
        await self.target.run(turn, cast(P, check_result))

    async def _handle(self, update: Update, context: Context) -> None:
        """Never called: handle_update passes the decoded payload instead."""


class _AnyButton(BaseHandler[Update, Any, None]):
    """Buttons nothing else took: from older versions of the bot, or data nobody should send."""

    def __init__(self, answer: Refusal) -> None:
        super().__init__(self._handle)
        self.refusal = answer

    def check_update(self, update: object) -> bool:
        return isinstance(update, Update) and update.callback_query is not None

    async def _handle(self, update: Update, context: Context) -> None:
        turn = await Turn.begin(update, context)
        await turn.refuse(self.refusal)


def button_fallback(answer: Refusal) -> BaseHandler[Update, Any, None]:
    return _AnyButton(answer)
