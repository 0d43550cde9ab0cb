"""/mydata and `python -m bot export my-data`: everything stored about one person, as plain
values ready for JSON (the "download your data" Decidim gives its participants).

Accounts gathers its own part (profile, registration requests, messages queued to them, the
open flow); every other feature adds its part through `Accounts.on_export` (bot.wiring), so
no feature has to know another's tables.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from bot.accounts.repo import personal as repo
from bot.config import LANGUAGES
from bot.core import users as users_repo
from bot.core.places import repo as places
from bot.db import Database

Document = dict[str, object]
"""Sections by name, each made of str, int, float, None, lists and dicts: ready for JSON."""
ExportHook = Callable[[int], Awaitable[Mapping[str, object]]]
"""A feature's sections about one users row (by its id)."""


async def collect(db: Database, telegram_id: int, hooks: list[ExportHook]) -> Document | None:
    """None when the bot stores nothing under this Telegram id."""
    user = await users_repo.by_telegram_id(db, telegram_id)
    if user is None:
        return None
    profile: dict[str, object] = dict(await repo.user_row(db, user.id))
    path = await places.path(db, user.municipality_id)
    profile["municipality"] = {lang: path.describe(lang) for lang in LANGUAGES} if path else None
    profile["staff_of"] = await repo.staff_of(db, user.id)
    document: Document = {
        "profile": profile,
        "registration_requests": await repo.requests(db, user.id),
        "messages_to_you": await repo.messages(db, telegram_id),
        "open_flow": await repo.flow(db, telegram_id),
    }
    for hook in hooks:
        document.update(await hook(user.id))
    return document
