-- PostgreSQL's variant of ../0014_people.sql: the same columns, and the wider status check
-- made by swapping the constraint (SQLite's file rewrites its stored CREATE text instead).

ALTER TABLE users ADD COLUMN organisation TEXT;
ALTER TABLE users ADD COLUMN last_active_at TEXT;

ALTER TABLE users DROP CONSTRAINT users_status_check;
ALTER TABLE users ADD CONSTRAINT users_status_check
    CHECK (status IN ('new', 'pending', 'approved', 'rejected', 'deleted', 'inactive'));
