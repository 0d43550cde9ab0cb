"""Competition screens and files: calls, drafts, review cards, results, exports."""
