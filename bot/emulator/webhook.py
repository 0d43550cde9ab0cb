"""Webhook mode: push pending updates to the bot's URL, one at a time, in order.

Deliberate simplifications: plain http is allowed and any port; updates go out
sequentially (max_connections is stored, not used); an update that still fails after
ATTEMPTS tries is dropped and reported through getWebhookInfo.last_error_*. The reply
body of the webhook (Telegram allows a method call there) is ignored.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from urllib.parse import urlsplit

import aiohttp

from bot.emulator.protocol import JsonObject, bad_request
from bot.emulator.state import World, now

_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")


class WebhookPusher:
    ATTEMPTS = 4
    BACKOFF = (0.1, 0.3, 0.6)
    TIMEOUT = 10.0

    def __init__(self, world: World) -> None:
        self.world = world
        self.url = ""
        self.secret_token: str | None = None
        self.max_connections = 40
        self.ip_address: str | None = None
        self.last_error_date: int | None = None
        self.last_error_message: str | None = None
        self.delivered = 0
        self._task: asyncio.Task[None] | None = None

    @property
    def active(self) -> bool:
        return bool(self.url)

    async def set(self, url: str, secret_token: str | None, max_connections: int | None) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if secret_token and not _SECRET_RE.fullmatch(secret_token):
            raise bad_request("bad webhook: secret token contains unallowed characters")
        if max_connections is not None and not 1 <= max_connections <= 100:
            raise bad_request("bad webhook: max_connections must be between 1 and 100")
        await self.stop()
        self.url, self.secret_token = url, secret_token or None
        self.max_connections = max_connections or 40
        self.last_error_date = self.last_error_message = None
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def delete(self) -> None:
        await self.stop()
        self.url, self.secret_token = "", None

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def info(self) -> JsonObject:
        info: JsonObject = {
            "url": self.url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.world.updates.pending),
        }
        if self.url:
            info["max_connections"] = self.max_connections
            info["allowed_updates"] = sorted(self.world.updates.allowed)
        if self.last_error_date:
            info["last_error_date"] = self.last_error_date
            info["last_error_message"] = self.last_error_message
        return info

    async def _run(self) -> None:
        timeout = aiohttp.ClientTimeout(total=self.TIMEOUT)
        log = self.world.updates
        async with aiohttp.ClientSession(timeout=timeout) as session:
            while not self.world.closing:
                batch = log.peek(1)
                if not batch:
                    await log.pulse.wait(30)
                    continue
                update = batch[0]
                await self._deliver(session, update)
                log.confirm(update["update_id"] + 1)

    async def _deliver(self, session: aiohttp.ClientSession, update: JsonObject) -> bool:
        headers = {}
        if self.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = self.secret_token
        for attempt in range(self.ATTEMPTS):
            try:
                async with session.post(self.url, json=update, headers=headers) as resp:
                    await resp.read()
                    if resp.status < 300:
                        self.delivered += 1
                        return True
                    error = f"Wrong response from the webhook: {resp.status} {resp.reason}"
            except (aiohttp.ClientError, TimeoutError) as exc:
                error = f"Connection failed: {type(exc).__name__}: {exc}"
            self.last_error_date, self.last_error_message = now(), error
            if attempt < len(self.BACKOFF):
                await asyncio.sleep(self.BACKOFF[attempt])
        return False
