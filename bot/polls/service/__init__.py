"""The rules of composing, answering and counting polls."""
