-- Delivery that outlives an outage, updates handled once, and limits on repeated attempts.

-- The last moment a push still makes sense (a reminder's event, a notice's deadline); NULL for
-- what waits however long it takes (broadcasts, results). Past it the row is dropped unsent.
ALTER TABLE outbox ADD COLUMN expires_at TEXT;
-- Set when a send timed out and was tried again: Telegram may have delivered it the first time,
-- and the Bot API gives no way to tell; the delivery report counts such rows.
ALTER TABLE outbox ADD COLUMN maybe_twice INTEGER NOT NULL DEFAULT 0;

-- Update ids handled in the last day: an update Telegram delivers twice (a webhook retried, a
-- restart before polling confirmed it) is handled once.
CREATE TABLE seen_updates (
    update_id INTEGER PRIMARY KEY,
    seen_at   TEXT NOT NULL
);
CREATE INDEX seen_updates_at ON seen_updates(seen_at);

-- Attempts that are limited per person and time (wrong check-in codes, registrations). The key
-- names what is counted and whose it is ("checkin:<user>", "registration-phone:<hash>").
CREATE TABLE attempts (
    key TEXT NOT NULL,
    at  TEXT NOT NULL
);
CREATE INDEX attempts_key_at ON attempts(key, at);
