"""Production: every secret comes from the environment; nothing insecure is defaulted."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")  # noqa: F405
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the host names the portal serves.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")  # noqa: F405
# Every link the portal builds (e-mails, certificates and their QR codes, calendar files)
# starts with it: without it they would point at the development server's address.
SITE_BASE_URL = required("SITE_BASE_URL").rstrip("/")
if not SITE_BASE_URL.startswith("https://"):
    raise ImproperlyConfigured("SITE_BASE_URL must be the portal's public https:// address.")
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must be set in production (PostgreSQL).")
# Rate limits, sessions and page-cache invalidation must be shared by every worker process.
if not REDIS_URL:  # noqa: F405
    raise ImproperlyConfigured("REDIS_URL must be set in production (Redis).")
# Credentials the portal signs must be verifiable for years: the signing keys are set, and a
# key file lives outside the code (`manage.py check --deploy` also loads them).
if not CREDENTIAL_SIGNING_KEYS and not CREDENTIAL_SIGNING_KEY_FILE:  # noqa: F405
    raise ImproperlyConfigured(
        "CREDENTIAL_SIGNING_KEYS (a JWK Set) or CREDENTIAL_SIGNING_KEY_FILE must be set in "
        "production to sign Open Badges credentials."
    )
_key_file = Path(CREDENTIAL_SIGNING_KEY_FILE or "/dev/null").resolve()  # noqa: F405
if _key_file.is_relative_to(BASE_DIR.resolve()):  # noqa: F405
    raise ImproperlyConfigured(
        "CREDENTIAL_SIGNING_KEY_FILE must be outside the portal's code directory."
    )

# TLS terminates at the reverse proxy, which must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# The __Host- prefix makes browsers refuse these cookies unless Secure, Path=/ and host-only.
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_NAME = "__Host-language"
LANGUAGE_COOKIE_HTTPONLY = True

STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "portal.core.staticfiles.StaticFilesStorage"
)

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)  # noqa: F405
# For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend: a directory every host
# writes its e-mails to instead of sending them (a staging copy of the site).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")

# E-mails and other background work are stored in the database and run by
# `manage.py db_worker` (see README, "Production deployment").
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING["handlers"]["console"]["formatter"] = os.environ.get("LOG_FORMAT", "json")  # noqa: F405
