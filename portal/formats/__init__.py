"""Date and time formats where the portal departs from Django's defaults."""
