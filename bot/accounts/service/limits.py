"""At most a few registration requests a day, per Telegram account and per phone number, so
that register → /deleteme → register can't send reviewers card after card.

The keys hold keyed hashes, never the id or the number: the count must outlive an erasure
(that is the loop it stops), and an erased person must not be findable in it. The key of the
hash is derived from the bot's token, so a copy of the database alone can't test guesses; the
rows go once they are older than the window (bot.accounts.service.retention).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from bot.clock import Clock
from bot.core import attempts
from bot.core.errors import Refusal
from bot.db import Database, utcnow_iso

REGISTRATIONS_PER_DAY = 3
WINDOW = timedelta(days=1)


def secret_from(token: str | None) -> bytes:
    return hashlib.sha256(b"munibot attempts\0" + (token or "").encode()).digest()


def hashed(secret: bytes, what: str, value: str) -> str:
    """`registration-phone:<hash>` and the like: the same value gives the same key."""
    digest = hmac.new(secret, f"{what}\0{value}".encode(), hashlib.sha256).hexdigest()
    return f"registration-{what}:{digest[:32]}"


class RegistrationLimit:
    def __init__(self, db: Database, clock: Clock, secret: bytes) -> None:
        self.db = db
        self.clock = clock
        self.secret = secret

    def keys(self, telegram_id: int, phone: str | None) -> list[str]:
        found = [hashed(self.secret, "tg", str(telegram_id))]
        if phone:
            found.append(hashed(self.secret, "phone", phone))
        return found

    async def count(self, telegram_id: int, phone: str | None) -> None:
        """Counts one request, or refuses it when the account or the number has had its share
        in the last 24 hours. Run inside the request's transaction: a refusal saves nothing."""
        now = self.clock.now()
        since = utcnow_iso(now - WINDOW)
        keys = self.keys(telegram_id, phone)
        for key in keys:
            if await attempts.count_since(self.db, key, since) >= REGISTRATIONS_PER_DAY:
                raise Refusal("registration_limit", limit=REGISTRATIONS_PER_DAY)
        await attempts.record(self.db, keys, utcnow_iso(now))
