-- People (issue 14 §5): a member who left office can be deactivated (status 'inactive': kept
-- for the records, reached by nothing, free to register again); staff have an organisation on
-- their profile; every person has the time they last wrote to the bot.

-- A staff member's organisation (Helvetas, DPI, the ministry), shown on their decisions.
ALTER TABLE users ADD COLUMN organisation TEXT;
-- When the person last wrote to the bot; written at most every few minutes per person.
ALTER TABLE users ADD COLUMN last_active_at TEXT;

-- SQLite changes a CHECK only by building the table again, and with foreign keys on (they stay
-- on inside a migration's transaction) dropping the old users table would run every ON DELETE
-- of the tables pointing at it. Allowing one more status changes the stored CREATE text only
-- (every row passes the wider check), which SQLite documents as done through writable_schema;
-- RESET reloads the schema on this connection, and the ADD COLUMNs above changed the schema
-- cookie, so every other connection reloads it too.
PRAGMA writable_schema = ON;
UPDATE sqlite_master
SET sql = replace(sql, '''rejected'', ''deleted'')', '''rejected'', ''deleted'', ''inactive'')')
WHERE type = 'table' AND name = 'users';
PRAGMA writable_schema = RESET;
