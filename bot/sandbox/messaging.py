"""Bot API methods that create, change or remove messages, and callback answers."""

from __future__ import annotations

import mimetypes

from bot.sandbox.calls import Call, method
from bot.sandbox.content import (
    Formatted,
    Markup,
    format_text,
    image_size,
    parse_markup,
    photo_sizes,
)
from bot.sandbox.protocol import ApiError, Upload, bad_request
from bot.sandbox.state import Chat, Msg, StoredFile, now

MAX_UPLOAD = 50 * 1024 * 1024
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"


def text_content(fmt: Formatted, key: str = "text") -> dict:
    content: dict = {key: fmt.text}
    if fmt.entities:
        content["entities" if key == "text" else "caption_entities"] = fmt.entities
    return content


def caption_of(c: Call) -> Formatted | None:
    if c.p.text("caption") is None:
        return None
    return format_text(
        c.p.text("caption"), c.p.text("parse_mode"), c.p.json("caption_entities"), caption=True
    )


def reply_target(c: Call, chat: Chat) -> dict | None:
    params = c.p.json("reply_parameters") or {}
    message_id = params.get("message_id") or c.p.integer("reply_to_message_id")
    if not message_id:
        return None
    target = chat.messages.get(int(message_id))
    if target is not None:
        data = dict(target.data)
        data.pop("reply_to_message", None)
        return data
    if params.get("allow_sending_without_reply") or c.p.flag("allow_sending_without_reply"):
        return None
    raise bad_request("message to be replied not found")


def apply_markup(chat: Chat, msg: Msg, markup: Markup) -> None:
    msg.data.pop("reply_markup", None)
    msg.buttons = None
    if markup.kind == "inline":
        msg.data["reply_markup"] = {"inline_keyboard": markup.rows}
        msg.buttons = markup.rows
    elif markup.kind == "keyboard":
        chat.reply_keyboard = markup.rows
    elif markup.kind == "remove":
        chat.reply_keyboard = None


def post(c: Call, chat: Chat, content: dict, html: str | None = None) -> dict:
    """Common tail of every send*: reply, markup, flood check, store, notify."""
    markup = parse_markup(c.p.values.get("reply_markup"))
    reply = reply_target(c, chat)
    c.core.guard.admit(chat.id, new_message=True)
    msg = c.world.add_message(chat, c.world.bot_user(), content, from_bot=True)
    msg.html = html
    if reply:
        msg.data["reply_to_message"] = reply
    apply_markup(chat, msg, markup)
    c.world.touch(chat, msg)
    return msg.data


@method("sendMessage")
async def send_message(c: Call) -> dict:
    chat = c.target()
    fmt = format_text(c.p.text("text"), c.p.text("parse_mode"), c.p.json("entities"))
    return post(c, chat, text_content(fmt), fmt.html)


def store_upload(c: Call, upload: Upload, kind: str) -> StoredFile:
    if not upload.data:
        raise bad_request("file must be non-empty")
    if len(upload.data) > MAX_UPLOAD:
        raise ApiError(413, "Request Entity Too Large")
    files = c.world.files
    if kind == "photo":
        size = image_size(upload.data)
        if size is None:
            raise bad_request("IMAGE_PROCESS_FAILED")
        return store_photo(files, upload.data, size)
    name = upload.filename or "file"
    mime = mimetypes.guess_type(name)[0] or upload.content_type or "application/octet-stream"
    return files.add("document", upload.data, file_name=name, mime_type=mime)


def store_photo(files, data: bytes, size: tuple[int, int]) -> StoredFile:
    """One stored file per thumbnail size, all sharing the bytes; returns the largest."""
    stored = [files.add("photo", data, width=w, height=h) for w, h in photo_sizes(*size)]
    for item in stored:
        item.group = [s.file_id for s in stored]
    return stored[-1]


def resolve_file(c: Call, kind: str) -> StoredFile:
    value = c.p.file(kind)
    if value is None:
        raise bad_request(f"there is no {kind} in the request")
    if isinstance(value, Upload):
        return store_upload(c, value, kind)
    if value.startswith(("http://", "https://")):
        raise bad_request("failed to get HTTP URL content")
    stored = c.world.files.get(value)
    if stored is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    if stored.kind != kind:
        raise bad_request(f"can't use file of type {stored.kind.title()} as {kind.title()}")
    return stored


def with_caption(content: dict, cap: Formatted | None) -> dict:
    return {**content, **text_content(cap, "caption")} if cap and cap.text else content


@method("sendDocument")
async def send_document(c: Call) -> dict:
    chat = c.target()
    cap = caption_of(c)
    stored = resolve_file(c, "document")
    content = with_caption({"document": stored.as_document()}, cap)
    return post(c, chat, content, cap.html if cap else None)


@method("sendPhoto")
async def send_photo(c: Call) -> dict:
    chat = c.target()
    cap = caption_of(c)
    stored = resolve_file(c, "photo")
    sizes = [c.world.files.get(fid).as_photo_size() for fid in stored.group]
    content = with_caption({"photo": sizes}, cap)
    return post(c, chat, content, cap.html if cap else None)


def editable(c: Call) -> tuple[Chat, Msg]:
    if c.p.has("inline_message_id") and not c.p.has("chat_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    chat = c.target()
    message_id = c.p.integer("message_id", missing="message identifier is not specified")
    msg = c.world.find_message(chat, message_id, "message to edit not found")
    if not msg.from_bot:
        raise bad_request("message can't be edited")
    return chat, msg


def inline_markup(c: Call) -> Markup:
    markup = parse_markup(c.p.values.get("reply_markup"))
    if markup.kind not in (None, "inline"):
        raise bad_request("inline keyboard expected")
    return markup


def apply_edit(c: Call, chat: Chat, msg: Msg, new: dict, keys: tuple[str, ...]) -> dict:
    """Replaces `keys` with `new` and the inline keyboard (absent = removed, as Telegram)."""
    markup = inline_markup(c)
    new_markup = {"inline_keyboard": markup.rows} if markup.kind == "inline" else None
    same_content = all(msg.data.get(k) == new.get(k) for k in keys)
    if same_content and msg.data.get("reply_markup") == new_markup:
        raise bad_request(NOT_MODIFIED)
    c.core.guard.admit(chat.id, new_message=False)
    for key in keys:
        msg.data.pop(key, None)
    msg.data.update(new)
    apply_markup(chat, msg, markup)
    msg.data["edit_date"] = now()
    msg.edited = True
    c.world.touch(chat, msg)
    return msg.data


@method("editMessageText")
async def edit_message_text(c: Call) -> dict:
    chat, msg = editable(c)
    if "text" not in msg.data:
        raise bad_request("there is no text in the message to edit")
    fmt = format_text(c.p.text("text"), c.p.text("parse_mode"), c.p.json("entities"))
    result = apply_edit(c, chat, msg, text_content(fmt), ("text", "entities"))
    msg.html = fmt.html
    return result


@method("editMessageCaption")
async def edit_message_caption(c: Call) -> dict:
    chat, msg = editable(c)
    if "text" in msg.data:
        raise bad_request("there is no caption in the message to edit")
    cap = caption_of(c)
    new = with_caption({}, cap)
    result = apply_edit(c, chat, msg, new, ("caption", "caption_entities"))
    msg.html = cap.html if cap else None
    return result


@method("editMessageReplyMarkup")
async def edit_message_reply_markup(c: Call) -> dict:
    chat, msg = editable(c)
    return apply_edit(c, chat, msg, {}, ())


@method("deleteMessage")
async def delete_message(c: Call) -> bool:
    chat = c.world.find_chat(c.chat_id())
    message_id = c.p.integer("message_id", missing="message identifier is not specified")
    c.world.find_message(chat, message_id, "message to delete not found")
    del chat.messages[message_id]
    c.world.touch(chat)
    return True


@method("answerCallbackQuery")
async def answer_callback_query(c: Call) -> bool:
    query_id = c.p.text("callback_query_id") or ""
    rec = c.world.callbacks.get(query_id)
    if rec is None or rec.answered:
        raise bad_request(QUERY_TOO_OLD)
    text = c.p.text("text") or None
    if text and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    rec.answered = True
    chat = c.world.chats[rec.chat_id]
    answer = {
        "callback_query_id": query_id,
        "text": text,
        "show_alert": c.p.flag("show_alert"),
        "url": c.p.text("url"),
    }
    answer["version"] = c.world.touch(chat)
    chat.callback_answers.append(answer)
    return True
