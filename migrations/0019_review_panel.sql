-- A competition's review panel and conditional wins that can be settled after publication.
--
-- The panel: staff members a competition's managers assign as reviewers (to every submission,
-- or to chosen ones), the criteria they score against (a weight and a scale each), and each
-- reviewer's score and comment per criterion, kept apart from the other reviewers'.

CREATE TABLE review_criteria (
    id             INTEGER PRIMARY KEY,
    competition_id INTEGER NOT NULL REFERENCES competitions(id),
    position       INTEGER NOT NULL,
    name_ky        TEXT,
    name_ru        TEXT,
    weight         INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
    scale_max      INTEGER NOT NULL CHECK (scale_max BETWEEN 1 AND 100),
    UNIQUE (competition_id, position),
    CHECK (name_ky IS NOT NULL OR name_ru IS NOT NULL)
);

-- every_submission = 1: the reviewer reviews all of the competition's submissions, those sent
-- later too; 0: only the ones in review_assignments.
CREATE TABLE competition_reviewers (
    competition_id   INTEGER NOT NULL REFERENCES competitions(id),
    user_id          INTEGER NOT NULL REFERENCES users(id),
    every_submission INTEGER NOT NULL DEFAULT 1 CHECK (every_submission IN (0, 1)),
    assigned_by      INTEGER REFERENCES users(id),
    assigned_at      TEXT NOT NULL,
    PRIMARY KEY (competition_id, user_id)
);

CREATE TABLE review_assignments (
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    user_id       INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (submission_id, user_id)
);

CREATE TABLE review_scores (
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    user_id       INTEGER NOT NULL REFERENCES users(id),
    criterion_id  INTEGER NOT NULL REFERENCES review_criteria(id),
    score         INTEGER NOT NULL CHECK (score >= 0),
    comment       TEXT,
    scored_at     TEXT NOT NULL,
    PRIMARY KEY (submission_id, user_id, criterion_id)
);
CREATE INDEX review_scores_criterion ON review_scores(criterion_id);

-- A conditional win's deadline and how it was settled: pending until staff say the condition
-- was met (the entrant becomes a winner) or not.
ALTER TABLE competition_results ADD COLUMN condition_deadline TEXT;
ALTER TABLE competition_results ADD COLUMN condition_state TEXT
    CHECK (condition_state IN ('pending', 'met', 'not_met'));
ALTER TABLE competition_results ADD COLUMN condition_decided_at TEXT;
ALTER TABLE competition_results ADD COLUMN condition_decided_by INTEGER REFERENCES users(id);

UPDATE competition_results SET condition_state = 'pending' WHERE award = 'conditional';
