"""Operating a deployment: one bot per database file, backups, restores, health."""
