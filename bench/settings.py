"""Production settings plus one bare Django view, the baseline the benchmark compares against."""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The benchmark hammers the certificate check from one address on purpose.
CERTIFICATE_CHECKS_PER_MINUTE = 1_000_000
