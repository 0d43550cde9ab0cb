"""The grant projects' SQL: projects, milestones, reports and their files."""
