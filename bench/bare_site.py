"""The baseline of the served benchmark: a Django project of one view, in a process of its own.

One view returns 20 KB through SecurityMiddleware and CommonMiddleware only, with no database,
session, template or cache, so its requests per second are the floor that Django and gunicorn
set on this machine. Served with `gunicorn bench.bare_site:application`; these are its settings
and its URLs.
"""

import os
import secrets

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.bare_site")

from django.http import HttpResponse
from django.urls import path

SECRET_KEY = secrets.token_urlsafe(50)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "bench.bare_site"
INSTALLED_APPS: list[str] = []
DATABASES: dict = {}
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
# As the portal runs behind the proxy that ends TLS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
USE_I18N = False
LOGGING_CONFIG = None

BODY = (b"<p>" + b"x" * 96 + b"</p>\n") * 200  # 20,800 bytes, a small page's size


def bare(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("", bare)]

# Last, so that Django, set up by it, finds the settings above in this module.
from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
