"""Coverage figures as plain values, for the chat, the spreadsheet and later the console."""
