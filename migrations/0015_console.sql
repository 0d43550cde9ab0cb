-- The web console's sign-in (issue 15 §2): one-time links the bot sends with /console, the
-- Mini App sign-ins already used, and the sessions a browser holds. Only SHA-256 digests of the
-- tokens are kept, so a copy of the database signs no one in. People are keyed by Telegram id:
-- a configured admin may have no users row. Times are ISO UTC text, as everywhere.

CREATE TABLE console_links (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    telegram_id INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);
CREATE INDEX console_links_person ON console_links(telegram_id);
CREATE INDEX console_links_expiry ON console_links(expires_at);

-- A Mini App's initData signs in once: its hash is kept until it would be too old anyway.
CREATE TABLE console_webapp_uses (
    hash_digest TEXT PRIMARY KEY,
    telegram_id INTEGER NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX console_webapp_uses_expiry ON console_webapp_uses(expires_at);

CREATE TABLE console_sessions (
    id          INTEGER PRIMARY KEY,
    id_hash     TEXT NOT NULL UNIQUE,
    telegram_id INTEGER NOT NULL,
    lang        TEXT NOT NULL CHECK (lang IN ('ky', 'ru', 'en')),
    csrf        TEXT NOT NULL,
    via         TEXT NOT NULL CHECK (via IN ('link', 'webapp')),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX console_sessions_person ON console_sessions(telegram_id);
CREATE INDEX console_sessions_expiry ON console_sessions(expires_at);
