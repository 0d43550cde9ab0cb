"""The account rules: registration steps, profile edits, approvals."""
