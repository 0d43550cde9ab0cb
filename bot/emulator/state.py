"""The emulated Telegram world: people, chats, messages, files and the bot's update queue.

Everything lives in one event loop, so there are no locks: mutations are synchronous and
waiters (long polls, webhook delivery) are woken through Pulse after the fact.

One emulator serves one bot. Any well-formed token is accepted; the bot id reported in
messages is the numeric part of the most recent token used.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import mimetypes
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Any, TypedDict

from bot.emulator.protocol import (
    ApiError,
    CallbackAnswer,
    JsonObject,
    Profile,
    ReplyButton,
    bad_request,
)

# Telegram's default when allowed_updates was never given (or given as []).
DEFAULT_UPDATE_TYPES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_join_request",
    }
)


def now() -> int:
    return int(time.time())


class Pulse:
    """Wakes every current waiter at once; waiters re-check their own condition."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, seconds: float) -> None:
        event = self._event
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), max(seconds, 0))


@dataclass
class Person:
    id: int
    first_name: str = "Test"
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    phone_number: str | None = None

    def update(self, profile: Profile | None) -> None:
        for key in ("first_name", "last_name", "username", "language_code", "phone_number"):
            value = profile.get(key) if profile else None
            if value is not None:
                setattr(self, key, str(value))

    def as_user(self) -> JsonObject:
        user: JsonObject = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key):
                user[key] = getattr(self, key)
        return user

    def own_phone(self) -> str:
        return self.phone_number or f"+99670{self.id % 10**7:07d}"


@dataclass
class Msg:
    """A message as Telegram last showed it (`data`), plus what the phones need."""

    data: JsonObject
    from_bot: bool
    html: str | None = None
    buttons: list[list[JsonObject]] | None = None
    version: int = 0
    edited: bool = False

    @property
    def message_id(self) -> int:
        message_id: int = self.data["message_id"]
        return message_id


@dataclass
class Chat:
    id: int
    type: str
    title: str | None = None
    messages: dict[int, Msg] = field(default_factory=dict)
    next_message_id: int = 1
    version: int = 0
    reply_keyboard: list[list[ReplyButton]] | None = None
    callback_answers: list[CallbackAnswer] = field(default_factory=list)
    blocked: bool = False

    def as_chat(self, owner: Person | None) -> JsonObject:
        if self.type == "private" and owner is not None:
            chat: JsonObject = {"id": self.id, "type": "private"}
            chat.update({k: v for k, v in owner.as_user().items() if k in _CHAT_USER_KEYS})
            return chat
        return {"id": self.id, "type": self.type, "title": self.title or f"Chat {self.id}"}

    def bot_messages(self) -> list[Msg]:
        return [m for m in self.messages.values() if m.from_bot]


_CHAT_USER_KEYS = ("first_name", "last_name", "username")


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    kind: str  # document | photo | video | sticker
    data: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None
    width: int | None = None
    height: int | None = None
    duration: int | None = None
    reported_size: int | None = None  # a test's "25 MB" file, stored as a few bytes
    group: list[str] = field(default_factory=list)  # all sizes of one photo

    @property
    def size(self) -> int:
        """What Telegram reports (file_size, getFile's 20 MB check); data stays small."""
        return self.reported_size if self.reported_size is not None else len(self.data)

    def as_document(self) -> JsonObject:
        doc: JsonObject = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
        }
        if self.file_name:
            doc["file_name"] = self.file_name
        if self.mime_type:
            doc["mime_type"] = self.mime_type
        return doc

    def as_photo_size(self) -> JsonObject:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
            "width": self.width,
            "height": self.height,
        }

    def as_video(self) -> JsonObject:
        """Bot API Video: width, height and duration are required, the rest optional."""
        return {
            **self.as_document(),
            "width": self.width,
            "height": self.height,
            "duration": self.duration,
        }


_FILE_ID_PREFIX = {
    "document": "BQACAgIAAxkBAAI",
    "photo": "AgACAgIAAxkBAAI",
    "sticker": "CAACAgIAAxkBAAI",
    "video": "BAACAgIAAxkBAAI",
}
_FILE_DIR = {"document": "documents", "photo": "photos", "sticker": "stickers", "video": "videos"}


class FileStore:
    def __init__(self) -> None:
        self.by_id: dict[str, StoredFile] = {}
        self.by_path: dict[str, StoredFile] = {}
        self._seq = itertools.count(1)

    def add(self, kind: str, data: bytes, **meta: Any) -> StoredFile:
        n = next(self._seq)
        name = meta.get("file_name")
        ext = _extension(kind, name, meta.get("mime_type"))
        stored = StoredFile(
            file_id=f"{_FILE_ID_PREFIX[kind]}{n:05d}{secrets.token_urlsafe(12)}",
            file_unique_id=f"AgAD{n:05d}{secrets.token_hex(3)}",
            kind=kind,
            data=data,
            file_path=f"{_FILE_DIR[kind]}/file_{n}{ext}",
            **meta,
        )
        self.by_id[stored.file_id] = stored
        self.by_path[stored.file_path] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        return self.by_id.get(file_id)


def _extension(kind: str, name: str | None, mime: str | None) -> str:
    """From the name's last part only: people send names like "PRN" or "../../x"."""
    base = re.split(r"[/\\]", name or "")[-1]
    suffix = re.sub(r"[^A-Za-z0-9]", "", base.rsplit(".", 1)[1])[:10] if "." in base else ""
    if suffix:
        return "." + suffix
    if kind == "photo":
        return ".jpg"
    if kind == "sticker":
        return ".webp"
    if kind == "video":
        return (mimetypes.guess_extension(mime) if mime else None) or ".mp4"
    return (mimetypes.guess_extension(mime) if mime else None) or ""


RECENT = 10_000


class UpdateLog:
    """The bot's pending updates, consumed by getUpdates or the webhook pusher."""

    def __init__(self) -> None:
        self.pending: list[JsonObject] = []
        self.next_id = 1
        self.allowed: frozenset[str] = DEFAULT_UPDATE_TYPES
        self.pulse = Pulse()
        self.poller_generation = 0
        self.recent: dict[int, JsonObject] = {}
        """The last RECENT updates queued, so a test can have one delivered again."""

    def push(self, kind: str, payload: JsonObject) -> int:
        update_id = self.next_id
        self.next_id += 1
        update = {"update_id": update_id, kind: payload}
        self.pending.append(update)
        self.recent[update_id] = update
        if len(self.recent) > RECENT:
            del self.recent[next(iter(self.recent))]
        self.pulse.fire()
        return update_id

    def redeliver(self, update_id: int) -> None:
        """Queue an update again, as Telegram does when a webhook call failed or polling never
        confirmed it: same id, same content."""
        update = self.recent.get(update_id)
        if update is None:
            raise KeyError(update_id)
        self.pending.append(dict(update))
        self.pulse.fire()

    def set_allowed(self, kinds: list[str] | None) -> None:
        if kinds is not None:
            self.allowed = frozenset(kinds) if kinds else DEFAULT_UPDATE_TYPES

    def confirm(self, offset: int) -> None:
        """Positive offset confirms older ids; negative keeps only the last -offset."""
        if offset > 0:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
        elif offset < 0:
            self.pending = self.pending[offset:]

    def peek(self, limit: int) -> list[JsonObject]:
        """Drops updates of types the bot did not ask for, as Telegram does."""
        self.pending = [u for u in self.pending if _kind(u) in self.allowed]
        return self.pending[:limit]

    def clear(self) -> None:
        self.pending.clear()


def _kind(update: JsonObject) -> str:
    return next(k for k in update if k != "update_id")


class BotCommand(TypedDict):
    command: str
    description: str


class CommandSet(TypedDict):
    """One setMyCommands call, kept per (scope, language) as Telegram does."""

    scope: JsonObject
    language_code: str
    commands: list[BotCommand]


@dataclass
class CallbackRec:
    chat_id: int
    answered: bool = False


class World:
    def __init__(self, bot_username: str) -> None:
        self.bot_username = bot_username
        self.bot_id = 1000000001
        self.people: dict[int, Person] = {}
        self.chats: dict[int, Chat] = {}
        self.files = FileStore()
        self.updates = UpdateLog()
        self.callbacks: dict[str, CallbackRec] = {}
        self.commands: dict[tuple[str, str], CommandSet] = {}
        self.settings: dict[tuple[str, str], object] = {}
        self._chat_pulses: dict[int, Pulse] = {}
        self.closing = False
        self._callback_seq = itertools.count(1)
        self._album_seq = itertools.count(1)

    def bot_user(self) -> JsonObject:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Munibot",
            "username": self.bot_username,
        }

    def person(self, user_id: int, profile: Profile | None = None) -> Person:
        person = self.people.setdefault(user_id, Person(user_id))
        person.update(profile)
        return person

    def open_chat(self, chat_id: int, chat_type: str = "private", title: str | None = None) -> Chat:
        chat = self.chats.get(chat_id)
        if chat is None:
            chat = self.chats[chat_id] = Chat(chat_id, chat_type, title)
        elif title:
            chat.title = title
        return chat

    def find_chat(self, chat_id: int) -> Chat:
        chat = self.chats.get(chat_id)
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def find_message(self, chat: Chat, message_id: int | None, missing: str) -> Msg:
        msg = chat.messages.get(message_id) if message_id is not None else None
        if msg is None:
            raise bad_request(missing)
        return msg

    def add_message(
        self, chat: Chat, sender: JsonObject, content: JsonObject, from_bot: bool
    ) -> Msg:
        owner = self.people.get(chat.id) if chat.type == "private" else None
        data = {
            "message_id": chat.next_message_id,
            "from": sender,
            "chat": chat.as_chat(owner),
            "date": now(),
            **content,
        }
        chat.next_message_id += 1
        msg = Msg(data, from_bot)
        chat.messages[msg.message_id] = msg
        return msg

    def touch(self, chat: Chat, msg: Msg | None = None) -> int:
        """Records a bot-side change in a chat so the phones' long polls wake up."""
        chat.version += 1
        if msg is not None:
            msg.version = chat.version
        self.chat_pulse(chat.id).fire()
        return chat.version

    def chat_pulse(self, chat_id: int) -> Pulse:
        """One per chat: with hundreds of phones long-polling, waking all of them on every
        change cost the emulator a third of its time."""
        pulse = self._chat_pulses.get(chat_id)
        if pulse is None:
            pulse = self._chat_pulses[chat_id] = Pulse()
        return pulse

    def new_callback(self, chat: Chat) -> str:
        query_id = str(4_000_000_000_000_000 + next(self._callback_seq) * 7919)
        self.callbacks[query_id] = CallbackRec(chat.id)
        return query_id

    def new_media_group_id(self) -> str:
        """Telegram's album ids are opaque decimal strings of 17-19 digits."""
        return str(13_000_000_000_000_000 + next(self._album_seq) * 104729)

    def check_forbidden(self, chat: Chat) -> None:
        if chat.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")

    def wake_all(self) -> None:
        for pulse in self._chat_pulses.values():
            pulse.fire()
        self.updates.pulse.fire()
