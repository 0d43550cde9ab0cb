-- A seminar's whole cycle (issue 16 §2 and the follow-up of §1): the staff who organise it
-- besides its author, the files kept with it (the agenda sent with invitations, handouts for
-- those who came, the photos and the signed list of participants uploaded afterwards), and
-- guests who came without being registered. Files are kept by Telegram file_id. Times are ISO
-- UTC text, as everywhere.

CREATE TABLE seminar_organisers (
    seminar_id INTEGER NOT NULL REFERENCES seminars(id),
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    added_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    added_at   TEXT NOT NULL,
    PRIMARY KEY (seminar_id, user_id)
);
CREATE INDEX seminar_organisers_user ON seminar_organisers(user_id);

-- A handout's `batch` is the send it went out in (empty: attached, not sent yet).
CREATE TABLE seminar_files (
    id             INTEGER PRIMARY KEY,
    seminar_id     INTEGER NOT NULL REFERENCES seminars(id),
    purpose        TEXT NOT NULL CHECK (purpose IN ('agenda', 'handout', 'photo', 'signed_list')),
    kind           TEXT NOT NULL CHECK (kind IN ('document', 'photo')),
    file_id        TEXT NOT NULL,
    file_unique_id TEXT,
    file_name      TEXT,
    mime_type      TEXT,
    file_size      INTEGER,
    batch          INTEGER,
    added_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    added_at       TEXT NOT NULL
);
CREATE INDEX seminar_files_seminar ON seminar_files(seminar_id, purpose);

-- Someone who came without being registered: counted as trained (and as a woman, when she is
-- one), never as a distinct registered person.
CREATE TABLE seminar_guests (
    id         INTEGER PRIMARY KEY,
    seminar_id INTEGER NOT NULL REFERENCES seminars(id),
    full_name  TEXT NOT NULL,
    gender     TEXT NOT NULL CHECK (gender IN ('female', 'male', 'undisclosed')),
    added_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    added_at   TEXT NOT NULL
);
CREATE INDEX seminar_guests_seminar ON seminar_guests(seminar_id);
