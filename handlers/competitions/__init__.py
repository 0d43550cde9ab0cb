"""Handlers for competitions: the call, drafts, review, results, clusters and exports."""
