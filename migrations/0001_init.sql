-- Directory, people, conversation state and the outbox.
-- Times are ISO-8601 UTC strings ("2026-11-22T04:15:00+00:00").

CREATE TABLE regions (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,
    kind    TEXT NOT NULL CHECK (kind IN ('oblast', 'city')),
    name_ky TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE districts (
    id        INTEGER PRIMARY KEY,
    region_id INTEGER NOT NULL REFERENCES regions(id),
    code      TEXT NOT NULL UNIQUE,
    name_ky   TEXT NOT NULL,
    name_ru   TEXT NOT NULL,
    name_en   TEXT NOT NULL
);
CREATE INDEX districts_region ON districts(region_id);

CREATE TABLE municipalities (
    id          INTEGER PRIMARY KEY,
    district_id INTEGER NOT NULL REFERENCES districts(id),
    kind        TEXT NOT NULL CHECK (kind IN ('aiyl_aimak', 'town', 'city')),
    name_ky     TEXT NOT NULL,
    name_ru     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    UNIQUE (district_id, name_en)
);

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    telegram_id     INTEGER UNIQUE,
    lang            TEXT,
    tg_lang         TEXT,
    phone           TEXT,
    full_name       TEXT,
    tg_name         TEXT,
    gender          TEXT CHECK (gender IN ('female', 'male', 'undisclosed')),
    municipality_id INTEGER REFERENCES municipalities(id),
    position        TEXT,
    position_detail TEXT,
    role            TEXT NOT NULL DEFAULT 'member'
                    CHECK (role IN ('member', 'coordinator', 'admin')),
    status          TEXT NOT NULL DEFAULT 'new'
                    CHECK (status IN ('new', 'pending', 'approved', 'rejected', 'deleted')),
    submissions     INTEGER NOT NULL DEFAULT 0,
    reviewed_by     INTEGER REFERENCES users(id),
    reviewed_at     TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX users_status ON users(status);
CREATE INDEX users_municipality ON users(municipality_id);

-- A coordinator with no rows here covers every region.
CREATE TABLE coordinator_regions (
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    region_id INTEGER NOT NULL REFERENCES regions(id),
    PRIMARY KEY (user_id, region_id)
);

-- One open multi-step flow per chat (registration, profile edit, ...), written at every step
-- so that a restart resumes where the user stood.
CREATE TABLE flows (
    telegram_id INTEGER PRIMARY KEY,
    flow        TEXT NOT NULL,
    step        TEXT NOT NULL,
    data        TEXT NOT NULL DEFAULT '{}',
    updated_at  TEXT NOT NULL
);

-- Every push that is not a direct reply. Rendered in the recipient's language at send time.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    dedupe_key  TEXT NOT NULL UNIQUE,
    chat_id     INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    template    TEXT NOT NULL,
    params      TEXT NOT NULL DEFAULT '{}',
    not_before  TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'blocked', 'cancelled')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    message_id  INTEGER,
    created_at  TEXT NOT NULL,
    sent_at     TEXT
);
CREATE INDEX outbox_due ON outbox(status, not_before);
