"""Polls in the browser: the list the chat's /polls shows, a poll's live results with its chart
and spreadsheet, and closing it or sharing its results after a second question."""
