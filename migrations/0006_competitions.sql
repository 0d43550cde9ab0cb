-- Competitions between municipalities or clusters: who may enter, what each entrant submitted
-- (every version kept), how it was reviewed (every change logged) and the results.

CREATE TABLE competitions (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL,
    title_ky        TEXT,
    title_ru        TEXT,
    description_ky  TEXT,
    description_ru  TEXT,
    rules_ky        TEXT,
    rules_ru        TEXT,
    prizes_ky       TEXT,
    prizes_ru       TEXT,
    entrant_kind    TEXT NOT NULL CHECK (entrant_kind IN ('municipality', 'cluster')),
    audience        TEXT NOT NULL,
    opens_at        TEXT NOT NULL,
    deadline        TEXT NOT NULL,
    max_files       INTEGER NOT NULL DEFAULT 10 CHECK (max_files BETWEEN 0 AND 30),
    needs_residents INTEGER NOT NULL DEFAULT 1,
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
    -- Bumped when the deadline moves, so reminders for the new time get new dedupe keys.
    version         INTEGER NOT NULL DEFAULT 1,
    results_published_at TEXT,
    created_by      INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (title_ky IS NOT NULL OR title_ru IS NOT NULL),
    CHECK (deadline > opens_at)
);
CREATE INDEX competitions_deadline ON competitions(deadline);

-- The eligible entrants, fixed when the competition is created: municipality or cluster ids.
CREATE TABLE competition_entrants (
    competition_id INTEGER NOT NULL REFERENCES competitions(id),
    entrant_id     INTEGER NOT NULL,
    extended_until TEXT,
    PRIMARY KEY (competition_id, entrant_id)
);

CREATE TABLE submissions (
    id                INTEGER PRIMARY KEY,
    competition_id    INTEGER NOT NULL REFERENCES competitions(id),
    entrant_id        INTEGER NOT NULL,
    seq               INTEGER NOT NULL,
    receipt           TEXT NOT NULL UNIQUE,
    status            TEXT NOT NULL DEFAULT 'received'
                      CHECK (status IN ('received', 'under_review', 'accepted',
                                        'needs_revision', 'rejected')),
    version           INTEGER NOT NULL DEFAULT 1,
    review_comment    TEXT,
    revision_deadline TEXT,
    score             INTEGER CHECK (score BETWEEN 0 AND 100),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    UNIQUE (competition_id, entrant_id),
    UNIQUE (competition_id, seq)
);
CREATE INDEX submissions_status ON submissions(competition_id, status);

CREATE TABLE submission_versions (
    id            INTEGER PRIMARY KEY,
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    version       INTEGER NOT NULL,
    description   TEXT NOT NULL,
    residents     INTEGER,
    submitted_by  INTEGER REFERENCES users(id),
    submitted_at  TEXT NOT NULL,
    UNIQUE (submission_id, version)
);

-- Kept by Telegram file_id, and downloaded into MUNIBOT_MEDIA_DIR where Telegram allows it.
CREATE TABLE submission_files (
    id             INTEGER PRIMARY KEY,
    version_id     INTEGER NOT NULL REFERENCES submission_versions(id),
    position       INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('photo', 'document', 'video')),
    file_id        TEXT NOT NULL,
    file_unique_id TEXT NOT NULL,
    file_name      TEXT,
    mime_type      TEXT,
    file_size      INTEGER,
    local_path     TEXT,
    archive_status TEXT NOT NULL DEFAULT 'pending'
                   CHECK (archive_status IN ('pending', 'archived', 'too_big', 'failed')),
    archive_error  TEXT,
    UNIQUE (version_id, position)
);
CREATE INDEX submission_files_archive ON submission_files(archive_status);

-- The audit log: every submission, status change, score, extension and result, with who and when.
CREATE TABLE competition_log (
    id             INTEGER PRIMARY KEY,
    competition_id INTEGER NOT NULL REFERENCES competitions(id),
    entrant_id     INTEGER,
    submission_id  INTEGER REFERENCES submissions(id),
    action         TEXT NOT NULL,
    from_status    TEXT,
    to_status      TEXT,
    comment        TEXT,
    actor_id       INTEGER REFERENCES users(id),
    actor_telegram_id INTEGER,
    at             TEXT NOT NULL
);
CREATE INDEX competition_log_submission ON competition_log(submission_id);

CREATE TABLE competition_results (
    competition_id INTEGER NOT NULL REFERENCES competitions(id),
    entrant_id     INTEGER NOT NULL,
    award          TEXT NOT NULL CHECK (award IN ('place', 'incentive', 'conditional')),
    place          INTEGER CHECK (place IN (1, 2, 3)),
    grant_kgs      INTEGER CHECK (grant_kgs >= 0),
    condition      TEXT,
    recorded_by    INTEGER REFERENCES users(id),
    recorded_at    TEXT NOT NULL,
    PRIMARY KEY (competition_id, entrant_id),
    CHECK ((award = 'place') = (place IS NOT NULL))
);
