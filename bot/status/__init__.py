"""/status: what concerns one person now, gathered from the features that own it."""
