"""/polls: compose, answer, results."""
