"""The broadcast wizard and the history of broadcasts."""
