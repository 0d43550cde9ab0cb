"""Registration, profiles, approvals, roles and erasing one's data."""
