"""One module per kind of record: dates, percentages, organizations, people."""
