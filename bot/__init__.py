"""munibot: a Telegram bot for municipal engagement in Kyrgyzstan."""
