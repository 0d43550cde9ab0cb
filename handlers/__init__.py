"""Telegram-facing handlers, one module per feature. Each parses, asks a service, renders."""
