"""Pages from templates: every text comes translated from `words` (gettext lives in Python, in
views, as everywhere in the bot); templates hold only the layout, and escape what they show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aiohttp import web
from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot.config import LANGUAGES
from bot.console.web import words
from bot.core import labels
from bot.i18n import Translator

TEMPLATES = Path(__file__).resolve().parent / "templates"
ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; object-src 'none';"
        " base-uri 'none'; form-action 'self'; frame-ancestors 'self' https://web.telegram.org"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def page(
    tr: Translator, template: str, status: int = 200, csrf: str | None = None, **context: Any
) -> web.Response:
    """`csrf`: the session's token, for every form on the page (None: signed out)."""
    html = ENV.get_template(template).render(
        w=words.common(tr),
        lang=tr.lang,
        languages=LANGUAGES,
        csrf=csrf,
        language_names={code: labels.language_name(code) for code in LANGUAGES},
        **context,
    )
    return web.Response(
        text=html, status=status, content_type="text/html", headers=SECURITY_HEADERS
    )
