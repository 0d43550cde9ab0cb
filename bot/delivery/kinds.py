"""What the dispatcher asks a feature about its rows: is this row still worth sending, and what
does it say. Each feature registers its outbox kinds here; the dispatcher knows no feature.

An outbox row carries a template name and plain parameters, never text, so a message queued
today reads right in whichever language its recipient has chosen by the time it goes out, and
shows the seminar or competition as it is then.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

from telegram import InlineKeyboardMarkup, InputFile, ReplyKeyboardMarkup

from bot.delivery.outbox import OutboxRow
from bot.i18n import Translator

T = TypeVar("T")


@dataclass(frozen=True)
class Rendered:
    """A message ready to send: a text (a caption when there is a photo or document)."""

    text: str
    markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | None = None
    """Inline buttons, or the home menu on the pushes that change what someone may do."""
    photo: str | None = None
    document: str | InputFile | None = None
    edit: int | None = None
    """A message id in the recipient's chat: that message is edited to this text instead of a
    new one being sent (an approval card whose person erased their data)."""


@dataclass(frozen=True)
class Drop:
    """The row no longer applies (a reminder for a cancelled seminar); `reason` is recorded."""

    reason: str = "no longer applies"


class PushKind(Protocol, Generic[T]):
    async def prepare(self, row: OutboxRow, now: datetime) -> T | Drop:
        """What the row's template shows, read as it is now; Drop when it no longer applies."""
        ...

    def render(self, row: OutboxRow, tr: Translator, prepared: T) -> Rendered: ...


class Kinds:
    """The registry: one PushKind per outbox `kind`."""

    def __init__(self) -> None:
        self._kinds: dict[str, PushKind[Any]] = {}

    def register(self, names: Iterable[str], kind: PushKind[Any]) -> None:
        for name in names:
            if name in self._kinds:
                raise ValueError(f"outbox kind {name!r} registered twice")
            self._kinds[name] = kind

    def __getitem__(self, name: str) -> PushKind[Any]:
        return self._kinds[name]
