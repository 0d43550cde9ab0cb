-- Which process holds an outbox row's lease (issue 17): with two bot processes on one
-- PostgreSQL database, a process whose lease ran out must not write over, renew or hand back
-- a row that another process has claimed since.
ALTER TABLE outbox ADD COLUMN lease_owner TEXT;
