-- Seminars, who is invited to each, and what each invitee answered, attended and thought.

CREATE TABLE seminars (
    id              INTEGER PRIMARY KEY,
    title_ky        TEXT,
    title_ru        TEXT,
    description_ky  TEXT,
    description_ru  TEXT,
    starts_at       TEXT NOT NULL,
    ends_at         TEXT NOT NULL,
    city            TEXT NOT NULL,
    address         TEXT NOT NULL,
    latitude        REAL,
    longitude       REAL,
    audience        TEXT NOT NULL,
    capacity        INTEGER NOT NULL CHECK (capacity > 0),
    rsvp_deadline   TEXT NOT NULL,
    organiser       TEXT NOT NULL,
    checkin_code    TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
    -- Bumped when the start moves, so reminders for the new time get new dedupe keys.
    version         INTEGER NOT NULL DEFAULT 1,
    created_by      INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (title_ky IS NOT NULL OR title_ru IS NOT NULL),
    CHECK (ends_at > starts_at)
);
CREATE INDEX seminars_starts ON seminars(starts_at);

CREATE TABLE seminar_invitations (
    seminar_id     INTEGER NOT NULL REFERENCES seminars(id),
    user_id        INTEGER NOT NULL REFERENCES users(id),
    status         TEXT NOT NULL DEFAULT 'invited'
                   CHECK (status IN ('invited', 'going', 'waitlist', 'declined')),
    invited_at     TEXT NOT NULL,
    answered_at    TEXT,
    waitlist_since TEXT,
    attended_at    TEXT,
    attended_via   TEXT CHECK (attended_via IN ('code', 'link', 'staff')),
    rating         INTEGER CHECK (rating BETWEEN 1 AND 5),
    comment        TEXT,
    PRIMARY KEY (seminar_id, user_id)
);
CREATE INDEX seminar_invitations_user ON seminar_invitations(user_id);
