"""End-to-end tests of the Telegram Bot API emulator, driven by real PTB over real HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import os
import signal
import socket
import struct
import sys
import time
import zlib
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaDocument,
    InputMediaPhoto,
    InputMediaVideo,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Conflict, Forbidden, RetryAfter
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.emulator.client import Phone, PhoneError
from bot.emulator.emulator import Emulator

TOKEN = "123456:TEST-token_abc"
ROOT = Path(__file__).resolve().parents[1]


def tiny_png(width: int = 4, height: int = 3) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
async def emu():
    async with Emulator() as emulator:
        yield emulator


@pytest.fixture
async def session():
    async with aiohttp.ClientSession() as http:
        yield http


@pytest.fixture
async def phones(emu, session):
    """Factory: phones sharing one HTTP session, all pointed at `emu`."""

    def make(user_id: int, **kw) -> Phone:
        return Phone(emu.url, user_id, session=session, **kw)

    return make


@pytest.fixture
async def bot(emu):
    async with Bot(TOKEN, base_url=emu.api_base, base_file_url=emu.file_base) as tg_bot:
        yield tg_bot


async def call(session, emu, method, token=TOKEN, **params):
    """A raw Bot API call with a JSON body; returns (status, body)."""
    async with session.post(f"{emu.api_base}{token}/{method}", json=params) as resp:
        return resp.status, await resp.json()


# ---------------------------------------------------------------- a small PTB bot


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Yes", callback_data="yes")],
            [InlineKeyboardButton("Site", url="https://example.org")],
        ]
    )
    args = " ".join(context.args)
    name = update.effective_user.first_name
    await update.message.reply_text(
        f"Hello <b>{name}</b> &lt;{args}&gt;", parse_mode=ParseMode.HTML, reply_markup=keyboard
    )


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_text(f"echo: {update.message.text}")


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    await query.answer(f"got {query.data}")
    await query.edit_message_text(f"pressed {query.data} on: {query.message.text}")


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    doc = update.message.document
    file = await context.bot.get_file(doc.file_id)
    data = await file.download_as_bytearray()
    await update.message.reply_text(f"{doc.file_name} {doc.mime_type}: {data.decode()}")


async def on_contact(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    contact = update.message.contact
    own = contact.user_id == update.effective_user.id
    await update.message.reply_text(
        f"contact {contact.phone_number} own={own}", reply_markup=ReplyKeyboardRemove()
    )


async def keyboard(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    markup = ReplyKeyboardMarkup(
        [[KeyboardButton("Share phone", request_contact=True)], [KeyboardButton("Menu")]]
    )
    await update.message.reply_text("choose", reply_markup=markup)


async def send_report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await context.bot.send_document(
        update.effective_chat.id,
        b"report body",
        filename="report.txt",
        caption="<i>r</i>",
        parse_mode=ParseMode.HTML,
    )


@contextlib.asynccontextmanager
async def running_app(emu, *handlers):
    """A real Application polling the emulator; yields the list of handler errors."""
    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(emu.api_base)
        .base_file_url(emu.file_base)
        .build()
    )
    errors: list[BaseException] = []

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        errors.append(context.error)

    for handler in handlers:
        app.add_handler(handler)
    app.add_error_handler(on_error)
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=1, allowed_updates=Update.ALL_TYPES)
    try:
        yield errors
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


DEMO_HANDLERS = (
    CommandHandler("start", start),
    CommandHandler("kb", keyboard),
    CommandHandler("report", send_report),
    CallbackQueryHandler(on_button),
    MessageHandler(filters.Document.ALL, on_document),
    MessageHandler(filters.CONTACT, on_contact),
    MessageHandler(filters.TEXT & ~filters.COMMAND, echo),
)


# ---------------------------------------------------------------- polling end to end


async def test_polling_start_press_and_echo(emu, phones):
    phone = phones(501, first_name="Ann")
    async with running_app(emu, *DEMO_HANDLERS) as errors:
        reply = await phone.send_and_wait("/start promo42")
        assert reply["text"] == "Hello Ann <promo42>"
        assert reply["html"] == "Hello <b>Ann</b> &lt;promo42&gt;"
        assert reply["buttons"][0] == [{"text": "Yes", "callback_data": "yes"}]
        assert reply["buttons"][1] == [{"text": "Site", "url": "https://example.org"}]
        assert (await phone.press("Site"))["button"]["url"] == "https://example.org"

        edited = await phone.press_and_wait("Yes")
        assert edited["message_id"] == reply["message_id"]
        assert edited["edited"] and edited["text"] == "pressed yes on: Hello Ann <promo42>"
        assert edited["buttons"] == []  # editMessageText without reply_markup drops it
        answer = await phone.last_callback_answer()
        assert answer["text"] == "got yes" and answer["show_alert"] is False

        forged = await phone.press(message_id=reply["message_id"], callback_data="admin:1")
        assert forged["callback_query_id"]
        edited = await phone.wait_reply()
        assert edited["text"].startswith("pressed admin:1 on: pressed yes")

        echoed = await phone.send_and_wait("привет")
        assert echoed["text"] == "echo: привет"
        assert echoed["message_id"] == reply["message_id"] + 2  # ids shared with user msgs
        with pytest.raises(PhoneError, match="no button 'Nope'; inline buttons: \\[\\]"):
            await phone.press("Nope")
    assert errors == []


async def test_command_with_bot_username(emu, phones):
    phone = phones(502)
    async with running_app(emu, *DEMO_HANDLERS) as errors:
        reply = await phone.send_and_wait("/start@munibot_test x")
        assert reply["text"].endswith("<x>")
        await phone.send("/start@other_bot")  # not for us: ignored by CommandHandler
        await phone.send("plain")
        follow = await phone.wait_reply()
        assert follow["text"] == "echo: plain"
    assert errors == []


async def test_documents_both_ways(emu, phones):
    phone = phones(503)
    async with running_app(emu, *DEMO_HANDLERS) as errors:
        got = await phone.send_and_wait(document=("notes.txt", b"hello file"))
        assert got["text"] == "notes.txt text/plain: hello file"

        report = await phone.send_and_wait("/report")
        assert report["caption"] == "r" and report["html"] == "<i>r</i>"
        assert report["document"]["file_name"] == "report.txt"
        assert report["document"]["file_size"] == len(b"report body")
        assert await phone.download(report["document"]["file_id"]) == b"report body"
    assert errors == []


async def test_bot_file_roundtrip_and_photo(bot, phones):
    phone = phones(504)
    await phone.send("hi")
    sent = await bot.send_document(504, b"\x00\x01binary", filename="data.bin")
    file = await bot.get_file(sent.document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"\x00\x01binary"

    again = await bot.send_document(504, sent.document.file_id)  # by file_id
    assert again.document.file_id == sent.document.file_id
    with pytest.raises(BadRequest, match="Failed to get http url content"):
        await bot.send_document(504, "https://example.org/x.pdf")

    photo = await bot.send_photo(504, tiny_png(1000, 500), caption="pic")
    assert [(p.width, p.height) for p in photo.photo] == [
        (90, 45),
        (320, 160),
        (800, 400),
        (1000, 500),
    ]
    with pytest.raises(BadRequest, match="Image_process_failed"):
        await bot.send_photo(504, b"not an image")
    with pytest.raises(BadRequest, match="(?i)can't use file of type photo as document"):
        await bot.send_document(504, photo.photo[-1].file_id)
    view = (await phone.messages())[-1]
    assert view["photo"]["width"] == 1000 and view["caption"] == "pic"

    await phone.send(photo=tiny_png(), caption="mine")
    await phone.send(sticker=True)
    updates = await bot.get_updates(timeout=0)
    photo_msg, sticker_msg = updates[-2].message, updates[-1].message
    assert photo_msg.photo[-1].width == 4 and photo_msg.caption == "mine"
    assert sticker_msg.sticker.width == 512


async def test_reply_keyboard_and_contact(emu, phones):
    phone = phones(505, phone_number="+996700111222")
    async with running_app(emu, *DEMO_HANDLERS) as errors:
        await phone.send_and_wait("/kb")
        state = await phone.state()
        assert state["reply_keyboard"] == [
            [{"text": "Share phone", "request_contact": True}],
            [{"text": "Menu", "request_contact": False}],
        ]
        menu = await phone.press_and_wait("Menu")
        assert menu["text"] == "echo: Menu"
        shared = await phone.press_and_wait("Share phone")
        assert shared["text"] == "contact +996700111222 own=True"
        assert (await phone.state())["reply_keyboard"] is None

        other = await phone.send_and_wait(contact={"phone_number": "+1555", "first_name": "B"})
        assert other["text"] == "contact +1555 own=False"
    assert errors == []


async def test_made_up_phone_for_own_contact(bot, phones):
    phone = phones(1234567)
    await phone.send(contact=True)
    (update,) = await bot.get_updates(timeout=0)
    assert update.message.contact.phone_number == "+996701234567"
    assert update.message.contact.user_id == 1234567


async def test_location_reaches_the_bot(bot, emu, session, phones):
    phone = phones(518)
    sent = await phone.send(location=(42.87, 74.59))
    await phone.send(location={"latitude": -90, "longitude": 180})
    _, body = await call(session, emu, "getUpdates")
    first, second = (u["message"] for u in body["result"])
    assert first["location"] == {"latitude": 42.87, "longitude": 74.59} and "text" not in first
    assert second["location"] == {"latitude": -90.0, "longitude": 180.0}
    (update, _) = await bot.get_updates(timeout=0)
    assert (update.message.location.latitude, update.message.location.longitude) == (42.87, 74.59)
    reply = await bot.send_message(518, "got it", reply_to_message_id=sent["message_id"])
    assert reply.reply_to_message.location.longitude == 74.59  # stored like other user msgs


async def test_bad_location_is_refused(phones):
    phone = phones(519)
    bad = [(90.5, 0), (0, -180.01), ("42", 74), (True, 0), (float("nan"), 0), {"latitude": 1}]
    for location in bad:
        with pytest.raises(PhoneError, match=r"location\.(latitude|longitude) must be") as info:
            await phone.send(location=location)
        assert info.value.status == 400
    with pytest.raises(PhoneError, match="exactly one of"):
        await phone.send("hi", location=(1, 2))


# ---------------------------------------------------------------- video, albums, big files

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
MB = 1024 * 1024


async def pending_messages(session, emu) -> list[dict]:
    _, body = await call(session, emu, "getUpdates")
    return [u["message"] for u in body["result"] if "message" in u]


async def test_file_names_without_an_extension_or_with_a_path(bot, session, emu, phones):
    """Names as people send them: no dot at all, a path, a Windows device name."""
    phone = phones(519)
    names = ["PRN", "../../x", "CON.txt", "a.", "..\\..\\boot.ini"]
    for name in names:
        await phone.send(document=(name, b"x"))
    messages = await pending_messages(session, emu)
    assert [m["document"]["file_name"] for m in messages] == names
    paths = [(await bot.get_file(m["document"]["file_id"])).file_path for m in messages]
    suffixes = [p.rsplit("/", 1)[1].partition(".")[2] for p in paths]
    assert suffixes == ["bin", "bin", "txt", "bin", "ini"], paths  # octet-stream: .bin


async def test_user_video_arrives_with_telegram_fields(bot, emu, session, phones):
    phone = phones(520)
    await phone.send(video=("entry.mp4", MP4), caption="my entry /start")
    spec = {
        "content": MP4,
        "duration": 42,
        "width": 1920,
        "height": 1080,
        "mime_type": "video/quicktime",
    }
    await phone.send(video=spec)
    first, second = await pending_messages(session, emu)
    video = first["video"]
    assert video["file_id"].startswith("BAACAgIAAxkBAAI") and video["file_unique_id"]
    assert {k: video[k] for k in ("file_name", "mime_type", "file_size")} == {
        "file_name": "entry.mp4",
        "mime_type": "video/mp4",
        "file_size": len(MP4),
    }
    assert (video["width"], video["height"], video["duration"]) == (1280, 720, 10)
    assert first["caption"] == "my entry /start"
    assert first["caption_entities"] == [{"type": "bot_command", "offset": 9, "length": 6}]
    assert "file_name" not in second["video"] and second["video"]["mime_type"] == "video/quicktime"
    assert (second["video"]["width"], second["video"]["duration"]) == (1920, 42)

    updates = await bot.get_updates(timeout=0)  # PTB parses it as a real Video
    got = updates[0].message.video
    assert (got.file_name, got.width, got.height) == ("entry.mp4", 1280, 720)
    file = await bot.get_file(got.file_id)
    assert file.file_path.endswith("/videos/file_1.mp4")  # PTB prefixes the file URL
    assert bytes(await file.download_as_bytearray()) == MP4
    assert await phone.download(got.file_id) == MP4
    for bad in ({"content": MP4, "duration": -1}, {"content": MP4, "width": True}):
        with pytest.raises(PhoneError, match=r"video\.(duration|width) must be an integer"):
            await phone.send(video=bad)


async def test_album_from_user_is_one_update_per_item(emu, session, phones):
    phone = phones(521)
    results = await phone.send_album(
        [{"photo": tiny_png()}, {"video": ("clip.mp4", MP4)}, {"photo": tiny_png(8, 6)}],
        caption="three shots",
    )
    assert len(results) == 3 and len({r["update_id"] for r in results}) == 3
    assert phone.mark == results[-1]["version"]
    messages = await pending_messages(session, emu)
    assert [("photo" in m, "video" in m) for m in messages] == [
        (True, False),
        (False, True),
        (True, False),
    ]
    groups = {m["media_group_id"] for m in messages}
    assert len(groups) == 1 and groups.pop().isdigit()
    assert [m.get("caption") for m in messages] == ["three shots", None, None]

    (single,) = await phone.send_album([{"document": ("a.pdf", b"%PDF")}], caption="one")
    docs = await phone.send_album(
        [{"document": ("a.pdf", b"%PDF")}, {"document": ("b.pdf", b"%PDF", "application/pdf")}]
    )
    messages = await pending_messages(session, emu)
    assert "media_group_id" not in messages[3] and messages[3]["caption"] == "one"
    assert messages[4]["media_group_id"] == messages[5]["media_group_id"]
    assert [m["message_id"] for m in messages[3:]] == [
        single["message_id"],
        *(d["message_id"] for d in docs),
    ]

    group = messages[4]["media_group_id"]
    with pytest.raises(PhoneError, match="documents can only be grouped with documents"):
        await phone.send(photo=tiny_png(), media_group_id=group)
    with pytest.raises(PhoneError, match="only allowed with photo, video or document"):
        await phone.send("hi", media_group_id="1")
    for _ in range(8):
        await phone.send(document=("x.txt", b"x"), media_group_id=group)
    with pytest.raises(PhoneError, match="at most 10 items"):
        await phone.send(document=("x.txt", b"x"), media_group_id=group)
    with pytest.raises(ValueError, match="1 to 10"):
        await phone.send_album([])


async def test_reported_file_size_and_the_20_mb_download_limit(bot, emu, session, phones):
    phone = phones(522)
    await phone.send(document=("big.zip", b"PK small"), file_size=25 * MB)
    await phone.send(video=("long.mp4", MP4), file_size=21 * MB)
    await phone.send(photo={"content": tiny_png(1000, 500), "file_size": 25 * MB})
    await phone.send(document=("small.txt", b"tiny but real"), file_size=20 * MB)
    big_doc, big_video, photo, small = await pending_messages(session, emu)
    assert big_doc["document"]["file_size"] == 25 * MB
    assert big_video["video"]["file_size"] == 21 * MB
    assert photo["photo"][-1]["file_size"] == 25 * MB
    assert [p["file_size"] for p in photo["photo"][:-1]] == [212337, 2684355, 16777216]

    for file_id in (big_doc["document"]["file_id"], big_video["video"]["file_id"]):
        status, body = await call(session, emu, "getFile", file_id=file_id)
        assert (status, body) == (
            400,
            {"ok": False, "error_code": 400, "description": "Bad Request: file is too big"},
        )
    with pytest.raises(BadRequest, match="File is too big"):
        await bot.get_file(photo["photo"][-1]["file_id"])
    thumb = await bot.get_file(photo["photo"][1]["file_id"])  # 2.6 MB: fine
    assert thumb.file_size == 2684355

    status, body = await call(session, emu, "getFile", file_id=small["document"]["file_id"])
    assert status == 200 and body["result"]["file_size"] == 20 * MB  # the limit is inclusive
    url = f"{emu.file_base}{TOKEN}/{body['result']['file_path']}"
    async with session.get(url) as resp:
        assert resp.status == 200 and await resp.read() == b"tiny but real"

    again = await bot.send_document(522, big_doc["document"]["file_id"])  # re-send is fine
    assert again.document.file_size == 25 * MB
    assert (await phone.messages())[-1]["document"]["file_size"] == 25 * MB
    for bad in (0, True, "25", 5 * 1024**3):
        with pytest.raises(PhoneError, match=r"document\.file_size must be"):
            await phone.send(document=("x.bin", b"x"), file_size=bad)
    with pytest.raises(ValueError, match="file_size needs"):
        await phone.send("hi", file_size=1)


async def test_send_video_by_upload_and_file_id(bot, phones):
    phone = phones(523)
    await phone.send(video=("user.mp4", MP4))
    (update,) = await bot.get_updates(timeout=0)
    user_video = update.message.video

    sent = await bot.send_video(
        523,
        MP4,
        filename="result.mp4",
        duration=7,
        width=640,
        height=360,
        caption="<b>ok</b>",
        parse_mode=ParseMode.HTML,
    )
    video = sent.video
    assert video.file_id.startswith("BAACAgIAAxkBAAI") and video.file_name == "result.mp4"
    assert (video.width, video.height, video.mime_type, video.file_size) == (
        640,
        360,
        "video/mp4",
        len(MP4),
    )
    assert video.duration in (7, dt.timedelta(seconds=7))  # PTB >= 22.2 may give a timedelta
    assert sent.caption == "ok"
    again = await bot.send_video(523, video.file_id)
    assert again.video.file_id == video.file_id
    forwarded = await bot.send_video(523, user_video.file_id)  # a user's video, as Telegram
    assert forwarded.video.file_unique_id == user_video.file_unique_id

    document = await bot.send_document(523, b"not a video", filename="notes.txt")
    with pytest.raises(BadRequest, match="(?i)can't use file of type document as video"):
        await bot.send_video(523, document.document.file_id)
    with pytest.raises(BadRequest, match="(?i)can't use file of type video as document"):
        await bot.send_document(523, video.file_id)
    with pytest.raises(BadRequest, match="(?i)wrong file identifier"):
        await bot.send_video(523, "BAACAgIAAxkBAAInope")

    views = await phone.messages()
    assert views[0]["video"] == {
        "file_id": video.file_id,
        "file_name": "result.mp4",
        "mime_type": "video/mp4",
        "file_size": len(MP4),
    }
    assert views[0]["caption"] == "ok" and views[0]["html"] == "<b>ok</b>"
    assert [("video" in v, "document" in v) for v in views] == [(True, False)] * 3 + [(False, True)]


async def test_send_media_group(bot, emu, session, phones):
    phone = phones(524)
    await phone.send("hi")
    photo = await bot.send_photo(524, tiny_png())
    album = await bot.send_media_group(
        524,
        [
            InputMediaPhoto(tiny_png(1000, 500), caption="<i>first</i>", parse_mode="HTML"),
            InputMediaVideo(MP4, filename="clip.mp4", width=320, height=240, duration=3),
            InputMediaPhoto(photo.photo[-1].file_id),
        ],
        reply_to_message_id=1,
    )
    assert len(album) == 3 and len({m.media_group_id for m in album}) == 1
    assert album[0].media_group_id and album[0].caption == "first"
    assert album[1].video.file_name == "clip.mp4" and album[1].video.width == 320
    assert album[2].photo[-1].file_id == photo.photo[-1].file_id and album[2].caption is None
    assert all(m.reply_to_message.text == "hi" for m in album)

    docs = await bot.send_media_group(
        524,
        [InputMediaDocument(b"a", filename="a.txt"), InputMediaDocument(b"b", filename="b.txt")],
        caption="two files",
    )
    assert docs[0].caption == "two files" and docs[1].document.file_name == "b.txt"
    (single,) = await bot.send_media_group(524, [InputMediaDocument(b"c", filename="c.txt")])
    assert single.media_group_id is None

    views = (await phone.messages())[1:]
    assert [v.get("media_group_id") for v in views] == [album[0].media_group_id] * 3 + [
        docs[0].media_group_id
    ] * 2 + [None]
    assert views[0]["caption"] == "first" and views[0]["html"] == "<i>first</i>"
    assert views[1]["video"]["file_name"] == "clip.mp4"
    assert emu.stats()["calls"]["sendMediaGroup"] == 3 and emu.stats()["messages_sent"] == 7

    photo_id, doc_id = photo.photo[-1].file_id, docs[0].document.file_id
    item = {"type": "photo", "media": photo_id}
    refused = {
        "there are no messages to send": [],
        "too many messages to send as an album": [item] * 11,
        "document can't be mixed with other media types": [
            item,
            {"type": "document", "media": doc_id},
        ],
        "can't parse InputMedia: media not found": [item, {"type": "photo", "media": "attach://x"}],
        "can't parse InputMedia: type \"animation\" can't be used in sendMediaGroup": [
            item,
            {"type": "animation", "media": photo_id},
        ],
        "failed to send message #2 with the error message \"Can't use file of type Document as "
        'Photo"': [item, {"type": "photo", "media": doc_id}],
        "expected an Array of InputMedia": {"type": "photo"},
    }
    for description, media in refused.items():
        status, body = await call(session, emu, "sendMediaGroup", chat_id=524, media=media)
        assert (status, body["description"]) == (400, f"Bad Request: {description}")
    status, body = await call(session, emu, "sendMediaGroup", chat_id=524)
    assert body["description"] == 'Bad Request: parameter "media" is required'
    assert len(await phone.messages()) == 7  # nothing of a refused album was sent


# ---------------------------------------------------------------- Bot API checks


async def test_html_parsing_and_escaping(bot, phones):
    await phones(506).send("hi")
    msg = await bot.send_message(
        506,
        '<b>bold <i>both</i></b> <a href="https://x.org/?a=1&amp;b=2">link</a> '
        '&lt;tag&gt; &quot;q&quot; &#128512; <pre><code class="language-py">x = 1</code></pre>'
        '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler><blockquote>q</blockquote>',
        parse_mode=ParseMode.HTML,
    )
    assert msg.text == 'bold both link <tag> "q" 😀 x = 1stq'
    kinds = {e.type: e for e in msg.entities}
    assert kinds["text_link"].url == "https://x.org/?a=1&b=2"
    assert kinds["pre"].language == "py"
    assert kinds["spoiler"].length == 1 and kinds["blockquote"].length == 1
    emoji_entity = [e for e in msg.entities if e.type == "pre"][0]
    assert emoji_entity.offset == msg.text.index("x = 1") + 1  # 😀 is 2 UTF-16 units

    bad = {
        "a <x> b": 'Unsupported start tag "x" at byte offset 2',
        "<b>open": 'Can\'t find end tag corresponding to start tag "b"',
        "<b>x</i>": 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"',
        "1 < 2": 'Unsupported start tag "" at byte offset 2',
        "fish & chips": "Character entity expected at byte offset 5",
        "x</b>": "Unexpected end tag at byte offset 1",
        '<span class="x">y</span>': 'Tag "span" must have class "tg-spoiler" at byte offset 0',
    }
    for text, error in bad.items():
        with pytest.raises(BadRequest) as info:
            await bot.send_message(506, text, parse_mode=ParseMode.HTML)
        assert info.value.message.lower() == f"can't parse entities: {error}".lower()
    assert (await bot.send_message(506, "1 < 2 & <b>", parse_mode=None)).text == "1 < 2 & <b>"
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(506, "<b> </b>", parse_mode=ParseMode.HTML)


async def test_length_and_button_checks(bot, phones):
    await phones(507).send("hi")
    assert len((await bot.send_message(507, "я" * 4096)).text) == 4096
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(507, "я" * 4097)
    assert await bot.send_message(507, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_document(507, b"x", filename="x.txt", caption="c" * 1025)

    def markup(data: str) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup([[InlineKeyboardButton("b", callback_data=data)]])

    assert await bot.send_message(507, "ok", reply_markup=markup("x" * 64))
    assert await bot.send_message(507, "ok", reply_markup=markup("ж" * 32))  # 64 bytes
    for data in ("x" * 65, "ж" * 33):
        with pytest.raises(BadRequest, match="Button_data_invalid"):
            await bot.send_message(507, "no", reply_markup=markup(data))
    for button in ({"text": "t"}, {"text": "t", "url": "https://a.b", "callback_data": "c"}):
        with pytest.raises(BadRequest, match="Can't parse inline keyboard button"):
            await bot.send_message(507, "no", reply_markup={"inline_keyboard": [[button]]})


async def test_edit_delete_and_callback_errors(bot, phones):
    phone = phones(508)
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(508, "too early")
    await phone.send("hi")
    msg = await bot.send_message(508, "one")
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("one", 508, msg.message_id)
    edited = await bot.edit_message_text("<b>one</b>", 508, msg.message_id, parse_mode="HTML")
    assert edited.text == "one" and edited.edit_date is not None
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", 508, 999)
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await bot.edit_message_text("x", 508, 1)  # the user's own message
    assert await bot.delete_message(508, msg.message_id)
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(508, msg.message_id)
    reply = await bot.send_message(508, "re", reply_to_message_id=1)
    assert reply.reply_to_message.text == "hi"
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(508, "re", reply_to_message_id=777)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query("12345")
    assert [m["text"] for m in await phone.messages()] == ["re"]
    assert (await phone.state())["version"] == 4  # send, edit, delete, send


async def test_get_updates_semantics(emu, session, phones):
    phone = phones(509)
    for i in range(3):
        await phone.send(f"m{i}")
    status, body = await call(session, emu, "getUpdates", limit=2)
    assert status == 200 and [u["message"]["text"] for u in body["result"]] == ["m0", "m1"]
    first = body["result"][0]["update_id"]
    _, body = await call(session, emu, "getUpdates", offset=first + 2)
    assert [u["message"]["text"] for u in body["result"]] == ["m2"]
    _, body = await call(session, emu, "getUpdates")  # older ones were confirmed
    assert len(body["result"]) == 1

    started = time.monotonic()
    poll = asyncio.create_task(call(session, emu, "getUpdates", offset=first + 3, timeout=5))
    await asyncio.sleep(0.1)
    await phone.send("wake")
    _, body = await poll
    assert body["result"][0]["message"]["text"] == "wake" and time.monotonic() - started < 2

    _, body = await call(session, emu, "getUpdates", offset=first + 4, timeout=1)
    assert body["result"] == []
    # form-encoded bodies (as PTB sends) and the query string work too
    url = f"{emu.api_base}{TOKEN}/getUpdates?timeout=0"
    async with session.post(url, data={"allowed_updates": '["callback_query"]'}) as resp:
        assert (await resp.json())["result"] == []
    await phone.send("filtered out")
    _, body = await call(session, emu, "getUpdates")
    assert body["result"] == []
    status, body = await call(session, emu, "getUpdates", allowed_updates=[])
    assert status == 200


async def test_unknown_method_and_bad_token(emu, session):
    status, body = await call(session, emu, "frobnicate")
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})
    for token in ("not-a-token", "", "123:"):
        status, body = await call(session, emu, "getMe", token=token)
        assert status == 404 and body["description"] == "Not Found"
    await Phone(emu.url, 777, session=session).send("hi")
    markup = json.dumps({"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]})
    status, body = await call(
        session, emu, "sendMessage", chat_id=777, text="s", reply_markup=markup
    )
    assert status == 200 and body["result"]["reply_markup"]["inline_keyboard"][0][0]["text"] == "A"
    status, body = await call(session, emu, "sendMessage", chat_id=777, text="s", reply_markup="{")
    assert body["description"] == "Bad Request: can't parse reply keyboard markup JSON object"
    status, body = await call(session, emu, "GETME", token="777:x")
    assert status == 200 and body["result"]["id"] == 777 and body["result"]["is_bot"]


async def test_commands_per_scope_and_language(bot, emu, session):
    await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("help", "Help")])
    await bot.set_my_commands(
        [BotCommand("start", "Начать")], scope=BotCommandScopeChat(42), language_code="ru"
    )
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    ru = await bot.get_my_commands(scope=BotCommandScopeChat(42), language_code="ru")
    assert [c.description for c in ru] == ["Начать"]
    assert await bot.get_my_commands(language_code="ky") == ()
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])
    async with session.get(f"{emu.url}/control/commands") as resp:
        stored = (await resp.json())["result"]
    assert {(s["scope"]["type"], s["language_code"]) for s in stored} == {
        ("default", ""),
        ("chat", "ru"),
    }
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()


# ---------------------------------------------------------------- limits and faults


async def test_flood_limits(session):
    async with Emulator(flood_limits=True) as emu:
        await Phone(emu.url, 510, session=session).send("hi")
        codes = [
            (await call(session, emu, "sendMessage", chat_id=510, text="x"))[0] for _ in range(4)
        ]
        assert codes == [200, 200, 200, 429]  # burst of 3, then 1/s
        status, body = await call(session, emu, "sendMessage", chat_id=510, text="x")
        retry = body["parameters"]["retry_after"]
        assert status == 429 and retry >= 1
        assert body["description"] == f"Too Many Requests: retry after {retry}"

        users = range(600, 640)
        await asyncio.gather(*(Phone(emu.url, u, session=session).send("hi") for u in users))
        results = await asyncio.gather(
            *(call(session, emu, "sendMessage", chat_id=u, text="x") for u in users)
        )
        assert [status for status, _ in results].count(429) >= 10  # 30/s overall
        stats = emu.stats()
        assert stats["max_rate_overall"] == 30 and stats["max_rate_per_chat"] == 3
        assert stats["http_429"] == 2 + [status for status, _ in results].count(429)


async def test_group_flood_limit(session):
    async with Emulator(flood_limits=True) as emu:
        member = Phone(emu.url, 700, chat_id=-100123, session=session)
        await member.send("hello group")
        codes, retry = [], None
        for _ in range(21):
            status, body = await call(session, emu, "sendMessage", chat_id=-100123, text="g")
            codes.append(status)
            retry = body.get("parameters", {}).get("retry_after")
        assert codes == [200] * 20 + [429] and 50 <= retry <= 60  # 20 per minute
        assert len(await member.messages()) == 20


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_flood_limit_via_ptb_and_control(emu, bot, session, phones):
    await phones(511).send("hi")
    async with session.post(f"{emu.url}/control/faults", json={"flood": True}) as resp:
        assert (await resp.json())["result"]["flood"] is True
    with pytest.raises(RetryAfter, match=r"Retry in \d+"):
        for _ in range(5):
            await bot.send_message(511, "spam")
    async with session.post(f"{emu.url}/control/faults", json={}) as resp:
        assert (await resp.json())["result"]["flood"] is False
    assert await bot.send_message(511, "fine again")


async def test_fault_injection_is_seeded(emu, session, phones):
    await phones(512).send("hi")

    async def run() -> list[int]:
        emu.set_faults(error_rate=0.3, error_code=502, retry_after_rate=0.2, seed=7)
        return [
            (await call(session, emu, "sendMessage", chat_id=512, text="x"))[0] for _ in range(30)
        ]

    first, second = await run(), await run()
    assert first == second
    assert {200, 429, 502} <= set(first)
    assert emu.stats()["http_5xx"] == 2 * first.count(502)
    status, body = await call(session, emu, "getMe")  # not a faulted method
    assert status == 200

    async with session.post(
        f"{emu.url}/control/faults",
        json={"retry_after_rate": 1, "retry_after": 3, "methods": ["editMessageText"]},
    ) as resp:
        assert resp.status == 200
    assert (await call(session, emu, "sendMessage", chat_id=512, text="x"))[0] == 200
    status, body = await call(session, emu, "editMessageText", chat_id=512, message_id=1, text="y")
    assert status == 429 and body["parameters"] == {"retry_after": 3}

    emu.set_faults(slow_rate=1, slow_seconds=0.3)
    started = time.monotonic()
    assert (await call(session, emu, "sendMessage", chat_id=512, text="slow"))[0] == 200
    assert time.monotonic() - started >= 0.3
    async with session.post(f"{emu.url}/control/faults", json={"error_rate": 2}) as resp:
        assert resp.status == 400
    emu.set_faults(reset=True)


async def test_block_unblock_and_stats(emu, phones, session):
    phone = phones(513)
    statuses: list[tuple[str, str]] = []

    async def on_member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        change = update.my_chat_member
        statuses.append((change.old_chat_member.status, change.new_chat_member.status))

    async with running_app(
        emu, ChatMemberHandler(on_member, ChatMemberHandler.MY_CHAT_MEMBER), *DEMO_HANDLERS
    ) as errors:
        await phone.send_and_wait("hello")
        await phone.block()
        app_bot = Bot(TOKEN, base_url=emu.api_base)
        async with app_bot:
            with pytest.raises(Forbidden, match="bot was blocked by the user"):
                await app_bot.send_message(513, "are you there?")
            with pytest.raises(PhoneError) as info:
                await phone.send("I blocked you")
            assert info.value.status == 409
            await phone.unblock()
            assert await app_bot.send_message(513, "welcome back")
        for _ in range(50):
            if len(statuses) == 2:
                break
            await asyncio.sleep(0.02)
        assert statuses == [("member", "kicked"), ("kicked", "member")]
    assert errors == []

    async with session.get(f"{emu.url}/control/stats") as resp:
        stats = (await resp.json())["result"]
    assert stats["calls"]["sendMessage"] == 3 and stats["messages_sent"] == 2
    assert stats["max_rate_overall"] >= 1 and stats["max_rate_per_chat"] >= 1
    async with session.post(f"{emu.url}/control/reset_stats") as resp:
        assert resp.status == 200
    assert emu.stats()["calls"] == {}


# ---------------------------------------------------------------- webhook


async def test_webhook_with_ptb(emu, phones):
    port = free_port()
    app = ApplicationBuilder().token(TOKEN).base_url(emu.api_base).build()
    for handler in DEMO_HANDLERS:
        app.add_handler(handler)
    await app.initialize()
    await app.start()
    await app.updater.start_webhook(
        listen="127.0.0.1",
        port=port,
        url_path="hook",
        webhook_url=f"http://127.0.0.1:{port}/hook",
        secret_token="s3cret-Token",
    )
    try:
        phone = phones(514)
        assert (await phone.send_and_wait("via webhook"))["text"] == "echo: via webhook"
        with pytest.raises(Conflict, match="can't use getUpdates method while webhook"):
            await app.bot.get_updates()
        info = await app.bot.get_webhook_info()
        assert info.url.endswith("/hook") and info.pending_update_count == 0
        assert emu.core.webhook.delivered == 1
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


async def test_webhook_retries_and_secret(emu, session, phones):
    seen: list[tuple[str | None, int]] = []

    async def hook(request: web.Request) -> web.Response:
        update = await request.json()
        seen.append((request.headers.get("X-Telegram-Bot-Api-Secret-Token"), update["update_id"]))
        return web.Response(status=500 if len(seen) < 3 else 200)

    server = web.Application()
    server.router.add_post("/tg", hook)
    runner = web.AppRunner(server, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        await phones(515).send("queued first")
        status, _ = await call(
            session, emu, "setWebhook", url=f"http://127.0.0.1:{port}/tg", secret_token="abc"
        )
        assert status == 200
        for _ in range(100):
            if emu.core.webhook.delivered:
                break
            await asyncio.sleep(0.02)
        assert [secret for secret, _ in seen] == ["abc"] * 3
        assert len({uid for _, uid in seen}) == 1
        _, body = await call(session, emu, "getWebhookInfo")
        assert "500" in body["result"]["last_error_message"]
        status, body = await call(session, emu, "getUpdates")
        assert status == 409 and body["description"].startswith("Conflict")
        await call(session, emu, "deleteWebhook")
        assert (await call(session, emu, "getUpdates"))[0] == 200
    finally:
        await runner.cleanup()


# ---------------------------------------------------------------- client helpers, CLI


async def test_wait_timeout_shows_messages(bot, phones):
    phone = phones(516)
    await phone.send("hi")
    await bot.send_message(516, "only message")
    with pytest.raises(AssertionError, match="only message"):
        await phone.wait_for(lambda msgs: len(msgs) > 1, timeout=0.3)
    assert (await phone.wait_for(lambda msgs: msgs))["text"] == "only message"


async def test_messages_long_poll_returns_early(bot, phones, session, emu):
    phone = phones(517)
    await phone.send("hi")
    url = f"{emu.url}/client/517/messages?since=0&wait=5"
    started = time.monotonic()
    poll = asyncio.create_task(session.get(url))
    await asyncio.sleep(0.1)
    await bot.send_message(517, "now")
    async with await poll as resp:
        result = (await resp.json())["result"]
    assert result["version"] == 1 and time.monotonic() - started < 2


async def test_cli_starts_and_stops_on_ctrl_c():
    port = free_port()
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.emulator.emulator",
        "--port",
        str(port),
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        line = await asyncio.wait_for(proc.stdout.readline(), 10)
        assert f"127.0.0.1:{port}" in line.decode()
        url = f"http://127.0.0.1:{port}/bot1:x/getMe"
        async with aiohttp.ClientSession() as http, http.get(url) as resp:
            assert json.loads(await resp.text())["result"]["username"] == "munibot_sandbox"
        proc.send_signal(signal.SIGINT)
        assert await asyncio.wait_for(proc.wait(), 10) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
