"""Parameterised SQL, one module per table or aggregate; rows come back as dataclasses."""
