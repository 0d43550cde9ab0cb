"""The console's web side: an aiohttp application in the bot's own process, server-rendered
with Jinja2, every page calling the same services the chat calls."""
