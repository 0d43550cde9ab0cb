"""Bot API methods that create, change or remove messages, and callback answers."""

from __future__ import annotations

import mimetypes

from bot.emulator.calls import Call, method
from bot.emulator.content import (
    VIDEO_DEFAULTS,
    Formatted,
    Markup,
    format_text,
    image_size,
    parse_markup,
    photo_sizes,
    scaled_size,
)
from bot.emulator.protocol import ApiError, CallbackAnswer, JsonObject, Params, Upload, bad_request
from bot.emulator.state import Chat, FileStore, Msg, StoredFile, now

MAX_UPLOAD = 50 * 1024 * 1024
MAX_ALBUM = 10
ALBUM_KINDS = ("photo", "video", "document")
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"


def text_content(fmt: Formatted, key: str = "text") -> JsonObject:
    content: JsonObject = {key: fmt.text}
    if fmt.entities:
        content["entities" if key == "text" else "caption_entities"] = fmt.entities
    return content


def caption_of(c: Call) -> Formatted | None:
    if c.p.text("caption") is None:
        return None
    return format_text(
        c.p.text("caption"), c.p.text("parse_mode"), c.p.json("caption_entities"), caption=True
    )


def reply_target(c: Call, chat: Chat) -> JsonObject | None:
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
        msg.data["reply_markup"] = {"inline_keyboard": markup.inline}
        msg.buttons = markup.inline
    elif markup.kind == "keyboard":
        chat.reply_keyboard = markup.keyboard
    elif markup.kind == "remove":
        chat.reply_keyboard = None


def bot_message(
    c: Call, chat: Chat, content: JsonObject, html: str | None, reply: JsonObject | None
) -> Msg:
    msg = c.world.add_message(chat, c.world.bot_user(), content, from_bot=True)
    msg.html = html
    if reply:
        msg.data["reply_to_message"] = reply
    return msg


def post(c: Call, chat: Chat, content: JsonObject, html: str | None = None) -> JsonObject:
    """Common tail of every send*: reply, markup, flood check, store, notify."""
    markup = parse_markup(c.p.values.get("reply_markup"))
    reply = reply_target(c, chat)
    c.core.guard.admit(chat.id, new_message=True, paid=c.p.flag("allow_paid_broadcast"))
    msg = bot_message(c, chat, content, html, reply)
    apply_markup(chat, msg, markup)
    c.world.touch(chat, msg)
    return msg.data


@method("sendMessage")
async def send_message(c: Call) -> JsonObject:
    chat = c.target()
    fmt = format_text(c.p.text("text"), c.p.text("parse_mode"), c.p.json("entities"))
    return post(c, chat, text_content(fmt), fmt.html)


def video_meta(p: Params) -> dict[str, int]:
    """Telegram probes an uploaded video; the emulator takes the bot's values or defaults."""
    return {key: p.integer(key) or default for key, default in VIDEO_DEFAULTS.items()}


def store_upload(c: Call, upload: Upload, kind: str, p: Params) -> StoredFile:
    """`p` holds the upload's own parameters (the call's, or one album item's)."""
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
    name = upload.filename or ("video.mp4" if kind == "video" else "file")
    mime = mimetypes.guess_type(name)[0] or upload.content_type or "application/octet-stream"
    if kind == "video":
        mime = mime if mime.startswith("video/") else "video/mp4"
        return files.add("video", upload.data, file_name=name, mime_type=mime, **video_meta(p))
    return files.add("document", upload.data, file_name=name, mime_type=mime)


def store_photo(
    files: FileStore, data: bytes, size: tuple[int, int], reported_size: int | None = None
) -> StoredFile:
    """One stored file per thumbnail size, all sharing the bytes; returns the largest.

    A reported size (a user's "big" photo) is shared out by area, so the thumbnails stay
    small enough for getFile as Telegram's do.
    """
    sizes = photo_sizes(*size)
    stored = [
        files.add(
            "photo",
            data,
            width=w,
            height=h,
            reported_size=scaled_size(reported_size, (w, h), sizes[-1]),
        )
        for w, h in sizes
    ]
    for item in stored:
        item.group = [s.file_id for s in stored]
    return stored[-1]


def media_content(files: FileStore, stored: StoredFile) -> JsonObject:
    """The message field for a stored photo (all its sizes), video or document."""
    if stored.kind == "photo":
        return {"photo": [files.by_id[fid].as_photo_size() for fid in stored.group]}
    if stored.kind == "video":
        return {"video": stored.as_video()}
    return {"document": stored.as_document()}


def resolve_value(c: Call, value: Upload | str, kind: str, p: Params) -> StoredFile:
    """An upload is stored; a string must be the file_id of a file of the same kind."""
    if isinstance(value, Upload):
        return store_upload(c, value, kind, p)
    if value.startswith(("http://", "https://")):
        raise bad_request("failed to get HTTP URL content")
    stored = c.world.files.get(value)
    if stored is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    if stored.kind != kind:
        raise bad_request(f"can't use file of type {stored.kind.title()} as {kind.title()}")
    return stored


def resolve_file(c: Call, kind: str) -> StoredFile:
    value = c.p.file(kind)
    if value is None:
        raise bad_request(f"there is no {kind} in the request")
    return resolve_value(c, value, kind, c.p)


def with_caption(content: JsonObject, cap: Formatted | None) -> JsonObject:
    return {**content, **text_content(cap, "caption")} if cap and cap.text else content


@method("sendDocument")
async def send_document(c: Call) -> JsonObject:
    chat = c.target()
    cap = caption_of(c)
    stored = resolve_file(c, "document")
    content = with_caption({"document": stored.as_document()}, cap)
    return post(c, chat, content, cap.html if cap else None)


@method("sendPhoto")
async def send_photo(c: Call) -> JsonObject:
    chat = c.target()
    cap = caption_of(c)
    stored = resolve_file(c, "photo")
    content = with_caption(media_content(c.world.files, stored), cap)
    return post(c, chat, content, cap.html if cap else None)


@method("sendVideo")
async def send_video(c: Call) -> JsonObject:
    chat = c.target()
    cap = caption_of(c)
    stored = resolve_file(c, "video")
    content = with_caption({"video": stored.as_video()}, cap)
    return post(c, chat, content, cap.html if cap else None)


def album_media(c: Call, item: JsonObject) -> Upload | str:
    """An item's file: a file_id, or attach://<part> naming a part of this request."""
    media = item.get("media")
    if isinstance(media, str) and media.startswith("attach://"):
        media = c.p.uploads.get(media.removeprefix("attach://"))
    if not isinstance(media, Upload | str) or not media:
        raise bad_request("can't parse InputMedia: media not found")
    return media


def album_item(c: Call, item: object) -> tuple[str, Upload | str, Formatted | None, Params]:
    """Checks one InputMedia: (type, file, caption, the item's own parameters)."""
    prefix = "can't parse InputMedia: "
    if not isinstance(item, dict):
        raise bad_request(prefix + "expected an Object")
    kind = item.get("type")
    if not isinstance(kind, str):
        raise bad_request(prefix + 'Field "type" must be of type String')
    if kind == "animation":
        raise bad_request(prefix + 'type "animation" can\'t be used in sendMediaGroup')
    if kind not in ALBUM_KINDS:
        raise bad_request(prefix + f'type "{kind}" is unsupported')
    p = Params(item, c.p.uploads)
    cap = None
    if p.text("caption") is not None:
        cap = format_text(
            p.text("caption"), p.text("parse_mode"), p.json("caption_entities"), caption=True
        )
    return kind, album_media(c, item), cap, p


def album_items(c: Call) -> list[tuple[str, Upload | str, Formatted | None, Params]]:
    """The whole album is checked before anything is sent, with Telegram's error texts."""
    if not c.p.has("media"):
        raise bad_request('parameter "media" is required')
    media = c.p.json("media")
    if not isinstance(media, list):
        raise bad_request("expected an Array of InputMedia")
    if not media:
        raise bad_request("there are no messages to send")
    if len(media) > MAX_ALBUM:
        raise bad_request("too many messages to send as an album")
    items = [album_item(c, item) for item in media]
    kinds = {kind for kind, *_ in items}
    if "document" in kinds and len(kinds) > 1:
        raise bad_request("document can't be mixed with other media types")
    return items


def album_file(c: Call, position: int, kind: str, value: Upload | str, p: Params) -> StoredFile:
    """A file Telegram cannot use fails the album naming the item, as the real API does."""
    try:
        return resolve_value(c, value, kind, p)
    except ApiError as err:
        if err.code != 400:
            raise
        inner = err.description.removeprefix("Bad Request: ")
        inner = inner[:1].upper() + inner[1:]
        raise bad_request(
            f'failed to send message #{position} with the error message "{inner}"'
        ) from None


@method("sendMediaGroup")
async def send_media_group(c: Call) -> list[JsonObject]:
    """2-10 items share one media_group_id; a single item is a plain message, as in Telegram.

    reply_markup is ignored (albums cannot carry one); the reply applies to every item.
    """
    chat = c.target()
    items = album_items(c)
    files = [album_file(c, n, kind, value, p) for n, (kind, value, _, p) in enumerate(items, 1)]
    reply = reply_target(c, chat)
    paid = c.p.flag("allow_paid_broadcast")
    c.core.guard.admit(chat.id, new_message=True, messages=len(items), paid=paid)
    group = {"media_group_id": c.world.new_media_group_id()} if len(items) > 1 else {}
    sent = []
    for (_, _, cap, _), stored in zip(items, files, strict=True):
        content = with_caption({**group, **media_content(c.world.files, stored)}, cap)
        msg = bot_message(c, chat, content, cap.html if cap else None, reply)
        c.world.touch(chat, msg)
        sent.append(msg.data)
    return sent


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


def apply_edit(c: Call, chat: Chat, msg: Msg, new: JsonObject, keys: tuple[str, ...]) -> JsonObject:
    """Replaces `keys` with `new` and the inline keyboard (absent = removed, as Telegram)."""
    markup = inline_markup(c)
    new_markup = {"inline_keyboard": markup.inline} if markup.kind == "inline" else None
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
async def edit_message_text(c: Call) -> JsonObject:
    chat, msg = editable(c)
    if "text" not in msg.data:
        raise bad_request("there is no text in the message to edit")
    fmt = format_text(c.p.text("text"), c.p.text("parse_mode"), c.p.json("entities"))
    result = apply_edit(c, chat, msg, text_content(fmt), ("text", "entities"))
    msg.html = fmt.html
    return result


@method("editMessageCaption")
async def edit_message_caption(c: Call) -> JsonObject:
    chat, msg = editable(c)
    if "text" in msg.data:
        raise bad_request("there is no caption in the message to edit")
    cap = caption_of(c)
    new = with_caption({}, cap)
    result = apply_edit(c, chat, msg, new, ("caption", "caption_entities"))
    msg.html = cap.html if cap else None
    return result


@method("editMessageReplyMarkup")
async def edit_message_reply_markup(c: Call) -> JsonObject:
    chat, msg = editable(c)
    return apply_edit(c, chat, msg, {}, ())


@method("deleteMessage")
async def delete_message(c: Call) -> bool:
    chat = c.world.find_chat(c.chat_id())
    message_id = c.p.integer("message_id", missing="message identifier is not specified")
    msg = c.world.find_message(chat, message_id, "message to delete not found")
    del chat.messages[msg.message_id]
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
    answer: CallbackAnswer = {
        "callback_query_id": query_id,
        "text": text,
        "show_alert": c.p.flag("show_alert"),
        "url": c.p.text("url"),
        "version": c.world.touch(chat),
    }
    chat.callback_answers.append(answer)
    return True
