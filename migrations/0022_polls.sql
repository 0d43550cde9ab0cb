-- Polls and short surveys (issue 23). A poll is one to ten questions sent to an audience; a
-- one-question poll is answered by a tap on its message, a longer one (a survey) one question
-- after another in a flow. Times are ISO UTC text.
--
-- Who was asked and whether they finished is in poll_recipients (the reminder's "not answered").
-- What a person answered is kept only for named polls (poll_answers). An anonymous poll's
-- answers go to poll_tallies, which has no column that leads to a person and no time: region,
-- district, position and gender are kept for the counts by group, nothing more.

CREATE TABLE polls (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER REFERENCES programmes(id),
    author_id    INTEGER NOT NULL REFERENCES users(id),
    anonymous    INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
    audience     TEXT NOT NULL,
    total        INTEGER NOT NULL,
    sent_at      TEXT NOT NULL,
    closes_at    TEXT NOT NULL,
    -- NULL: no reminder. The reminder itself is an outbox row due at this time.
    remind_at    TEXT,
    closed_at    TEXT,
    shared_at    TEXT,
    created_at   TEXT NOT NULL
);

CREATE TABLE poll_questions (
    poll_id   INTEGER NOT NULL REFERENCES polls(id),
    position  INTEGER NOT NULL,
    text_ky   TEXT,
    text_ru   TEXT,
    kind      TEXT NOT NULL CHECK (kind IN ('one', 'many', 'number', 'text')),
    -- A JSON list of {"ky": ..., "ru": ...}, empty for a number or a text.
    options   TEXT NOT NULL DEFAULT '[]',
    min_value REAL,
    max_value REAL,
    PRIMARY KEY (poll_id, position),
    CHECK (text_ky IS NOT NULL OR text_ru IS NOT NULL)
);

CREATE TABLE poll_recipients (
    poll_id  INTEGER NOT NULL REFERENCES polls(id),
    user_id  INTEGER NOT NULL REFERENCES users(id),
    answered INTEGER NOT NULL DEFAULT 0 CHECK (answered IN (0, 1)),
    -- The next question of a survey to answer: a survey resumes there after a restart.
    progress INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (poll_id, user_id)
);

-- Named polls only: one row per answer (per chosen option, for "several options").
CREATE TABLE poll_answers (
    poll_id     INTEGER NOT NULL REFERENCES polls(id),
    question    INTEGER NOT NULL,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    choice      INTEGER,
    number      REAL,
    text        TEXT,
    region_id   INTEGER,
    district_id INTEGER,
    position    TEXT,
    gender      TEXT,
    answered_at TEXT NOT NULL
);
CREATE INDEX poll_answers_poll ON poll_answers(poll_id, question, user_id);

-- Anonymous polls only: the same answers with no person and no time.
CREATE TABLE poll_tallies (
    poll_id     INTEGER NOT NULL REFERENCES polls(id),
    question    INTEGER NOT NULL,
    choice      INTEGER,
    number      REAL,
    text        TEXT,
    region_id   INTEGER,
    district_id INTEGER,
    position    TEXT,
    gender      TEXT
);
CREATE INDEX poll_tallies_poll ON poll_tallies(poll_id, question);
