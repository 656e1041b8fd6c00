"""The page families' names, apart from bench/families.py so that the scripts that start servers
can name them without setting up Django."""

ANONYMOUS_UNCACHED = "anonymous, uncached"
ANONYMOUS_CACHED = "anonymous, cached"
SIGNED_IN = "signed in"
PERSONAL = "personal"
FAMILIES = [ANONYMOUS_UNCACHED, ANONYMOUS_CACHED, SIGNED_IN, PERSONAL]
