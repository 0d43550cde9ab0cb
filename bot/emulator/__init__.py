"""A Telegram Bot API emulator (emulator.py) and simulated users (client.py) for tests, benchmarks
and the sandbox.
"""
