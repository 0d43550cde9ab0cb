"""Press release drafts: a seminar's, a period's or a competition's story as a Word document,
every figure read from the same reports staff see with /report."""
