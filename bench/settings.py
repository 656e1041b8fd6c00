"""Production settings plus one bare Django view, the baseline the benchmark compares against."""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
