"""The coordinators' web console: the same services as the chat, in a browser, signed in
through Telegram."""
