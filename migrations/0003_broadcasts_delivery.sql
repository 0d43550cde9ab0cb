-- Broadcasts, leases on outbox rows, and what the dispatcher learns about recipients.

CREATE TABLE broadcasts (
    id                  INTEGER PRIMARY KEY,
    author_id           INTEGER NOT NULL REFERENCES users(id),
    text_ky             TEXT,
    text_ru             TEXT,
    attachment_kind     TEXT CHECK (attachment_kind IN ('photo', 'document')),
    attachment_file_id  TEXT,
    attachment_name     TEXT,
    audience            TEXT NOT NULL,
    status              TEXT NOT NULL DEFAULT 'queued'
                        CHECK (status IN ('queued', 'cancelled')),
    send_at             TEXT NOT NULL,
    total               INTEGER NOT NULL DEFAULT 0,
    progress_chat_id    INTEGER,
    progress_message_id INTEGER,
    created_at          TEXT NOT NULL
);

ALTER TABLE outbox ADD COLUMN broadcast_id INTEGER REFERENCES broadcasts(id);
ALTER TABLE outbox ADD COLUMN lease_until TEXT;
CREATE INDEX outbox_broadcast ON outbox(broadcast_id, status);
CREATE INDEX outbox_chat ON outbox(chat_id, status);

-- Set by a 403 or by the member blocking the bot; cleared when they /start again.
ALTER TABLE users ADD COLUMN unreachable INTEGER NOT NULL DEFAULT 0;
-- /mute: no announcements; messages about the member's own business still arrive.
ALTER TABLE users ADD COLUMN muted INTEGER NOT NULL DEFAULT 0;
