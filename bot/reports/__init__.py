"""The donor report: seminars, competitions and registrations over a period, with charts."""
