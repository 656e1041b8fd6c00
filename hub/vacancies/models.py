"""Models of this part of the hub."""
