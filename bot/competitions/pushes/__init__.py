"""Competition pushes: how each outbox row is rendered and whether it still applies when it goes
out.
"""
