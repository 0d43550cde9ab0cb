"""Sandbox mode: the Bot API emulator, the real bot on demo data and a web chat, in one process."""
