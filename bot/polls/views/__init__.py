"""Texts, keyboards, charts and spreadsheets of polls."""
