"""Production settings plus the benchmark's own commands (`scale_up_demo`, `bench_pages`,
`bench_served_rows`). The bare Django view it compares against runs apart (bench/bare_site.py)."""

from portal.settings.production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405

# The benchmark hammers the certificate check from one address on purpose.
CERTIFICATE_CHECKS_PER_MINUTE = 1_000_000
