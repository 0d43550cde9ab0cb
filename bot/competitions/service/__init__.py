"""The competition rules: eligibility, deadlines, drafts, review, results."""
