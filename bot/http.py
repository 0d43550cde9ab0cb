"""PTB's HTTP requests over aiohttp instead of httpx.

Measured against the emulator on this 2-core machine, PTB over httpx topped out near 400
requests a second while the same calls over aiohttp ran several times faster; a broadcast to
thousands of members at paid-broadcast rates needs the latter. PTB supports swapping its HTTP
backend through BaseRequest; everything above this layer (retries, errors, objects) is PTB's own.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import aiohttp
from telegram import InlineKeyboardMarkup, ReplyKeyboardMarkup, TelegramObject
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import ExtBot
from telegram.request import BaseRequest, RequestData

_TOKEN_IN_URL = re.compile(r"/bot\d+:[\w-]+")
REPLY_RETRY_S = (0.5, 1.0, 2.0, 4.0)
T = TypeVar("T")


class AiohttpRequest(BaseRequest):
    def __init__(
        self,
        pool_size: int = 256,
        read_timeout: float = 5.0,
        connect_timeout: float = 5.0,
        media_timeout: float = 30.0,
    ) -> None:
        self._pool_size = pool_size
        self._read_timeout = read_timeout
        self._connect_timeout = connect_timeout
        self._media_timeout = media_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(connector=connector)

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: float | None | object = BaseRequest.DEFAULT_NONE,
        write_timeout: float | None | object = BaseRequest.DEFAULT_NONE,
        connect_timeout: float | None | object = BaseRequest.DEFAULT_NONE,
        pool_timeout: float | None | object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None:
            raise RuntimeError("AiohttpRequest is not initialized")
        files = request_data is not None and request_data.contains_files
        read = _value(read_timeout, self._media_timeout if files else self._read_timeout)
        timeout = aiohttp.ClientTimeout(
            sock_connect=_value(connect_timeout, self._connect_timeout),
            sock_read=read,
            total=None if read is None else read + self._connect_timeout,
        )
        try:
            body, content_type = _body(request_data)
            headers = {"User-Agent": self.USER_AGENT}
            if content_type:
                headers["Content-Type"] = content_type
            async with self._session.request(
                method, url, data=body, headers=headers, timeout=timeout
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(_redact(f"aiohttp.{exc.__class__.__name__}: {exc}")) from None
        except asyncio.CancelledError:
            raise


def _redact(message: str) -> str:
    """aiohttp's errors may quote the URL, and the URL holds the bot token: never log it."""
    return _TOKEN_IN_URL.sub("/bot<token>", message)


def _value(given: object, default: float | None) -> float | None:
    return given if isinstance(given, int | float) or given is None else default


def _body(request_data: RequestData | None) -> tuple[aiohttp.FormData | bytes | None, str | None]:
    """A JSON body when there are no files (aiohttp's form encoding cost more than the rest of
    a send), multipart parts when there are, like PTB's httpx backend."""
    if request_data is None:
        return None, None
    if not request_data.contains_files:
        return json.dumps(request_data.parameters).encode(), "application/json"
    params = request_data.json_parameters
    form = aiohttp.FormData()
    for name, value in params.items():
        form.add_field(name, value)
    for name, (filename, content, mime) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mime)
    return form, None


async def retrying(send: Callable[[], Awaitable[T]]) -> T:
    """An answer to the person in front of us is tried again a few times over about 7 s when
    the Bot API fails or is too slow: the update's change is already saved, and they would
    otherwise hear nothing. After a timeout Telegram may have taken the message after all, so
    on a slow API a reply can arrive twice; an edit or a button's answer cannot."""
    for wait in REPLY_RETRY_S:
        try:
            return await send()
        except BadRequest:
            raise
        except NetworkError:
            await asyncio.sleep(wait)
    return await send()


class Bot(ExtBot[dict[str, Any]]):
    """PTB's bot with one more way to call the Bot API: `call`, whose answer stays Telegram's
    JSON. PTB parses every answer into its objects (a sent message comes back whole), and
    serialises a keyboard object anew for every message; for the bot's replies and pushes,
    which read at most the new message's id, that cost more than the rest of handling an update
    (bench/updates.py). Defaults and the rate limiter apply as for any other call."""

    _wired: dict[int, tuple[TelegramObject, dict[str, Any]]]

    async def call(
        self, method: str, params: dict[str, object], rate_limit_args: dict[str, Any] | None = None
    ) -> Any:
        data = {k: self._wire(v) for k, v in params.items()}
        return await self._post(method, self._merge_api_rl_kwargs(data, rate_limit_args))

    async def reply(self, method: str, params: dict[str, object]) -> Any:
        """`call` for an answer to the person in front of us (see `retrying`)."""
        return await retrying(lambda: self.call(method, params))

    def _wire(self, value: object) -> object:
        """A keyboard object is serialised once: the home menu and the registration steps' lists
        are kept (bot.accounts.views.menu, bot.core.keyboards) and go with many messages."""
        if not isinstance(value, InlineKeyboardMarkup | ReplyKeyboardMarkup):
            return value
        cache = self.__dict__.setdefault("_wired", {})
        found = cache.get(id(value))
        if found is None or found[0] is not value:
            if len(cache) > 64:
                cache.clear()
            found = cache[id(value)] = (value, value.to_dict())
        return found[1]


async def download(bot: ExtBot[Any], file_id: str) -> bytes:
    """A file the bot holds, by file_id, as bytes (Telegram lets bots download up to 20 MB)."""
    found = await bot.get_file(file_id)
    return bytes(await found.download_as_bytearray())
