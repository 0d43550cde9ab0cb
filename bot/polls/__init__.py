"""Polls and short surveys: staff ask an audience, members answer in a tap, results by group."""
