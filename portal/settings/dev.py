"""Local development: SQLite, console e-mail, DEBUG on. Works with nothing configured."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-not-secret-" + "x" * 40)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")  # noqa: F405
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Without DEBUG's static serving rules, whitenoise still finds files without collectstatic.
WHITENOISE_USE_FINDERS = True
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
SERVE_MEDIA_FILES = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # http://127.0.0.1 only
DEMO_PERSONAS = True  # the sign-in page offers the demo personas (never in production)
# Created by `make run` (manage.py credential_keys --create); var/ is never committed.
CREDENTIAL_SIGNING_KEY_FILE = CREDENTIAL_SIGNING_KEY_FILE or str(  # noqa: F405
    BASE_DIR / "var" / "credential-keys.json"  # noqa: F405
)
