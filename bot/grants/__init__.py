"""Grants tracked to the end: the implementation record of each winner's grant, its milestones,
status and progress, and the reports its members send on the schedule staff set."""
