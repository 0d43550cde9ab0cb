"""A Telegram Bot API emulator over real HTTP, for end-to-end tests, benchmarks and sandbox mode.

Point an unmodified python-telegram-bot Application at it::

    emu = Emulator()
    await emu.start()                       # port 0 picks a free port
    app = (ApplicationBuilder().token("123:abc")
           .base_url(emu.api_base).base_file_url(emu.file_base).build())

or run it alone: ``python -m bot.emulator.emulator --port 8081 [--host 127.0.0.1] [--flood]
[--bot-username munibot_sandbox]``.

Bot API side
============
``GET|POST /bot<token>/<method>`` with a JSON, urlencoded or multipart body; any token of
the form ``<digits>:<chars>`` is accepted (bot id = the digits), anything else is 404.
Files the bot may download: ``GET /file/bot<token>/<file_path>`` (file_path from getFile).
One emulator is one bot: all tokens share the same chats and update queue.

Files: sendDocument, sendPhoto and sendVideo take an upload or a file_id (a file_id of
another kind: "Bad Request: can't use file of type Photo as Video"); file_ids start like
Telegram's (BQAC.. documents, AgAC.. photos, BAAC.. videos) and file_paths are
``documents|photos|videos|stickers/file_N.ext``. sendVideo stores ``width``, ``height`` and
``duration`` as given (default 1280x720, 10 s: the emulator cannot probe a video).
sendMediaGroup takes ``media``: 1-10 InputMedia of type photo, video or document, each
a file_id or ``attach://<part>`` with its own caption/parse_mode; documents cannot be
mixed with other types; 2+ items share a media_group_id (one item is a plain message, as in
Telegram); the result is the list of messages; reply_markup is ignored. Errors as Telegram's:
"there are no messages to send", "too many messages to send as an album", "document can't
be mixed with other media types", "can't parse InputMedia: media not found", 'failed to
send message #N with the error message "..."'. getFile answers 400 "Bad Request: file is
too big" for files over 20 MB (by their reported size, see file_size below).

Client API ("the phones")
=========================
Every answer is ``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code": N,
"description": "..."}``. ``{user_id}`` is the simulated user's id; their private chat with
the bot has the same id. Group chats: pass ``chat_id`` (negative) in the body or query.

``POST /client/{user_id}/send``
    Body: exactly one of ``{"text": "..."}``,
    ``{"contact": {"phone_number", "first_name", "last_name"?, "user_id"?, "vcard"?}}``
    (user_id is absent unless given, i.e. someone else's contact; ``"contact": true``
    shares the user's own contact with user_id set, as a request_contact button does),
    ``{"location": {"latitude", "longitude"}}`` (numbers in [-90, 90] / [-180, 180]),
    ``{"document": {"file_name", "content_b64", "mime_type"?}}``,
    ``{"photo": {"content_b64"}}``, ``{"video": {"content_b64", "file_name"?, "mime_type"?
    (default video/mp4), "duration"?, "width"?, "height"? (default 10 s, 1280x720)}}`` or
    ``{"sticker": true}``; ``"caption"`` for document/photo/video. A document, photo or
    video spec may carry ``"file_size": N`` (int, 1..4 GB): the size Telegram reports in the
    update and in getFile instead of the real byte count (photo thumbnails get a share by
    area), so a "25 MB" file needs only a few bytes; the bytes served stay the real ones.
    ``"media_group_id": "..."`` (photo, video or document only; at most 10 per album,
    documents only with documents) puts the message in an album as Telegram does; send
    each item of an album as its own message with the same id. Optional ``"from":
    {"first_name", "last_name", "username", "language_code", "phone_number"}`` is
    remembered per user. Optional ``"chat_id"``, ``"chat_type"`` (group|supergroup,
    default by id) and ``"chat_title"`` for a group.
    /commands get bot_command entities. Result: ``{"update_id", "message_id", "version"}``
    where version is the chat version at the moment the update was queued. 409 while the
    user has blocked the bot.

``POST /client/{user_id}/press``
    ``{"button": "label"}`` presses the inline button with that label in the newest bot
    message that has one (newest to oldest); failing that, the button of the chat's current
    reply keyboard: a request_contact button sends the user's own contact (phone from
    ``from.phone_number`` or a made-up ``+99670XXXXXXX``), any other sends its label as
    text. ``{"button", "message_id"}`` restricts the search to that message's inline
    keyboard. ``{"message_id", "callback_data"}`` presses with arbitrary (even forged) data
    on an existing bot message. Result: ``{"update_id", "callback_query_id", "version"}``
    for callbacks, ``{"update_id", "message_id", "version"}`` for reply-keyboard presses,
    ``{"button", "message_id", "version"}`` (no update) for url/other inline buttons.
    404 listing the existing labels when nothing matches.

``GET /client/{user_id}/messages[?since=V&wait=S][&chat_id=C]``
    ``{"version", "messages", "reply_keyboard", "callback_answers", "blocked"}``. messages:
    the bot's messages in the chat, oldest first, edits applied, deleted ones gone; each
    ``{"message_id", "date", "version" (chat version of its last change), "edited",
    "text" | "caption", "html"? (raw text when sent with parse_mode=HTML), "buttons" (rows
    of {"text", "callback_data"} or {"text", "url"}), "document"? {file_id, file_name,
    mime_type, file_size}, "video"? {file_id, file_name, mime_type, file_size}, "photo"?
    {file_id, width, height} (largest size), "media_group_id"? (one entry per album item),
    "reply_to_message_id"?}``. reply_keyboard: rows of ``{"text", "request_contact"}`` or
    null. callback_answers: ``{"callback_query_id", "text", "show_alert", "url",
    "version"}``. version grows on every bot-side change in the chat (send, edit, delete,
    callback answer). With ``since``, waits until version > V or S seconds (S <= 30).

``GET /client/{user_id}/files/{file_id}``
    Raw bytes of any stored file (what the bot sent or a user uploaded).

``POST /client/{user_id}/block`` / ``POST /client/{user_id}/unblock``
    While blocked every send/edit/sendChatAction to the chat gets 403 "Forbidden: bot was
    blocked by the user". Each change queues a my_chat_member update (member <-> kicked).
    Result ``{"update_id" (null if nothing changed), "blocked"}``.

Control API
===========
``POST /control/faults``
    ``{"error_rate": 0.1, "error_code": 500|502|503, "retry_after_rate": 0.05,
    "retry_after": 1, "slow_rate": 0.1, "slow_seconds": 2.0, "methods": [...], "seed": 1,
    "flood": true}``. Each POST replaces the whole fault configuration (omitted fields take
    their defaults: rates 0, seed 0, methods = the send/edit methods) and re-seeds the RNG.
    ``flood`` switches flood limits and is kept when omitted; ``{}`` or ``{"reset": true}``
    clears all faults and restores flood limits to the startup setting. Answers the
    configuration; ``GET /control/faults`` shows it. Limit rules: see limits.py.
``GET /control/stats``
    ``{"calls": {method: n}, "http_429", "http_5xx", "max_rate_overall",
    "max_rate_per_chat", "messages_sent", "paid_messages"}``; the rates are the most send/edit
    calls seen in any 1-second window, overall and in a single chat; ``paid_messages`` those
    sent with ``allow_paid_broadcast``. ``POST /control/reset_stats``.
``GET /control/commands``
    ``[{"scope", "language_code", "commands"}]`` as stored by setMyCommands.
``POST /control/redeliver``
    ``{"update_id": N}`` queues a recent update again with the same id and content, as
    Telegram does when a webhook call failed or polling never confirmed it.
``GET /control/webhook``
    getWebhookInfo plus ``secret_token`` and ``delivered``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import re
from collections.abc import Sequence

from aiohttp import web

from bot.emulator import clientapi, messaging, service  # noqa: F401  (registers methods)
from bot.emulator.calls import METHODS, Call
from bot.emulator.core import CORE_KEY, Core
from bot.emulator.limits import Guard, StatsView
from bot.emulator.protocol import (
    ApiError,
    JsonObject,
    error_response,
    ok_response,
    read_params,
)
from bot.emulator.state import World
from bot.emulator.webhook import WebhookPusher

log = logging.getLogger(__name__)
TOKEN_RE = re.compile(r"(\d+):[A-Za-z0-9_-]+")


def not_found() -> ApiError:
    return ApiError(404, "Not Found")


async def _run_method(core: Core, request: web.Request) -> object:
    token = TOKEN_RE.fullmatch(request.match_info["token"])
    entry = METHODS.get(request.match_info["method"].lower())
    if token is None or entry is None:
        raise not_found()
    name, handler = entry
    core.world.bot_id = int(token[1])
    core.guard.stats.calls[name] += 1
    await core.guard.faults.apply(name)
    params = await read_params(request)
    return await handler(Call(core, params, name))


async def bot_api(request: web.Request) -> web.Response:
    core = request.app[CORE_KEY]
    try:
        result = await _run_method(core, request)
    except ApiError as err:
        core.guard.stats.record_status(err.code)
        return error_response(err)
    except Exception:
        log.exception("emulator bug in %s", request.path)
        core.guard.stats.record_status(500)
        return error_response(ApiError(500, "Internal Server Error"))
    return ok_response(result)


async def file_download(request: web.Request) -> web.Response:
    core = request.app[CORE_KEY]
    stored = core.world.files.by_path.get(request.match_info["file_path"])
    if not TOKEN_RE.fullmatch(request.match_info["token"]) or stored is None:
        return error_response(not_found())
    return web.Response(body=stored.data, content_type="application/octet-stream")


async def unknown_path(request: web.Request) -> web.Response:
    """Telegram answers malformed paths (e.g. an empty token) with its JSON 404 too."""
    return error_response(not_found())


class Emulator:
    """One emulated bot with its users; see the module docstring for the HTTP API."""

    def __init__(
        self,
        *,
        bot_username: str = "munibot_test",
        flood_limits: bool = False,
        extra_routes: Sequence[web.AbstractRouteDef] = (),
    ) -> None:
        """extra_routes are served beside the API (the sandbox's web chat), ahead of the 404."""
        world = World(bot_username)
        self.extra_routes = list(extra_routes)
        self.core = Core(world, Guard(flood_limits), WebhookPusher(world))
        self.host = "127.0.0.1"
        self.port = 0
        self._runner: web.AppRunner | None = None

    @property
    def world(self) -> World:
        return self.core.world

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def api_base(self) -> str:
        return f"{self.url}/bot"

    @property
    def file_base(self) -> str:
        return f"{self.url}/file/bot"

    def build_app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app[CORE_KEY] = self.core
        app.add_routes(
            [
                web.route("*", "/bot{token}/{method}", bot_api),
                web.get("/file/bot{token}/{file_path:.+}", file_download),
                *clientapi.routes(),
                *self.extra_routes,
                web.route("*", "/{tail:.*}", unknown_path),
            ]
        )
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.world.closing = False
        self._runner = web.AppRunner(self.build_app(), access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        self.host, self.port = host, self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Wakes every long poll so they answer at once, then closes the server."""
        self.world.closing = True
        self.world.wake_all()
        await self.core.webhook.stop()
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def __aenter__(self) -> Emulator:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    def set_faults(self, **kw: object) -> JsonObject:
        """Same semantics as POST /control/faults (raises ValueError on bad input)."""
        return self.core.guard.configure(kw)

    def stats(self) -> StatsView:
        return self.core.guard.stats.as_dict()

    def reset_stats(self) -> None:
        self.core.guard.stats.reset()

    def redeliver(self, update_id: int) -> None:
        """Same as POST /control/redeliver (KeyError for an unknown id)."""
        self.core.world.updates.redeliver(update_id)


async def _serve(args: argparse.Namespace) -> None:
    emu = Emulator(bot_username=args.bot_username, flood_limits=args.flood)
    await emu.start(args.host, args.port)
    print(
        f"Telegram Bot API emulator on {emu.url} "
        f"(bot API {emu.api_base}<token>/<method>, client API {emu.url}/client/<user_id>/...)",
        flush=True,
    )
    try:
        await asyncio.Event().wait()
    finally:
        await emu.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Telegram Bot API emulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--flood", action="store_true", help="enforce flood limits")
    parser.add_argument("--bot-username", default="munibot_sandbox")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
