"""Saved searches and what was sent for them."""
