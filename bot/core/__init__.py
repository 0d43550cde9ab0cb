"""What every feature shares and none owns: people and their rights, places, audiences, flows,
callback data, refusals and small screen helpers. Imports no feature.
"""
