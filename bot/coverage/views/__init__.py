"""/coverage in the reader's language: the screens, the spreadsheet, the audience of a line."""
