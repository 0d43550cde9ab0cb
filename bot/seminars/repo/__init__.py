"""Parameterised SQL for seminars, invitations and the rows of their reports."""
