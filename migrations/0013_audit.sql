-- Every staff action on the record: who (a users id; empty for a configured admin who never
-- registered, or once the person was erased), when, what, and the object's kind and id. The
-- detail is short and carries no personal data (a date, a count, a role), so an erasure has
-- nothing to scrub here.

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    action      TEXT NOT NULL,
    object_kind TEXT NOT NULL,
    object_id   INTEGER,
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_object ON audit_log(object_kind, object_id);

-- The review decisions competitions logged before (status changes and results) fold in.
INSERT INTO audit_log (at, actor_id, action, object_kind, object_id, detail)
SELECT at, actor_id, 'review_decided', 'submission', submission_id, COALESCE(to_status, '')
FROM competition_log WHERE action IN ('status', 'result') ORDER BY id;
