"""Plain questions answered: free text matched to what the bot can answer from the reader's own
data (the next seminar, open competitions, our submission, the registration, the language), and
the entries staff add with /faq."""
