"""What simulated users do: write messages, press buttons, block the bot.

Each action becomes an update for the bot exactly as Telegram would build it. The HTTP
routes for these live in clientapi.py; this module is the logic behind them.
"""

from __future__ import annotations

import base64
import binascii
import copy
import mimetypes

from bot.emulator.content import MAX_TEXT, VIDEO_DEFAULTS, command_entities, image_size
from bot.emulator.messaging import ALBUM_KINDS, MAX_ALBUM, media_content, store_photo
from bot.emulator.protocol import (
    ApiError,
    Blocked,
    CallbackSent,
    ChatView,
    JsonObject,
    MessageView,
    Pressed,
    ReplyButton,
    Sent,
)
from bot.emulator.state import Chat, Msg, Person, World, now

CONTENT_KINDS = ("text", "contact", "location", "document", "photo", "video", "sticker")
MAX_USER_FILE = 4 * 1024**3  # Telegram Premium's upload limit; nobody sends more
_WEBP_STUB = (
    b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00"
    b"\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"
)


def client_error(text: str, code: int = 400) -> ApiError:
    return ApiError(code, text)


def user_chat(world: World, user_id: int, spec: JsonObject, *, create: bool) -> Chat:
    """The private chat with the user, or the group given by chat_id/chat_type."""
    try:
        chat_id = int(spec.get("chat_id") or user_id)
    except (TypeError, ValueError):
        raise client_error("chat_id must be an integer") from None
    if chat_id > 0 and chat_id != user_id:
        raise client_error("a user can only write to their own private chat or to a group")
    if not create:
        chat = world.chats.get(chat_id)
        if chat is None:
            raise client_error(f"chat {chat_id} has no messages yet", 404)
        return chat
    if chat_id == user_id:
        return world.open_chat(chat_id, "private")
    chat_type = spec.get("chat_type") or ("supergroup" if chat_id < -(10**12) else "group")
    if chat_type not in ("group", "supergroup"):
        raise client_error("chat_type must be group or supergroup")
    return world.open_chat(chat_id, chat_type, spec.get("chat_title"))


def text_content(text: object) -> JsonObject:
    if not isinstance(text, str) or not text.strip():
        raise client_error("text must be a non-empty string")
    if len(text) > MAX_TEXT:
        raise client_error("text is longer than 4096 characters")
    content: JsonObject = {"text": text}
    entities = command_entities(text)
    if entities:
        content["entities"] = entities
    return content


def own_contact(person: Person) -> JsonObject:
    """Sharing one's own contact (request_contact button): Telegram fills user_id."""
    contact: JsonObject = {
        "phone_number": person.own_phone(),
        "first_name": person.first_name,
        "user_id": person.id,
    }
    if person.last_name:
        contact["last_name"] = person.last_name
    return contact


def contact_content(person: Person, spec: object) -> JsonObject:
    if spec is True:
        return {"contact": own_contact(person)}
    if not isinstance(spec, dict) or not spec.get("phone_number") or not spec.get("first_name"):
        raise client_error("contact needs phone_number and first_name (or pass true)")
    keys = ("phone_number", "first_name", "last_name", "user_id", "vcard")
    return {"contact": {k: spec[k] for k in keys if spec.get(k) is not None}}


def location_content(spec: object) -> JsonObject:
    """A plain shared point: Telegram sends just the two floats (no accuracy, no live period)."""
    if not isinstance(spec, dict):
        raise client_error("location needs latitude and longitude")
    point: dict[str, float] = {}
    for key, bound in (("latitude", 90), ("longitude", 180)):
        value = spec.get(key)
        # bool is an int to Python but not a coordinate; NaN fails the range check
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not -bound <= value <= bound
        ):
            raise client_error(f"location.{key} must be a number in [-{bound}, {bound}]")
        point[key] = float(value)
    return {"location": point}


def decode_b64(spec: object, what: str) -> bytes:
    raw = spec.get("content_b64") if isinstance(spec, dict) else None
    if not isinstance(raw, str):
        raise client_error(f"{what} needs content_b64")
    try:
        data = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        raise client_error(f"{what}.content_b64 is not valid base64") from None
    if not data:
        raise client_error(f"{what} is empty")
    return data


def whole_number(
    spec: JsonObject, key: str, what: str, default: int | None, low: int = 0
) -> int | None:
    """An optional integer field; bools are refused although Python counts them as ints."""
    value = spec.get(key)
    if value is None:
        return default
    if not isinstance(value, int) or isinstance(value, bool) or value < low:
        raise client_error(f"{what}.{key} must be an integer >= {low}")
    return value


def reported_size(spec: JsonObject, what: str) -> int | None:
    """file_size lets a test send a "25 MB" file as a few bytes; Telegram reports it as given."""
    size = whole_number(spec, "file_size", what, None, low=1)
    if size is not None and size > MAX_USER_FILE:
        raise client_error(f"{what}.file_size must be at most {MAX_USER_FILE} (4 GB)")
    return size


def document_content(world: World, spec: JsonObject) -> JsonObject:
    data = decode_b64(spec, "document")
    size = reported_size(spec, "document")
    name = str(spec.get("file_name") or "document.bin")
    mime = spec.get("mime_type") or mimetypes.guess_type(name)[0] or "application/octet-stream"
    stored = world.files.add("document", data, file_name=name, mime_type=mime, reported_size=size)
    return {"document": stored.as_document()}


def photo_content(world: World, spec: JsonObject) -> JsonObject:
    data = decode_b64(spec, "photo")
    size = reported_size(spec, "photo")
    largest = store_photo(world.files, data, image_size(data) or (800, 600), size)
    return media_content(world.files, largest)


def video_content(world: World, spec: JsonObject) -> JsonObject:
    """file_name is absent unless given, as for videos recorded in the app."""
    data = decode_b64(spec, "video")
    size = reported_size(spec, "video")
    meta = {k: whole_number(spec, k, "video", d) for k, d in VIDEO_DEFAULTS.items()}
    name = spec.get("file_name")
    stored = world.files.add(
        "video",
        data,
        file_name=str(name) if name else None,
        mime_type=str(spec.get("mime_type") or "video/mp4"),
        reported_size=size,
        **meta,
    )
    return {"video": stored.as_video()}


def album_id(chat: Chat, body: JsonObject, kind: str) -> str | None:
    """media_group_id as a Telegram app sets it: media only, at most 10, documents apart."""
    group = body.get("media_group_id")
    if group is None:
        return None
    if not isinstance(group, str) or not group:
        raise client_error("media_group_id must be a non-empty string")
    if kind not in ALBUM_KINDS:
        raise client_error("media_group_id is only allowed with photo, video or document")
    members = [m.data for m in chat.messages.values() if m.data.get("media_group_id") == group]
    if len(members) >= MAX_ALBUM:
        raise client_error(f"an album holds at most {MAX_ALBUM} items")
    if any(("document" in m) != (kind == "document") for m in members):
        raise client_error("documents can only be grouped with documents")
    return group


def sticker_content(world: World) -> JsonObject:
    stored = world.files.add("sticker", _WEBP_STUB, width=512, height=512)
    sticker = {
        **stored.as_photo_size(),
        "type": "regular",
        "is_animated": False,
        "is_video": False,
        "emoji": "👍",
    }
    return {"sticker": sticker}


MEDIA_BUILDERS = {"document": document_content, "photo": photo_content, "video": video_content}


def build_content(world: World, chat: Chat, person: Person, body: JsonObject) -> JsonObject:
    kinds = [k for k in CONTENT_KINDS if body.get(k) not in (None, False)]
    if len(kinds) != 1:
        raise client_error("give exactly one of: " + ", ".join(CONTENT_KINDS))
    kind = kinds[0]
    group = album_id(chat, body, kind)
    if kind == "text":
        return text_content(body["text"])
    if kind == "contact":
        return contact_content(person, body["contact"])
    if kind == "location":
        return location_content(body["location"])
    if kind == "sticker":
        return sticker_content(world)
    content = MEDIA_BUILDERS[kind](world, body[kind])
    if group:
        content = {"media_group_id": group, **content}
    caption = body.get("caption")
    if isinstance(caption, str) and caption:
        content["caption"] = caption
        if command_entities(caption):
            content["caption_entities"] = command_entities(caption)
    return content


def user_message(world: World, chat: Chat, person: Person, content: JsonObject) -> Sent:
    if chat.blocked:
        raise client_error("the user has blocked the bot; POST /client/{id}/unblock first", 409)
    msg = world.add_message(chat, person.as_user(), content, from_bot=False)
    update_id = world.updates.push("message", copy.deepcopy(msg.data))
    return {"update_id": update_id, "message_id": msg.message_id, "version": chat.version}


def chat_instance(chat_id: int) -> str:
    return str((chat_id * 2654435761) % 10**19)


def callback(world: World, chat: Chat, person: Person, msg: Msg, data: str) -> CallbackSent:
    query_id = world.new_callback(chat)
    query = {
        "id": query_id,
        "from": person.as_user(),
        "message": copy.deepcopy(msg.data),
        "chat_instance": chat_instance(chat.id),
        "data": data,
    }
    update_id = world.updates.push("callback_query", query)
    return {"update_id": update_id, "callback_query_id": query_id, "version": chat.version}


def find_inline(chat: Chat, label: str, message_id: int | None) -> tuple[Msg, JsonObject] | None:
    """Newest bot message first; the first message that has a button with this label wins."""
    for msg in reversed(chat.bot_messages()):
        if message_id is not None and msg.message_id != message_id:
            continue
        for row in msg.buttons or []:
            for button in row:
                if button["text"] == label:
                    return msg, button
    return None


def find_reply_button(chat: Chat, label: str) -> ReplyButton | None:
    for row in chat.reply_keyboard or []:
        for button in row:
            if button["text"] == label:
                return button
    return None


def known_labels(chat: Chat) -> str:
    inline = [b["text"] for m in chat.bot_messages() for row in m.buttons or [] for b in row]
    reply = [b["text"] for row in chat.reply_keyboard or [] for b in row]
    return f"inline buttons: {inline}; reply keyboard: {reply}"


def press(world: World, chat: Chat, person: Person, body: JsonObject) -> Pressed:
    message_id = body.get("message_id")
    if message_id is not None:
        try:
            message_id = int(message_id)
        except (TypeError, ValueError):
            raise client_error("message_id must be an integer") from None
    if body.get("callback_data") is not None:
        msg = chat.messages.get(message_id) if message_id is not None else None
        if msg is None or not msg.from_bot:
            raise client_error(f"no bot message {message_id} in chat {chat.id}", 404)
        return callback(world, chat, person, msg, str(body["callback_data"]))
    label = body.get("button")
    if not isinstance(label, str) or not label:
        raise client_error("give button (a label) or message_id + callback_data")
    found = find_inline(chat, label, message_id)
    if found:
        msg, button = found
        if "callback_data" in button:
            return callback(world, chat, person, msg, button["callback_data"])
        return {"button": button, "message_id": msg.message_id, "version": chat.version}
    reply = find_reply_button(chat, label) if message_id is None else None
    if reply is None:
        raise client_error(f"no button {label!r}; {known_labels(chat)}", 404)
    content = {"contact": own_contact(person)} if reply["request_contact"] else text_content(label)
    return user_message(world, chat, person, content)


def set_blocked(world: World, user_id: int, blocked: bool) -> Blocked:
    person = world.person(user_id)
    chat = world.open_chat(user_id, "private")
    if chat.blocked == blocked:
        return {"update_id": None, "blocked": blocked}
    chat.blocked = blocked
    old, new = ("member", "kicked") if blocked else ("kicked", "member")
    payload = {
        "chat": chat.as_chat(person),
        "from": person.as_user(),
        "date": now(),
        "old_chat_member": _member(world, old),
        "new_chat_member": _member(world, new),
    }
    return {"update_id": world.updates.push("my_chat_member", payload), "blocked": blocked}


def _member(world: World, status: str) -> JsonObject:
    member: JsonObject = {"user": world.bot_user(), "status": status}
    if status == "kicked":
        member["until_date"] = 0
    return member


def view_message(msg: Msg) -> MessageView:
    data = msg.data
    view: MessageView = {
        "message_id": msg.message_id,
        "date": data["date"],
        "version": msg.version,
        "edited": msg.edited,
        "buttons": [[{"text": b["text"], **b} for b in row] for row in msg.buttons or []],
    }
    if "text" in data:
        view["text"] = data["text"]
    if "caption" in data:
        view["caption"] = data["caption"]
    if msg.html is not None:
        view["html"] = msg.html
    if "document" in data:
        doc = data["document"]
        view["document"] = {
            k: doc.get(k) for k in ("file_id", "file_name", "mime_type", "file_size")
        }
    if "video" in data:
        video = data["video"]
        view["video"] = {
            k: video.get(k) for k in ("file_id", "file_name", "mime_type", "file_size")
        }
    if "photo" in data:
        view["photo"] = {k: data["photo"][-1][k] for k in ("file_id", "width", "height")}
    if "media_group_id" in data:
        view["media_group_id"] = data["media_group_id"]
    if "reply_to_message" in data:
        view["reply_to_message_id"] = data["reply_to_message"]["message_id"]
    return view


def view_chat(chat: Chat | None) -> ChatView:
    if chat is None:
        return {
            "version": 0,
            "messages": [],
            "reply_keyboard": None,
            "callback_answers": [],
            "blocked": False,
        }
    return {
        "version": chat.version,
        "messages": [view_message(m) for m in chat.bot_messages()],
        "reply_keyboard": copy.deepcopy(chat.reply_keyboard),
        "callback_answers": list(chat.callback_answers),
        "blocked": chat.blocked,
    }
