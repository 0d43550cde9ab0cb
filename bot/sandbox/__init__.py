"""Telegram Bot API emulator (emulator.py) and simulated users (client.py) for tests."""
