-- Grants tracked to the end (issue 16 §5): each published winner with a grant gets an
-- implementation record (a project), with milestones, a status, a percent complete and reports
-- from the entrant's members. The bot asks for reports on the schedule staff set: the next
-- request's time lives here (`next_request_at`), and a timed wake-up queues the request and
-- moves it on in one transaction, so a restart neither loses nor repeats one. Times are ISO UTC
-- text; a milestone's due day is a Bishkek date (YYYY-MM-DD).

CREATE TABLE grant_projects (
    id              INTEGER PRIMARY KEY,
    competition_id  INTEGER NOT NULL REFERENCES competitions(id),
    entrant_id      INTEGER NOT NULL,
    grant_kgs       INTEGER NOT NULL CHECK (grant_kgs >= 0),
    status          TEXT NOT NULL DEFAULT 'not_started'
                    CHECK (status IN ('not_started', 'in_progress', 'done', 'delayed')),
    percent         INTEGER NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
    -- 'monthly' (the default), every `every_days` days, or 'off'.
    schedule        TEXT NOT NULL DEFAULT 'monthly' CHECK (schedule IN ('monthly', 'days', 'off')),
    every_days      INTEGER CHECK (every_days BETWEEN 1 AND 365),
    -- NULL: nothing to ask (schedule off, project done or closed).
    next_request_at TEXT,
    last_request_at TEXT,
    -- The staff member who opened the tracking: told of each report.
    opened_by       INTEGER NOT NULL,
    closed_at       TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (competition_id, entrant_id),
    CHECK ((schedule = 'days') = (every_days IS NOT NULL))
);
CREATE INDEX grant_projects_due ON grant_projects(next_request_at)
    WHERE next_request_at IS NOT NULL;

CREATE TABLE grant_milestones (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES grant_projects(id),
    title      TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    done_at    TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX grant_milestones_project ON grant_milestones(project_id, due_on);

CREATE TABLE grant_reports (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES grant_projects(id),
    user_id    INTEGER REFERENCES users(id),
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX grant_reports_project ON grant_reports(project_id, created_at);

CREATE TABLE grant_report_files (
    id             INTEGER PRIMARY KEY,
    report_id      INTEGER NOT NULL REFERENCES grant_reports(id),
    position       INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('photo', 'document', 'video')),
    file_id        TEXT NOT NULL,
    file_unique_id TEXT NOT NULL,
    file_name      TEXT,
    mime_type      TEXT,
    file_size      INTEGER,
    UNIQUE (report_id, position)
);
