"""Coverage reads: the municipalities in scope with their staff, and a seminar's or a
competition's figures by municipality."""
