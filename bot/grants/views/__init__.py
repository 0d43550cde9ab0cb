"""Screens and texts of grant projects, for staff and for the entrant's members."""
