-- Pushes about one thing to one reader fold into one: a row queued with a fold key cancels the
-- unsent rows of the same chat with that key ("replaced by a newer message"), so three quick
-- status changes to one submission reach its staff as the latest one.
ALTER TABLE outbox ADD COLUMN fold TEXT;
CREATE INDEX outbox_fold ON outbox(fold, chat_id) WHERE fold IS NOT NULL;
