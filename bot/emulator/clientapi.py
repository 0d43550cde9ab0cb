"""HTTP routes of the client ("phones") and control APIs; documented in emulator.py."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.emulator import phones
from bot.emulator.core import CORE_KEY, Core
from bot.emulator.limits import StatsView
from bot.emulator.protocol import (
    ApiError,
    Blocked,
    ChatView,
    JsonObject,
    Pressed,
    Sent,
    error_response,
    ok_response,
    read_json,
)
from bot.emulator.state import CommandSet

MAX_CLIENT_WAIT = 30.0
Route = Callable[[web.Request], Awaitable[object]]


def _json_api(fn: Route) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """Wraps a route returning a plain result into the {"ok", "result"} envelope."""

    @functools.wraps(fn)
    async def wrapper(request: web.Request) -> web.StreamResponse:
        try:
            result = await fn(request)
        except ApiError as err:
            return error_response(err)
        if isinstance(result, web.StreamResponse):
            return result
        return ok_response(result)

    return wrapper


def _core(request: web.Request) -> Core:
    return request.app[CORE_KEY]


def _user_id(request: web.Request) -> int:
    try:
        return int(request.match_info["user_id"])
    except ValueError:
        raise ApiError(400, "user id must be an integer") from None


def _query_number(request: web.Request, name: str, default: float) -> float:
    try:
        return float(request.query.get(name, default))
    except ValueError:
        raise ApiError(400, f"{name} must be a number") from None


async def client_send(request: web.Request) -> Sent:
    world, user_id = _core(request).world, _user_id(request)
    body = await read_json(request)
    person = world.person(user_id, body.get("from"))
    chat = phones.user_chat(world, user_id, body, create=True)
    content = phones.build_content(world, chat, person, body)
    return phones.user_message(world, chat, person, content)


async def client_press(request: web.Request) -> Pressed:
    world, user_id = _core(request).world, _user_id(request)
    body = await read_json(request)
    person = world.person(user_id, body.get("from"))
    chat = phones.user_chat(world, user_id, body, create=False)
    return phones.press(world, chat, person, body)


async def client_messages(request: web.Request) -> ChatView:
    """Long-polls when `since` is given: answers once the chat version exceeds it."""
    world, user_id = _core(request).world, _user_id(request)
    chat_id = int(_query_number(request, "chat_id", user_id))
    since = _query_number(request, "since", -1)
    wait = min(max(_query_number(request, "wait", 0), 0), MAX_CLIENT_WAIT)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    while True:
        chat = world.chats.get(chat_id)
        remaining = deadline - loop.time()
        if (chat.version if chat else 0) > since or remaining <= 0 or world.closing:
            return phones.view_chat(chat)
        await world.chat_pulse(chat_id).wait(remaining)


async def client_file(request: web.Request) -> web.Response:
    stored = _core(request).world.files.get(request.match_info["file_id"])
    if stored is None:
        raise ApiError(404, "file not found")
    headers = {}
    if stored.file_name:
        headers["Content-Disposition"] = f'attachment; filename="{stored.file_name}"'
    return web.Response(
        body=stored.data,
        content_type=stored.mime_type or "application/octet-stream",
        headers=headers,
    )


async def client_block(request: web.Request) -> Blocked:
    return phones.set_blocked(_core(request).world, _user_id(request), True)


async def client_unblock(request: web.Request) -> Blocked:
    return phones.set_blocked(_core(request).world, _user_id(request), False)


async def control_faults(request: web.Request) -> JsonObject:
    guard = _core(request).guard
    if request.method == "GET":
        return guard.configure_view()
    try:
        return guard.configure(await read_json(request))
    except (TypeError, ValueError) as exc:
        raise ApiError(400, f"bad fault configuration: {exc}") from None


async def control_stats(request: web.Request) -> StatsView:
    return _core(request).guard.stats.as_dict()


async def control_reset_stats(request: web.Request) -> bool:
    _core(request).guard.stats.reset()
    return True


async def control_commands(request: web.Request) -> list[CommandSet]:
    return list(_core(request).world.commands.values())


async def control_redeliver(request: web.Request) -> bool:
    body = await read_json(request)
    update_id = body.get("update_id")
    if not isinstance(update_id, int):
        raise ApiError(400, "update_id: a number is required")
    try:
        _core(request).world.updates.redeliver(update_id)
    except KeyError:
        raise ApiError(404, f"no recent update {update_id}") from None
    return True


async def control_webhook(request: web.Request) -> JsonObject:
    hook = _core(request).webhook
    return {**hook.info(), "secret_token": hook.secret_token, "delivered": hook.delivered}


def routes() -> list[web.RouteDef]:
    wrap = _json_api
    return [
        web.post("/client/{user_id}/send", wrap(client_send)),
        web.post("/client/{user_id}/press", wrap(client_press)),
        web.get("/client/{user_id}/messages", wrap(client_messages)),
        web.get("/client/{user_id}/files/{file_id}", wrap(client_file)),
        web.post("/client/{user_id}/block", wrap(client_block)),
        web.post("/client/{user_id}/unblock", wrap(client_unblock)),
        web.get("/control/faults", wrap(control_faults)),
        web.post("/control/faults", wrap(control_faults)),
        web.get("/control/stats", wrap(control_stats)),
        web.post("/control/reset_stats", wrap(control_reset_stats)),
        web.get("/control/commands", wrap(control_commands)),
        web.get("/control/webhook", wrap(control_webhook)),
        web.post("/control/redeliver", wrap(control_redeliver)),
    ]
