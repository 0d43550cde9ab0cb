"""Handlers for the broadcast wizard and the broadcast history."""
