"""Irish groups thousands with commas ("1,234.5"); Django's Irish formats leave numbers
ungrouped. Everything else comes from Django's own Irish formats."""

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
