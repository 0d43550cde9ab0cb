"""Signing in to the web console through Telegram (a one-time link or the Mini App's
initData), and the sessions after: `ConsoleAuth` in `service`."""
