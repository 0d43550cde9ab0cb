"""Competitions from call to results: clusters, the wizard, submissions, review, results,
exports."""
