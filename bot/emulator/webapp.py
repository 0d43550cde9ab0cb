"""A Mini App's initData as Telegram signs it, so tests can open the console as a phone
would, with the token the bot under test uses.

Telegram's scheme (https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app):
secret = HMAC-SHA256(key="WebAppData", msg=token); hash = hex HMAC-SHA256(key=secret,
msg=the fields as sorted "key=value" lines). Written here on its own, not borrowed from the
bot, so the two implementations check each other.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any
from urllib.parse import urlencode


def sign_init_data(token: str, user: dict[str, Any], auth_date: int, **fields: str) -> str:
    """The query string Telegram.WebApp.initData holds, `hash` included. Extra fields
    (query_id, chat_instance, start_param...) are signed with the rest."""
    values = {
        **fields,
        "user": json.dumps(user, ensure_ascii=False, separators=(",", ":")),
        "auth_date": str(auth_date),
    }
    check = "\n".join(f"{key}={values[key]}" for key in sorted(values))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    values["hash"] = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode(values)
