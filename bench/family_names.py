"""The page families' names, apart from bench/families.py so that the scripts that start servers
can name them without setting up Django."""

ANONYMOUS_UNCACHED = "anonymous, uncached"
ANONYMOUS_PAGE_MISS = "anonymous, page cache miss"
ANONYMOUS_CACHED = "anonymous, cached"
SIGNED_IN = "signed in"
PERSONAL = "personal"
FAMILIES = [ANONYMOUS_UNCACHED, ANONYMOUS_PAGE_MISS, ANONYMOUS_CACHED, SIGNED_IN, PERSONAL]
