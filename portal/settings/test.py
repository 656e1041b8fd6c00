"""Test settings: the database and cache come from the environment like everywhere else."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret-" + "t" * 40
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private-media"  # noqa: F405
if REDIS_URL:  # noqa: F405
    # Tests share the real Redis with anything else on the machine: keep to our own keys.
    CACHES["default"]["KEY_PREFIX"] = f"portal-test-{os.getpid()}"  # noqa: F405
# Rate limits are exercised by their own tests; the rest of the suite signs in freely.
ACCOUNT_RATE_LIMITS = False
# Playwright's sync API runs an event loop in the test thread; the ORM calls made there
# (fixtures, assertions) are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
SERVE_MEDIA_FILES = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # http://127.0.0.1 only
