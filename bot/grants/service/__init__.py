"""The rules of grant projects: who may see and change what, the schedule, the reports."""
