-- Quotes with consent (issue 24 §1): after a comment on a seminar, its author may allow the
-- project to quote it with their name, position and municipality (no until they say yes).
-- Staff mark the quotes they want for the press; only consented ones can be marked, and a
-- withdrawal or an erasure clears both.
ALTER TABLE seminar_invitations ADD COLUMN quote_consent INTEGER NOT NULL DEFAULT 0
    CHECK (quote_consent IN (0, 1));
ALTER TABLE seminar_invitations ADD COLUMN quote_marked INTEGER NOT NULL DEFAULT 0
    CHECK (quote_marked IN (0, 1));
