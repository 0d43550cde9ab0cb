"""The accounts' own SQL: approval cards in the outbox, attempts, erasure, retention, exports."""
