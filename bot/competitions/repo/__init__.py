"""Parameterised SQL for competitions, entrants, submissions, results and exports."""
