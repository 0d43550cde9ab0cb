"""A broadcast composed in one go, as the console's form gives it, and the key that makes its
Send count once.

The chat keeps a draft in the flows table and advances it step by step; a browser form carries
every field at once, so `BroadcastWizard.compose` checks them together and `send` creates the
broadcast as `confirm` does. The preview hands out a key; `send` takes it in the same
transaction as the broadcast, so the same form posted twice (a double click, a reload) sends
once. Keys live in the `attempts` table, which retention empties after a day: a key is refused
well before that.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape

from bot.core import attempts
from bot.core.audience.service import Audience
from bot.core.errors import Refusal
from bot.core.texts import telegram_length
from bot.db import Database, utcnow_iso

KEY_LIFE = timedelta(hours=12)


@dataclass(frozen=True)
class Composition:
    """The form's fields: the texts as typed (plain text; "" when left out), the audience as
    the selector would build it, and when to send (None: now)."""

    audience: Audience
    text_ky: str
    text_ru: str
    send_at: datetime | None = None


def typed_text(text: str) -> tuple[str, int] | None:
    """Typed text as the chat stores it: Telegram's HTML (escaped) and the length Telegram
    counts; None when nothing but spaces was typed."""
    plain = text.replace("\r\n", "\n").strip()
    if not plain:
        return None
    return escape(plain, quote=False), telegram_length(plain)


def new_key(now: datetime) -> str:
    return f"{int(now.timestamp())}.{secrets.token_urlsafe(16)}"


async def spend(db: Database, telegram_id: int, key: str, now: datetime) -> None:
    """Takes the key, inside the caller's transaction: "already_sent" when it was taken,
    "form_expired" when it is not one `new_key` made in the last KEY_LIFE."""
    issued, _, token = key.partition(".")
    if not issued.isdigit() or len(token) < 16:
        raise Refusal("form_expired")
    age = now - datetime.fromtimestamp(int(issued), now.tzinfo)
    if not timedelta(minutes=-5) <= age <= KEY_LIFE:
        raise Refusal("form_expired")
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    name = f"broadcast-form:{telegram_id}:{digest}"
    if await attempts.count_since(db, name, ""):
        raise Refusal("already_sent")
    await attempts.record(db, [name], utcnow_iso(now))
