-- Reminders set per event (issue 16 §1): how long before a seminar's start or a competition's
-- deadline each reminder goes ("7d 3d 1d 3h": whole days or hours), whether they go at all, the
-- hour of day (Bishkek) the day ones go at, and staff's own text per language, which replaces the
-- standard one. An event without a row gets the reminders it had before: 24h 2h for a seminar,
-- 7d 3d 1d 3h for a competition. When each reminder goes is in the outbox (its not_before).

CREATE TABLE seminar_reminders (
    seminar_id  INTEGER PRIMARY KEY REFERENCES seminars(id),
    enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    offsets     TEXT NOT NULL,
    at_hour     INTEGER CHECK (at_hour BETWEEN 0 AND 23),
    text_ky     TEXT,
    text_ru     TEXT,
    updated_at  TEXT NOT NULL
);

CREATE TABLE competition_reminders (
    competition_id INTEGER PRIMARY KEY REFERENCES competitions(id),
    enabled        INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    offsets        TEXT NOT NULL,
    at_hour        INTEGER CHECK (at_hour BETWEEN 0 AND 23),
    text_ky        TEXT,
    text_ru        TEXT,
    updated_at     TEXT NOT NULL
);
