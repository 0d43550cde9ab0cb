"""Coverage: which municipalities a programme reaches have approved staff, and which have nobody."""
