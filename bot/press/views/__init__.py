"""A release's words, built as a `Draft` the document writer lays out."""
