"""The seminar rules: who is invited, who may answer, check in or change a seminar."""
