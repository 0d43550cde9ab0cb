"""A Telegram Mini App's initData, checked as Telegram specifies
(https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app).

The secret is HMAC-SHA256 of the bot token keyed with "WebAppData"; the hash is the hex
HMAC-SHA256, keyed with that secret, of every received field but `hash`, as sorted "key=value"
lines. Only the bot and Telegram know the token, so a matching hash means Telegram vouches for
the `user` in it; `auth_date` says when, so an old copy can be refused.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from urllib.parse import parse_qsl

from bot.core.errors import Refusal

MAX_AGE_S = 3600
FUTURE_SKEW_S = 300
"""A phone's clock a little ahead is tolerated; an auth_date further ahead is not Telegram's."""
MAX_LENGTH = 8192


@dataclass(frozen=True)
class Checked:
    telegram_id: int
    auth_date: int
    hash: str


def secret_key(token: str) -> bytes:
    return hmac.new(b"WebAppData", token.encode("utf-8"), hashlib.sha256).digest()


def data_check_string(fields: dict[str, str]) -> str:
    return "\n".join(f"{k}={v}" for k, v in sorted(fields.items()) if k != "hash")


def expected_hash(token: str, fields: dict[str, str]) -> str:
    message = data_check_string(fields).encode("utf-8")
    return hmac.new(secret_key(token), message, hashlib.sha256).hexdigest()


def check(token: str | None, init_data: str, now: int) -> Checked:
    """The Telegram user the initData vouches for. Refusal("console_bad_init_data") for
    anything malformed or signed with another token, ("console_old_init_data") for a true one
    older than an hour; the signature is checked first, so a forgery is never called old."""
    fields = _fields(init_data)
    given = fields.get("hash", "").lower()
    if not token or not hmac.compare_digest(expected_hash(token, fields).encode(), given.encode()):
        raise Refusal("console_bad_init_data")
    raw_date = fields.get("auth_date", "")
    if not raw_date.isdigit() or int(raw_date) > now + FUTURE_SKEW_S:
        raise Refusal("console_bad_init_data")
    if now - int(raw_date) > MAX_AGE_S:
        raise Refusal("console_old_init_data")
    return Checked(_user_id(fields.get("user")), int(raw_date), given)


def _fields(init_data: str) -> dict[str, str]:
    if not init_data or len(init_data) > MAX_LENGTH or not init_data.isascii():
        raise Refusal("console_bad_init_data")
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise Refusal("console_bad_init_data") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise Refusal("console_bad_init_data")
    return fields


def _user_id(raw: str | None) -> int:
    try:
        user = json.loads(raw or "")
    except ValueError:
        raise Refusal("console_bad_init_data") from None
    found = user.get("id") if isinstance(user, dict) else None
    if not isinstance(found, int) or isinstance(found, bool) or found <= 0:
        raise Refusal("console_bad_init_data")
    return found
