"""What an update says, with PTB's optional fields narrowed in one place.

Telegram's types leave nearly every field optional, since an update can be a message, a button,
a membership change and more. A handler is only routed updates of its own kind, so a missing
field here is a routing mistake, raised as such instead of being checked in every handler.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, TypeVar

from telegram import CallbackQuery, Message, Update, User
from telegram.ext import ContextTypes

Context = ContextTypes.DEFAULT_TYPE
T_co = TypeVar("T_co", covariant=True)


@dataclass
class Incoming:
    update: Update
    context: Context

    @property
    def user(self) -> User:
        """Every update we route comes from a person (channel posts are never routed here)."""
        user = self.update.effective_user
        if user is None:
            raise LookupError("an update without a user reached a handler")
        return user

    @property
    def tid(self) -> int:
        return self.user.id

    @property
    def message(self) -> Message:
        message = self.update.effective_message
        if message is None:
            raise LookupError("an update without a message reached a message handler")
        return message

    @property
    def text(self) -> str:
        return self.message.text or ""

    @property
    def query(self) -> CallbackQuery:
        query = self.update.callback_query
        if query is None:
            raise LookupError("a message reached a button handler")
        return query

    @property
    def args(self) -> list[str]:
        return list(self.context.args or [])

    @property
    def chat_id(self) -> int:
        chat = self.update.effective_chat
        return chat.id if chat is not None else self.tid

    @property
    def tg_name(self) -> str:
        return self.user.full_name


class FileFields(Protocol[T_co]):
    """What each feature keeps of a file: its own class, built from the same six fields."""

    def __call__(
        self,
        kind: str,
        file_id: str,
        file_unique_id: str,
        file_name: str | None,
        mime_type: str | None,
        file_size: int | None,
    ) -> T_co: ...


def file_of(message: Message, make: FileFields[T_co], videos: bool = True) -> T_co | None:
    """The file a message carries (the largest size of a photo), as `make` keeps it; None for
    stickers, voice, animations and such, and for a video when `videos` is False."""
    if message.photo:
        p = message.photo[-1]
        return make("photo", p.file_id, p.file_unique_id, None, "image/jpeg", p.file_size)
    video = message.video if videos else None
    found = video or (message.document if message.animation is None else None)
    if found is None:
        return None
    kind = "video" if video else "document"
    return make(kind, found.file_id, found.file_unique_id, found.file_name, found.mime_type,
                found.file_size)  # fmt: skip
