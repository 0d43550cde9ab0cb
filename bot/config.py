"""Configuration from the environment, checked once at start.

A bad value stops the bot with an error that names the variable, so an operator never has to
guess which of six settings was wrong.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LANGUAGES = ("ky", "ru", "en")
TELEGRAM_API_BASE = "https://api.telegram.org/bot"
_TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")


class ConfigError(ValueError):
    """Raised with the variable's name first, so the message is the whole instruction."""

    def __init__(self, variable: str, problem: str) -> None:
        super().__init__(f"{variable}: {problem}")
        self.variable = variable


@dataclass(frozen=True)
class Config:
    token: str | None
    db_path: str
    admins: frozenset[int]
    tz: str
    default_lang: str
    api_base: str
    rate: float | None = 30.0
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    media_dir: str = "./media"
    """Where submitted files are archived (MUNIBOT_MEDIA_DIR), one folder per receipt."""
    retention_days: int = 730
    """How long finished deliveries and idle drafts are kept (MUNIBOT_RETENTION_DAYS)."""
    paid_broadcast: bool = False
    """Every push asks for Telegram's paid broadcasts (MUNIBOT_PAID_BROADCAST)."""
    api_timeout: float = 5.0
    """Seconds to wait for the Bot API's answer (MUNIBOT_API_TIMEOUT); files get longer."""
    console_url: str | None = None
    """The web console's public base URL (MUNIBOT_CONSOLE_URL); None: no console."""
    console_listen: str = "127.0.0.1"
    console_port: int = 8081
    followup_days: int = 3
    """Days after a seminar the organisers have to upload its photos and signed list before
    they are reminded once (MUNIBOT_FOLLOWUP_DAYS)."""
    quiet_hours: tuple[int, int] | None = (21 * 60, 8 * 60)
    """Reminders and scheduled broadcasts due from the first minute of the day (Bishkek) to the
    second go at the second instead (MUNIBOT_QUIET_HOURS); None: no quiet hours."""

    @property
    def file_base(self) -> str:
        """PTB wants the file URL separately; derive it the way Telegram lays its URLs out."""
        if self.api_base.endswith("/bot"):
            return self.api_base[: -len("/bot")] + "/file/bot"
        return self.api_base.rstrip("/") + "/file/bot"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)


def _token(env: Mapping[str, str]) -> str | None:
    token = env.get("BOT_TOKEN", "").strip()
    if not token:
        return None
    if not _TOKEN_RE.match(token):
        raise ConfigError("BOT_TOKEN", "expected the form 123456:ABC-token from @BotFather")
    return token


def _admins(env: Mapping[str, str]) -> frozenset[int]:
    raw = env.get("MUNIBOT_ADMINS", "")
    ids = set()
    for part in raw.replace(" ", "").split(","):
        if not part:
            continue
        if not part.isdigit():
            raise ConfigError("MUNIBOT_ADMINS", f"{part!r} is not a numeric Telegram user id")
        ids.add(int(part))
    return frozenset(ids)


def _tz(env: Mapping[str, str]) -> str:
    tz = env.get("MUNIBOT_TZ", "Asia/Bishkek").strip() or "Asia/Bishkek"
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError("MUNIBOT_TZ", f"unknown time zone {tz!r}") from exc
    return tz


def _lang(env: Mapping[str, str]) -> str:
    lang = env.get("MUNIBOT_DEFAULT_LANG", "ky").strip() or "ky"
    if lang not in LANGUAGES:
        raise ConfigError("MUNIBOT_DEFAULT_LANG", f"must be one of {', '.join(LANGUAGES)}")
    return lang


def _url(env: Mapping[str, str], name: str, default: str | None) -> str | None:
    value = env.get(name, "").strip()
    if not value:
        return default
    if not re.match(r"^https?://[^\s/]+", value):
        raise ConfigError(name, f"expected an http(s) URL, got {value!r}")
    return value


def _port(env: Mapping[str, str], name: str = "MUNIBOT_WEBHOOK_PORT", default: int = 8443) -> int:
    """0 takes any free port (the sandbox and the tests)."""
    raw = env.get(name, str(default)).strip() or str(default)
    if not raw.isdigit() or not 0 <= int(raw) < 65536:
        raise ConfigError(name, f"expected a port number, got {raw!r}")
    return int(raw)


def _rate(env: Mapping[str, str], paid: bool) -> float | None:
    """Messages per second overall; 0 turns our own limits off, which only a test against
    the emulator wants. Paid broadcasts raise the default to Telegram's 1000."""
    default = "1000" if paid else "30"
    raw = env.get("MUNIBOT_RATE", default).strip() or default
    try:
        rate = float(raw)
    except ValueError:
        rate = -1.0
    if rate < 0 or rate > 10_000:
        raise ConfigError("MUNIBOT_RATE", f"expected messages per second (0-10000), got {raw!r}")
    return rate or None


def _flag(env: Mapping[str, str], name: str) -> bool:
    raw = env.get(name, "").strip().lower()
    if raw not in ("", "0", "1", "true", "false", "yes", "no", "on", "off"):
        raise ConfigError(name, f"expected 1 or 0, got {raw!r}")
    return raw in ("1", "true", "yes", "on")


def _seconds(env: Mapping[str, str], name: str, default: float, top: float) -> float:
    raw = env.get(name, "").strip() or str(default)
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0.1 <= value <= top:
        raise ConfigError(name, f"expected seconds (0.1-{top:g}), got {raw!r}")
    return value


def _retention(env: Mapping[str, str]) -> int:
    """Whole days, at least one: delivery logs and drafts older than this are pruned daily."""
    raw = env.get("MUNIBOT_RETENTION_DAYS", "730").strip() or "730"
    if not raw.isdigit() or not 1 <= int(raw) <= 36_500:
        raise ConfigError("MUNIBOT_RETENTION_DAYS", f"expected whole days (1-36500), got {raw!r}")
    return int(raw)


def _quiet(env: Mapping[str, str]) -> tuple[int, int] | None:
    """Like 21:00-08:00 (as minutes of the day, from and to), or off."""
    raw = env.get("MUNIBOT_QUIET_HOURS", "").strip() or "21:00-08:00"
    if raw.lower() in ("off", "0", "no", "none"):
        return None
    found = re.fullmatch(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})", raw)
    hours = [int(x) for x in found.groups()] if found else []
    if not hours or hours[0] > 23 or hours[2] > 23 or hours[1] > 59 or hours[3] > 59:
        raise ConfigError("MUNIBOT_QUIET_HOURS", f"expected like 21:00-08:00 or off, got {raw!r}")
    start, end = hours[0] * 60 + hours[1], hours[2] * 60 + hours[3]
    if start == end:
        raise ConfigError("MUNIBOT_QUIET_HOURS", "the start and the end are the same; use off")
    return start, end


def _whole(env: Mapping[str, str], name: str, default: int, top: int) -> int:
    raw = env.get(name, "").strip() or str(default)
    if not raw.isdigit() or not 1 <= int(raw) <= top:
        raise ConfigError(name, f"expected whole days (1-{top}), got {raw!r}")
    return int(raw)


def load_config(env: Mapping[str, str] | None = None) -> Config:
    """Read and check every variable; tests pass their own mapping instead of os.environ."""
    env = os.environ if env is None else env
    secret = env.get("MUNIBOT_WEBHOOK_SECRET", "").strip() or None
    if secret and not re.match(r"^[A-Za-z0-9_-]{1,256}$", secret):
        raise ConfigError("MUNIBOT_WEBHOOK_SECRET", "use 1-256 characters: A-Z, a-z, 0-9, _ and -")
    paid = _flag(env, "MUNIBOT_PAID_BROADCAST")
    return Config(
        token=_token(env),
        db_path=env.get("MUNIBOT_DB", "").strip() or "./munibot.sqlite3",
        admins=_admins(env),
        tz=_tz(env),
        default_lang=_lang(env),
        api_base=_url(env, "MUNIBOT_API_BASE", None) or TELEGRAM_API_BASE,
        rate=_rate(env, paid),
        webhook_url=_url(env, "MUNIBOT_WEBHOOK_URL", None),
        webhook_secret=secret,
        webhook_listen=env.get("MUNIBOT_WEBHOOK_LISTEN", "").strip() or "0.0.0.0",
        webhook_port=_port(env),
        media_dir=env.get("MUNIBOT_MEDIA_DIR", "").strip() or "./media",
        retention_days=_retention(env),
        paid_broadcast=paid,
        api_timeout=_seconds(env, "MUNIBOT_API_TIMEOUT", 5.0, 120.0),
        console_url=_url(env, "MUNIBOT_CONSOLE_URL", None),
        console_listen=env.get("MUNIBOT_CONSOLE_LISTEN", "").strip() or "127.0.0.1",
        console_port=_port(env, "MUNIBOT_CONSOLE_PORT", 8081),
        followup_days=_whole(env, "MUNIBOT_FOLLOWUP_DAYS", 3, 60),
        quiet_hours=_quiet(env),
    )
