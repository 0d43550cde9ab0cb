-- Questions staff taught the bot with /faq: the phrases people ask it with (one a line) and the
-- answer in Kyrgyz and Russian. For every programme alike.

CREATE TABLE faq_entries (
    id         INTEGER PRIMARY KEY,
    phrases    TEXT NOT NULL,
    answer_ky  TEXT NOT NULL,
    answer_ru  TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
