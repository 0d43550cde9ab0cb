"""Signing in to the web console through Telegram, with no passwords, and the sessions after.

Two ways in, both vouched for by Telegram: a one-time link the bot sends with /console (any
browser), and a Mini App's initData (the bot's web_app button). Either gives a server-side
session whose random id is the cookie; the tables keep only SHA-256 digests of links and
session ids. Only staff get in, and staff are checked again on every request: a coordinator
demoted or erased is out at once, whatever cookie they hold.

Sessions slide: each use pushes the expiry to 12 hours after it (written at most every few
minutes), up to 7 days after sign-in; then the reader signs in again from the bot.
"""

from __future__ import annotations

import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.config import LANGUAGES, Config
from bot.console.auth import initdata
from bot.console.auth import repo as auth_repo
from bot.console.auth.repo import digest
from bot.core.errors import NotAllowed, Refusal
from bot.core.people import Actor, People
from bot.db import Database, utcnow_iso

log = logging.getLogger(__name__)

LINK_LIFETIME = timedelta(minutes=10)
LINK_KEPT = timedelta(days=1)
"""A link past its time is kept this long, so a late click hears "expired", not "unknown"."""
SESSION_IDLE = timedelta(hours=12)
SESSION_MAX = timedelta(days=7)
EXTEND_EVERY = timedelta(minutes=5)
"""A page view within this of the last extension writes nothing."""


@dataclass(frozen=True)
class Session:
    id: str
    """The cookie value; only its SHA-256 is stored."""
    telegram_id: int
    lang: str
    expires_at: datetime
    csrf: str
    """Sent back with every form; compared with `ConsoleAuth.check_csrf`."""


class ConsoleAuth:
    def __init__(self, db: Database, config: Config, clock: Clock, people: People) -> None:
        self.db = db
        self.config = config
        self.clock = clock
        self.people = people

    def _now(self) -> datetime:
        return self.clock.now()

    def webapp_url(self) -> str | None:
        """Where the bot's web_app button opens the console; None unless the console is on
        https, the only scheme Telegram opens as a Mini App."""
        base = self.config.console_url
        if not base or not base.lower().startswith("https://"):
            return None
        return f"{base.rstrip('/')}/console/webapp"

    async def issue_link(self, telegram_id: int) -> str:
        """A one-time sign-in link for this staff member: works once, for 10 minutes.
        NotAllowed for anyone else; Refusal("console_off") when no console is configured."""
        actor = await self.people.require_staff(telegram_id)
        if not self.config.console_url:
            raise Refusal("console_off")
        now = self._now()
        await auth_repo.prune(self.db, utcnow_iso(now), utcnow_iso(now - LINK_KEPT))
        token = secrets.token_urlsafe(32)
        until = utcnow_iso(now + LINK_LIFETIME)
        link_id = await auth_repo.add_link(
            self.db, digest(token), telegram_id, utcnow_iso(now), until
        )
        log.info("console link %s issued to %s", link_id, _who(actor))
        return f"{self.config.console_url.rstrip('/')}/console/login/{token}"

    async def sign_in_link(self, token: str) -> Session:
        """Consumes the link, whoever presents it: a second click, or a stolen copy used
        after the owner's, is refused."""
        found = await auth_repo.link(self.db, digest(token)) if token else None
        if found is None:
            log.info("console link refused: unknown")
            raise Refusal("console_link_unknown")
        now = utcnow_iso(self._now())
        if found.used_at is not None:
            log.info("console link %s refused: used before", found.id)
            raise Refusal("console_link_used")
        if found.expires_at <= now:
            log.info("console link %s refused: expired", found.id)
            raise Refusal("console_link_expired")
        if not await auth_repo.use_link(self.db, found.id, now):
            log.info("console link %s refused: used at the same moment", found.id)
            raise Refusal("console_link_used")
        return await self._open(found.telegram_id, "link")

    async def sign_in_webapp(self, init_data: str) -> Session:
        """The Mini App's initData, checked as Telegram specifies; each one signs in once."""
        now = self._now()
        try:
            checked = initdata.check(self.config.token, init_data, int(now.timestamp()))
        except Refusal as refusal:
            log.info("console Mini App sign-in refused: %s", refusal.code)
            raise
        until = datetime.fromtimestamp(checked.auth_date + initdata.MAX_AGE_S, now.tzinfo)
        fresh = await auth_repo.use_webapp(
            self.db, digest(checked.hash), checked.telegram_id, utcnow_iso(until)
        )
        if not fresh:
            log.info("console Mini App sign-in refused: replayed, chat %s", checked.telegram_id)
            raise Refusal("console_old_init_data")
        return await self._open(checked.telegram_id, "webapp")

    async def _open(self, telegram_id: int, via: str) -> Session:
        actor = await self.people.actor(telegram_id)
        if not actor.is_staff:
            log.info("console sign-in refused: %s is not staff", _who(actor))
            raise NotAllowed
        session_id, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        lang = await self.people.lang_of(telegram_id)
        now = self._now()
        until = now + SESSION_IDLE
        await auth_repo.add_session(
            self.db, digest(session_id), telegram_id, lang, csrf, via, utcnow_iso(now),
            utcnow_iso(until),
        )  # fmt: skip
        log.info("console sign-in by %s via %s", _who(actor), via)
        return Session(session_id, telegram_id, lang, until, csrf)

    async def session(self, session_id: str | None) -> Session | None:
        """The session behind a cookie, its expiry pushed on; None when there is none, it has
        expired or ended, or its owner is no longer staff (whose sessions then all end)."""
        if not session_id:
            return None
        id_hash = digest(session_id)
        row = await auth_repo.session(self.db, id_hash)
        now = self._now()
        if row is None:
            return None
        if row.expires_at <= utcnow_iso(now):
            await auth_repo.drop_session(self.db, id_hash)
            return None
        actor = await self.people.actor(row.telegram_id)
        if not actor.is_staff:
            await self.end_sessions_of(row.telegram_id)
            return None
        expires = datetime.fromisoformat(row.expires_at)
        wanted = min(now + SESSION_IDLE, datetime.fromisoformat(row.created_at) + SESSION_MAX)
        if wanted - expires >= EXTEND_EVERY:
            await auth_repo.extend(self.db, row.id, utcnow_iso(wanted))
            expires = wanted
        return Session(session_id, row.telegram_id, row.lang, expires, row.csrf)

    async def set_lang(self, session_id: str, lang: str) -> None:
        """The console's language for this session only; the bot's stays as chosen there."""
        if lang not in LANGUAGES:
            raise NotAllowed
        await auth_repo.set_lang(self.db, digest(session_id), lang)

    async def sign_out(self, session_id: str) -> None:
        await auth_repo.drop_session(self.db, digest(session_id))

    async def end_sessions_of(self, telegram_id: int) -> None:
        """On demotion: every browser of theirs is signed out at once."""
        ended = await auth_repo.drop_sessions_of(self.db, telegram_id)
        if ended:
            log.info("console: %s sessions of chat %s ended", ended, telegram_id)

    async def forget(self, user_id: int, telegram_id: int) -> None:
        """An erased person's sessions, links and sign-ins (an `Accounts.on_erase` hook)."""
        await auth_repo.forget(self.db, telegram_id)

    def check_csrf(self, session: Session, token: str | None) -> bool:
        if not token:
            return False
        return hmac.compare_digest(session.csrf.encode(), token.encode())


def _who(actor: Actor) -> str:
    """Ids only in the log: the users id, or the Telegram id of an admin with no row."""
    if actor.user is not None:
        return f"user {actor.user.id}"
    return f"chat {actor.telegram_id}"
