-- Retention prunes a broadcast's old delivery rows from the outbox; what they counted stays here,
-- so the history still shows how many got it, failed or were stopped (bot/broadcasts/repo.py).
ALTER TABLE broadcasts ADD COLUMN pruned_sent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE broadcasts ADD COLUMN pruned_failed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE broadcasts ADD COLUMN pruned_cancelled INTEGER NOT NULL DEFAULT 0;

-- Retention finds old drafts by their last change.
CREATE INDEX flows_updated ON flows(updated_at);
-- Retention finds finished outbox rows by when they ended.
CREATE INDEX outbox_finished ON outbox(status, sent_at);
