"""The shared state both HTTP faces (Bot API and client/control API) operate on."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from bot.emulator.limits import Guard
from bot.emulator.state import World
from bot.emulator.webhook import WebhookPusher


@dataclass
class Core:
    world: World
    guard: Guard
    webhook: WebhookPusher


CORE_KEY = web.AppKey("sandbox_core", Core)
