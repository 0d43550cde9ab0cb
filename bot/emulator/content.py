"""Validation of what the bot sends (text, parse modes, keyboards) and what users send.

The error texts copy Telegram's where known, because the bot's error handling may match
on them.
"""

from __future__ import annotations

import json
import re
import struct
from dataclasses import dataclass
from typing import Any

from bot.emulator.html import HtmlError, MessageEntity, parse_html, utf16_len
from bot.emulator.protocol import JsonObject, ReplyButton, bad_request

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_BUTTONS = 100
# The emulator cannot probe a video, so these stand in when nobody gives the real values.
VIDEO_DEFAULTS = {"width": 1280, "height": 720, "duration": 10}
INLINE_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_MARKUP_ERROR = "can't parse reply keyboard markup JSON object"
_COMMAND_RE = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")


@dataclass
class Markup:
    kind: str | None = None  # inline | keyboard | remove | force_reply | None (absent)
    inline: list[list[JsonObject]] | None = None
    keyboard: list[list[ReplyButton]] | None = None


@dataclass
class Formatted:
    text: str
    entities: list[MessageEntity]
    html: str | None = None


def format_text(
    raw: str | None, parse_mode: str | None, entities: Any, *, caption: bool = False
) -> Formatted:
    """Applies parse_mode and the length/emptiness checks for a text or caption."""
    raw = raw or ""
    mode = (parse_mode or "").strip().lower()
    if mode == "html":
        try:
            text, found = parse_html(raw)
        except HtmlError as exc:
            raise bad_request(f"can't parse entities: {exc}") from None
        result = Formatted(text, found, html=raw)
    elif mode in ("", "markdownv2", "markdown"):
        explicit = entities if isinstance(entities, list) and not mode else []
        result = Formatted(raw, explicit)
    else:
        raise bad_request("unsupported parse_mode")
    if caption:
        if len(result.text) > MAX_CAPTION:
            raise bad_request("message caption is too long")
    elif not result.text.strip():
        raise bad_request("message text is empty")
    elif len(result.text) > MAX_TEXT:
        raise bad_request("message is too long")
    return result


def command_entities(text: str) -> list[MessageEntity]:
    """Telegram marks every /command (optionally @bot) with a bot_command entity."""
    return [
        {"type": "bot_command", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m[0])}
        for m in _COMMAND_RE.finditer(text)
    ]


def parse_markup(raw: Any) -> Markup:
    if raw is None or raw == "":
        return Markup()
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise bad_request(_MARKUP_ERROR) from None
    if not isinstance(raw, dict):
        raise bad_request(_MARKUP_ERROR)
    if "inline_keyboard" in raw:
        return Markup("inline", inline=_inline_rows(raw["inline_keyboard"]))
    if "keyboard" in raw:
        return Markup("keyboard", keyboard=_reply_rows(raw["keyboard"]))
    if raw.get("remove_keyboard"):
        return Markup("remove")
    if raw.get("force_reply"):
        return Markup("force_reply")
    raise bad_request(_MARKUP_ERROR)


def _rows(raw: Any) -> list[list[Any]]:
    if not isinstance(raw, list) or not all(isinstance(row, list) for row in raw):
        raise bad_request(_MARKUP_ERROR)
    if sum(len(row) for row in raw) > MAX_BUTTONS:
        raise bad_request("reply markup is too long")
    return raw


def _inline_rows(raw: Any) -> list[list[JsonObject]]:
    return [[_inline_button(b) for b in row] for row in _rows(raw)]


def _inline_button(button: Any) -> JsonObject:
    prefix = "can't parse inline keyboard button: "
    if not isinstance(button, dict):
        raise bad_request(prefix + "InlineKeyboardButton must be an Object")
    if not isinstance(button.get("text"), str):
        raise bad_request(prefix + 'Field "text" must be of type String')
    if not button["text"].strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = [key for key in INLINE_ACTIONS if key in button]
    if not actions:
        raise bad_request(prefix + "Text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise bad_request(prefix + "exactly one of the optional fields must be used")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        if not isinstance(url, str) or not url or any(c.isspace() for c in url):
            raise bad_request("BUTTON_URL_INVALID")
    return dict(button)


def _reply_rows(raw: Any) -> list[list[ReplyButton]]:
    rows: list[list[ReplyButton]] = []
    for row in _rows(raw):
        out: list[ReplyButton] = []
        for button in row:
            spec = {"text": button} if isinstance(button, str) else button
            if not isinstance(spec, dict) or not isinstance(spec.get("text"), str):
                raise bad_request(
                    'can\'t parse keyboard button: Field "text" must be of type String'
                )
            if not spec["text"].strip():
                raise bad_request("BUTTON_TEXT_INVALID")
            item: ReplyButton = {
                "text": spec["text"],
                "request_contact": bool(spec.get("request_contact")),
            }
            if spec.get("request_location"):
                item["request_location"] = True
            out.append(item)
        rows.append(out)
    return rows


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG/JPEG/GIF, or None when the bytes are not one we know."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data) or (800, 600)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" or data.startswith(b"BM"):
        return (512, 512)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2 : i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + length
    return None


def photo_sizes(width: int, height: int) -> list[tuple[int, int]]:
    """The thumbnails Telegram would make: longest side 90, 320, 800, 1280 (not upscaled)."""
    sizes: list[tuple[int, int]] = []
    longest = max(width, height, 1)
    for side in (90, 320, 800, 1280):
        scale = min(1.0, side / longest)
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        if size not in sizes:
            sizes.append(size)
        if scale == 1.0:
            break
    return sizes


def scaled_size(
    reported: int | None, size: tuple[int, int], largest: tuple[int, int]
) -> int | None:
    """A thumbnail's share of a photo's reported size, by pixel area (the largest gets it all)."""
    if reported is None:
        return None
    share = (size[0] * size[1]) / max(largest[0] * largest[1], 1)
    return max(1, round(reported * share))
