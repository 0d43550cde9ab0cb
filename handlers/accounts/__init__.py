"""Handlers for registration, the profile, language, approvals, roles and erasing."""
