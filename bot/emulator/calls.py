"""The Bot API method registry and the per-call context handed to each method."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from bot.emulator.core import Core
from bot.emulator.protocol import Params, bad_request
from bot.emulator.state import Chat, World


@dataclass
class Call:
    core: Core
    p: Params
    method: str

    @property
    def world(self) -> World:
        return self.core.world

    def chat_id(self) -> int:
        raw = self.p.text("chat_id")
        if not raw:
            raise bad_request("chat_id is empty")
        try:
            return int(raw)
        except ValueError:
            raise bad_request("chat not found") from None

    def target(self) -> Chat:
        """The chat a send/edit goes to: it must exist and must not have blocked the bot."""
        chat = self.world.find_chat(self.chat_id())
        self.world.check_forbidden(chat)
        return chat


Handler = Callable[[Call], Awaitable[object]]
HandlerT = TypeVar("HandlerT", bound=Handler)
# lower-cased name -> (canonical name, handler); Telegram matches method names case-insensitively.
METHODS: dict[str, tuple[str, Handler]] = {}


def method(name: str) -> Callable[[HandlerT], HandlerT]:
    def register(fn: HandlerT) -> HandlerT:
        METHODS[name.lower()] = (name, fn)
        return fn

    return register
