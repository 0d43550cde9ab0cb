"""Bot API methods around the messages: identity, updates, webhooks, files, commands."""

from __future__ import annotations

import asyncio
import json
import re

from bot.emulator.calls import Call, method
from bot.emulator.protocol import ApiError, JsonObject, bad_request
from bot.emulator.state import BotCommand

MAX_DOWNLOAD = 20 * 1024 * 1024
MAX_POLL_TIMEOUT = 50
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


@method("getMe")
async def get_me(c: Call) -> JsonObject:
    return {
        **c.world.bot_user(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@method("logOut")
@method("close")
async def log_out(c: Call) -> bool:
    return True


@method("getUpdates")
async def get_updates(c: Call) -> list[JsonObject]:
    """Long poll; a newer getUpdates ends an older waiting one with 409, as Telegram does."""
    log = c.world.updates
    if c.core.webhook.active:
        raise ApiError(409, WEBHOOK_CONFLICT)
    limit = min(max(c.p.integer("limit") or 100, 1), 100)
    timeout = min(max(c.p.integer("timeout") or 0, 0), MAX_POLL_TIMEOUT)
    log.set_allowed(c.p.json("allowed_updates"))
    log.confirm(c.p.integer("offset") or 0)
    log.poller_generation += 1
    generation = log.poller_generation
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        if c.core.webhook.active:
            raise ApiError(409, WEBHOOK_CONFLICT)
        if generation != log.poller_generation:
            raise ApiError(409, POLL_CONFLICT)
        batch = log.peek(limit)
        remaining = deadline - asyncio.get_running_loop().time()
        if batch or remaining <= 0 or c.world.closing:
            return batch
        await log.pulse.wait(remaining)


@method("setWebhook")
async def set_webhook(c: Call) -> bool:
    url = c.p.text("url") or ""
    if c.p.flag("drop_pending_updates"):
        c.world.updates.clear()
    c.world.updates.set_allowed(c.p.json("allowed_updates"))
    if not url:
        await c.core.webhook.delete()
        return True
    await c.core.webhook.set(url, c.p.text("secret_token"), c.p.integer("max_connections"))
    c.world.updates.poller_generation += 1  # a waiting getUpdates must end
    c.world.updates.pulse.fire()
    return True


@method("deleteWebhook")
async def delete_webhook(c: Call) -> bool:
    await c.core.webhook.delete()
    if c.p.flag("drop_pending_updates"):
        c.world.updates.clear()
    return True


@method("getWebhookInfo")
async def get_webhook_info(c: Call) -> JsonObject:
    return c.core.webhook.info()


@method("getFile")
async def get_file(c: Call) -> JsonObject:
    """Bots may download at most 20 MB; the reported size counts, not the stored bytes."""
    stored = c.world.files.get(c.p.text("file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    if stored.size > MAX_DOWNLOAD:
        raise bad_request("file is too big")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": stored.size,
        "file_path": stored.file_path,
    }


@method("sendChatAction")
async def send_chat_action(c: Call) -> bool:
    c.target()
    if c.p.text("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


@method("getChat")
async def get_chat(c: Call) -> JsonObject:
    chat = c.world.find_chat(c.chat_id())
    owner = c.world.people.get(chat.id)
    return {**chat.as_chat(owner), "accent_color_id": 0, "max_reaction_count": 11}


def _scope_key(c: Call) -> tuple[JsonObject, str, tuple[str, str]]:
    scope = c.p.json("scope") or {"type": "default"}
    if not isinstance(scope, dict) or not isinstance(scope.get("type"), str):
        raise bad_request("can't parse BotCommandScope JSON object")
    language = c.p.text("language_code") or ""
    if language and not re.fullmatch(r"[a-z]{2,3}", language):
        raise bad_request("invalid language code specified")
    return scope, language, (json.dumps(scope, sort_keys=True), language)


def _valid_commands(raw: object) -> list[BotCommand]:
    if not isinstance(raw, list):
        raise bad_request("can't parse commands JSON object")
    if len(raw) > 100:
        raise bad_request("BOT_COMMANDS_TOO_MUCH")
    commands: list[BotCommand] = []
    for item in raw:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand JSON object")
        command, description = item.get("command"), item.get("description")
        if not isinstance(command, str) or not _COMMAND_RE.fullmatch(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        commands.append({"command": command, "description": description})
    return commands


@method("setMyCommands")
async def set_my_commands(c: Call) -> bool:
    commands = _valid_commands(c.p.json("commands"))
    scope, language, key = _scope_key(c)
    if commands:
        c.world.commands[key] = {"scope": scope, "language_code": language, "commands": commands}
    else:
        c.world.commands.pop(key, None)
    return True


@method("getMyCommands")
async def get_my_commands(c: Call) -> list[BotCommand]:
    entry = c.world.commands.get(_scope_key(c)[2])
    return list(entry["commands"]) if entry else []


@method("deleteMyCommands")
async def delete_my_commands(c: Call) -> bool:
    c.world.commands.pop(_scope_key(c)[2], None)
    return True


DESCRIPTION_MAX = 512
SHORT_DESCRIPTION_MAX = 120


def _setting(c: Call, field: str) -> tuple[str, str]:
    """Kept per language, as Telegram keeps them; no language_code is the default for all."""
    language = c.p.text("language_code") or ""
    if language and not re.fullmatch(r"[a-z]{2,3}", language):
        raise bad_request("invalid language code specified")
    return field, language


def _text_setting(c: Call, field: str, limit: int) -> str:
    text = c.p.text(field) or ""
    if len(text) > limit:
        raise bad_request(f"{field.replace('_', ' ')} is too long")
    return text


@method("setMyDescription")
async def set_my_description(c: Call) -> bool:
    """An empty description removes the one for that language."""
    key = _setting(c, "description")
    text = _text_setting(c, "description", DESCRIPTION_MAX)
    if text:
        c.world.settings[key] = text
    else:
        c.world.settings.pop(key, None)
    return True


@method("getMyDescription")
async def get_my_description(c: Call) -> JsonObject:
    return {"description": c.world.settings.get(_setting(c, "description"), "")}


@method("setMyShortDescription")
async def set_my_short_description(c: Call) -> bool:
    key = _setting(c, "short_description")
    text = _text_setting(c, "short_description", SHORT_DESCRIPTION_MAX)
    if text:
        c.world.settings[key] = text
    else:
        c.world.settings.pop(key, None)
    return True


@method("getMyShortDescription")
async def get_my_short_description(c: Call) -> JsonObject:
    return {"short_description": c.world.settings.get(_setting(c, "short_description"), "")}


@method("setChatMenuButton")
async def set_chat_menu_button(c: Call) -> bool:
    button = c.p.json("menu_button") or {"type": "default"}
    c.world.settings[("menu_button", c.p.text("chat_id") or "")] = button
    return True


@method("getChatMenuButton")
async def get_chat_menu_button(c: Call) -> object:
    return c.world.settings.get(("menu_button", c.p.text("chat_id") or ""), {"type": "commands"})
