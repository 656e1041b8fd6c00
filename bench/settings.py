"""Production settings plus one bare Django view, the baseline the benchmark compares against,
and the benchmark's own commands (`scale_up_demo`, `bench_pages`)."""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405

# The benchmark hammers the certificate check from one address on purpose.
CERTIFICATE_CHECKS_PER_MINUTE = 1_000_000
