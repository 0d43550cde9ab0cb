"""A MUNIBOT_DB value as operators and logs may see it: which engine, and never its password.

The password can sit in the URL's user part or in its query (`?password=`), and psycopg repeats
a URL it can't parse in its error, so both the URL and any error about it go through here
before they are printed or logged.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

PG_SCHEMES = ("postgresql://", "postgres://")


class BadDatabaseUrl(ValueError):
    """MUNIBOT_DB can't be understood: trying again won't help. The message is scrubbed."""


HIDDEN = "***"


def is_pg(db: str) -> bool:
    return db.startswith(PG_SCHEMES)


def hide_password(url: str) -> str:
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if any(key == "password" for key, _ in query):
        hidden = [(k, HIDDEN if k == "password" else v) for k, v in query]
        parts = parts._replace(query=urlencode(hidden, safe="*"))
    if parts.password is None:
        return parts.geturl()
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:{HIDDEN}@{f'[{host}]' if ':' in host else host}"
    if parts.port is not None:
        netloc += f":{parts.port}"
    return parts._replace(netloc=netloc).geturl()


def secrets_of(url: str) -> list[str]:
    found: list[str] = []
    try:
        parts = urlsplit(url)
        if parts.password:
            found += [parts.password, unquote(parts.password)]
        found += [v for k, v in parse_qsl(parts.query) if k == "password" and v]
    except ValueError:  # a URL too broken to split: hide what follows the user name
        user_part = url.split("@", 1)[0]
        if ":" in user_part.split("//", 1)[-1]:
            found.append(user_part.split("//", 1)[-1].split(":", 1)[1])
    return [s for s in found if s]


def first_line(exc: BaseException, url: str) -> str:
    """The error's first line, with the URL's password hidden wherever it appears."""
    text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    for secret in sorted(secrets_of(url), key=len, reverse=True):
        text = text.replace(secret, HIDDEN)
    return text
