"""What the page shows about each persona, read from the persona book and the emulator's chats.

The emulator's client API gives only the bot's side of a chat; a chat page must also show what
the person said (their text, shared contact, uploaded files), which the emulator keeps too.
"""

from __future__ import annotations

from bot.config import LANGUAGES
from bot.emulator.protocol import JsonObject
from bot.emulator.state import Chat, Msg, World
from bot.sandbox.personas import MAX_NAME, Persona


class Refused(ValueError):
    """A persona that cannot be created; `key` names the message in bot.sandbox.webchat.strings."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def new_persona_fields(body: object) -> tuple[str, str]:
    """The name and phone language of a new persona, or Refused saying what is wrong."""
    body = body if isinstance(body, dict) else {}
    raw = body.get("name")
    name = " ".join(raw.split()) if isinstance(raw, str) else ""
    if not name:
        raise Refused("empty_name")
    if len(name) > MAX_NAME:
        raise Refused("long_name", max=MAX_NAME)
    lang = body.get("lang")
    if lang not in LANGUAGES:
        raise Refused("bad_lang")
    return name, lang


def persona_view(persona: Persona, world: World) -> JsonObject:
    """`messages` counts the bot's messages, so the page can badge what is new."""
    chat = world.chats.get(persona.id)
    return {
        "id": persona.id,
        "name": persona.name,
        "lang": persona.lang,
        "role": persona.role,
        "place": dict(persona.place),
        "version": chat.version if chat else 0,
        "messages": len(chat.bot_messages()) if chat else 0,
    }


def own_messages(chat: Chat | None) -> list[JsonObject]:
    """The person's side of their private chat, in the shape the page draws."""
    if chat is None:
        return []
    return [_own(m) for m in chat.messages.values() if not m.from_bot]


def _own(msg: Msg) -> JsonObject:
    data = msg.data
    view: JsonObject = {"message_id": msg.message_id, "date": data["date"]}
    for key in ("text", "caption"):
        if key in data:
            view[key] = data[key]
    if "contact" in data:
        view["contact"] = {"phone_number": data["contact"].get("phone_number", "")}
    for kind in ("document", "video"):
        if kind in data:
            view[kind] = {k: data[kind].get(k) for k in ("file_id", "file_name", "file_size")}
    if "photo" in data:
        largest = data["photo"][-1]
        view["photo"] = {k: largest.get(k) for k in ("file_id", "width", "height")}
    if "sticker" in data:
        view["text"] = data["sticker"].get("emoji") or "🙂"
    if "location" in data:
        view["text"] = "📍 {latitude}, {longitude}".format(**data["location"])
    return view
