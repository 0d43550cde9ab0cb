-- Programmes: the donor-funded projects one bot serves, each with its own staff, reach, events,
-- competitions and broadcasts. Everything that existed before belongs to programme 1.

CREATE TABLE programmes (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    name_ky      TEXT NOT NULL,
    name_ru      TEXT NOT NULL,
    name_en      TEXT NOT NULL,
    donor        TEXT NOT NULL DEFAULT '',
    implementers TEXT NOT NULL DEFAULT '',
    starts_on    TEXT,
    ends_on      TEXT,
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    closed_at    TEXT,
    created_at   TEXT NOT NULL
);

-- The regions a programme works in; none means all.
CREATE TABLE programme_regions (
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    region_id    INTEGER NOT NULL REFERENCES regions(id),
    PRIMARY KEY (programme_id, region_id)
);

-- Target municipalities; when a programme has any, they alone are reached, not its regions.
CREATE TABLE programme_targets (
    programme_id    INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    PRIMARY KEY (programme_id, municipality_id)
);

-- Staff of a programme; with rows in programme_staff_regions, only in those regions.
CREATE TABLE programme_staff (
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (programme_id, user_id)
);

CREATE TABLE programme_staff_regions (
    programme_id INTEGER NOT NULL,
    user_id      INTEGER NOT NULL,
    region_id    INTEGER NOT NULL REFERENCES regions(id),
    PRIMARY KEY (programme_id, user_id, region_id),
    FOREIGN KEY (programme_id, user_id)
        REFERENCES programme_staff(programme_id, user_id) ON DELETE CASCADE
);

-- A member who muted one programme gets none of its broadcasts, invitations or calls.
CREATE TABLE programme_mutes (
    programme_id INTEGER NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (programme_id, user_id)
);

-- Which municipalities each programme reaches: its targets, else its regions, else all.
CREATE VIEW programme_reach AS
SELECT p.id AS programme_id, m.id AS municipality_id
FROM programmes p
JOIN municipalities m
JOIN districts d ON d.id = m.district_id
WHERE CASE
    WHEN EXISTS (SELECT 1 FROM programme_targets t WHERE t.programme_id = p.id)
        THEN m.id IN (SELECT t.municipality_id FROM programme_targets t
                      WHERE t.programme_id = p.id)
    WHEN EXISTS (SELECT 1 FROM programme_regions r WHERE r.programme_id = p.id)
        THEN d.region_id IN (SELECT r.region_id FROM programme_regions r
                             WHERE r.programme_id = p.id)
    ELSE 1
END;

INSERT INTO programmes (id, code, name_ky, name_ru, name_en, created_at)
VALUES (1, 'main', 'Негизги программа', 'Основная программа', 'Main programme',
        strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'));

INSERT INTO programme_staff (programme_id, user_id)
SELECT 1, id FROM users WHERE role = 'coordinator';
INSERT INTO programme_staff_regions (programme_id, user_id, region_id)
SELECT 1, c.user_id, c.region_id FROM coordinator_regions c
JOIN users u ON u.id = c.user_id WHERE u.role = 'coordinator';
DROP TABLE coordinator_regions;

ALTER TABLE seminars ADD COLUMN programme_id INTEGER REFERENCES programmes(id);
ALTER TABLE competitions ADD COLUMN programme_id INTEGER REFERENCES programmes(id);
ALTER TABLE clusters ADD COLUMN programme_id INTEGER REFERENCES programmes(id);
ALTER TABLE broadcasts ADD COLUMN programme_id INTEGER REFERENCES programmes(id);
ALTER TABLE outbox ADD COLUMN programme_id INTEGER REFERENCES programmes(id);
UPDATE seminars SET programme_id = 1;
UPDATE competitions SET programme_id = 1;
UPDATE clusters SET programme_id = 1;
UPDATE broadcasts SET programme_id = 1;
UPDATE outbox SET programme_id = 1 WHERE kind IN ('seminar', 'competition', 'broadcast');
CREATE INDEX seminars_programme ON seminars(programme_id);
CREATE INDEX competitions_programme ON competitions(programme_id);
CREATE INDEX broadcasts_programme ON broadcasts(programme_id);
CREATE INDEX outbox_programme ON outbox(programme_id, status);
