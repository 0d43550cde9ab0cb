-- Certificates of attendance (issue 16 §3): one per attendee and seminar, made the first time it
-- is asked for and the same ever after, so a printed copy and a second download agree. Its code
-- lets anyone check it with /verify; the name, title and dates are read from the rows it points
-- at, so a certificate says nothing once its person is erased or their attendance is taken back.

CREATE TABLE seminar_certificates (
    seminar_id INTEGER NOT NULL REFERENCES seminars(id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code       TEXT NOT NULL UNIQUE,
    issued_at  TEXT NOT NULL,
    PRIMARY KEY (seminar_id, user_id)
);
