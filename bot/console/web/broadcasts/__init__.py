"""The broadcasts in the browser: the history with delivery figures and recipients, and composing
one with the preview the bot shows, sent now or scheduled."""
