"""Every push that is not a direct reply: the outbox, its templates and the dispatcher."""
