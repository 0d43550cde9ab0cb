"""The competitions in the browser: submissions by status, one submission with its versions and
files, the review actions and history, the results and their publication, the exports."""
