-- Clusters: named groups of municipalities that work together (a municipality may be in several).

CREATE TABLE clusters (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name_ky    TEXT NOT NULL,
    name_ru    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE cluster_members (
    cluster_id      INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    PRIMARY KEY (cluster_id, municipality_id)
);
CREATE INDEX cluster_members_municipality ON cluster_members(municipality_id);
