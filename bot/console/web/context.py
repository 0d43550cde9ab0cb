"""Who is reading a page, and in which language: the session's, or before signing in the one
asked for (?lang=) or the bot's default."""

from __future__ import annotations

from aiohttp import web

from bot.config import LANGUAGES
from bot.console.auth.service import Session
from bot.core.errors import NotFound
from bot.i18n import Translator, translator
from bot.wiring import Services

COOKIE = "munibot_console"
SERVICES = web.AppKey("services", Services)
BOT_USERNAME = web.AppKey("bot_username", str)
SESSION = web.RequestKey("session", Session)


def services(request: web.Request) -> Services:
    return request.app[SERVICES]


def bot_username(request: web.Request) -> str:
    return request.app[BOT_USERNAME]


def session(request: web.Request) -> Session:
    return request[SESSION]


def tr_of(request: web.Request) -> Translator:
    config = services(request).config
    signed = request.get(SESSION)
    lang = signed.lang if signed is not None else request.query.get("lang", "")
    return translator(lang if lang in LANGUAGES else config.default_lang, config.tz)


def whole_number(raw: str) -> int:
    """An id from the address or a form; anything else names a page that does not exist."""
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
        raise NotFound(raw[:20])
    return int(raw)
