"""Settings shared by every environment. Values that differ come from the environment."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from django.conf import locale as django_locale
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "portal.accounts",
    "portal.core",
    "portal.home",
    "portal.notifications",
    "academy",
    "campaigns.cooperation_day",
    "campaigns.slam",
    "brand",
    "community",
    "hub",
    "hub.news",
    "hub.calls",
    "hub.vacancies",
    "hub.alerts",
    # Wagtail's content translation: editors translate pages and snippets segment by segment
    # ("Translate this page"), sync them when the original changes, export and import PO files.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.core.middleware.ForwardedHeaderCheckMiddleware",
    # Outside whitenoise, so that static files carry the Permissions-Policy too.
    "portal.core.middleware.PrivacyHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous visitors' shared pages, before the session and everything after it.
    "portal.core.middleware.EarlyPageCacheMiddleware",
    "portal.core.middleware.PortalCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.core.middleware.SessionIdleRefreshMiddleware",
    "portal.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, reading a signed-in person's row from the cache (portal.accounts.roles).
    "portal.accounts.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.accounts.middleware.UserSessionActivityMiddleware",
    "portal.accounts.middleware.RequireMFAMiddleware",
    "portal.core.middleware.PageCacheMiddleware",
    "portal.core.middleware.CachedSiteMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.core.context_processors.site_chrome",
                "portal.core.context_processors.drafts",
                "portal.accounts.context_processors.account_roles",
                # Last: in a page's shared copy, the CSRF token is each visitor's own piece.
                "portal.core.personal.personal_context",
            ],
        },
    },
]
FORM_RENDERER = "portal.core.forms.PortalFormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so concurrent writers queue
    # instead of failing with "database is locked" half-way through a transaction.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_cache(url: str, *, key_prefix: str) -> dict:
    """The cache on a Redis server. The cache is an accelerator: when the server cannot be
    reached, every call is a miss (a read finds nothing, a write is dropped) and the site goes
    on from the database; the outage is logged once a minute ("portal.cache" logger) and
    /healthz reports it."""
    return {
        "BACKEND": "portal.core.cache_backend.OutageTolerantRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "TIMEOUT": 60 * 60,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            # An unreachable server costs at most this per call, not a hung request.
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "portal.cache"

if REDIS_URL:
    CACHES = {
        "default": redis_cache(REDIS_URL, key_prefix=os.environ.get("CACHE_KEY_PREFIX", "portal"))
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
            "TIMEOUT": 60 * 60,
        }
    }

# Monitoring that sends `Authorization: Bearer <token>` to /healthz sees which back end failed.
HEALTHZ_TOKEN = os.environ.get("HEALTHZ_TOKEN", "")
# Anonymous page responses are kept this long at most; publishing anything invalidates them.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Public certificate checks per client address and minute: enough for honest use, too few to
# guess codes (100 random bits) in any useful time.
CERTIFICATE_CHECKS_PER_MINUTE = int(os.environ.get("CERTIFICATE_CHECKS_PER_MINUTE", "30"))
# How many days before a certificate's validity ends its holder is reminded to renew it (and
# My learning offers the renewal course).
CERTIFICATE_RENEWAL_REMINDER_DAYS = int(os.environ.get("CERTIFICATE_RENEWAL_REMINDER_DAYS", "60"))
# The keys that sign Open Badges credentials (academy/credential_keys.py): a JWK Set as JSON,
# or the path of a file holding one. Never in the repository; `make run` creates
# var/credential-keys.json for development.
CREDENTIAL_SIGNING_KEYS = os.environ.get("CREDENTIAL_SIGNING_KEYS", "")
CREDENTIAL_SIGNING_KEY_FILE = os.environ.get("CREDENTIAL_SIGNING_KEY_FILE", "")
# Cooperation Day maps. Without a tile server the maps show the bundled country outlines;
# a tile URL such as https://tile.example.org/{z}/{x}/{y}.png adds a background map.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")
# Sign-up requests (each sends a confirmation e-mail) per client address and hour.
EVENT_SIGN_UPS_PER_HOUR = int(os.environ.get("EVENT_SIGN_UPS_PER_HOUR", "20"))
# Confirmation e-mails one address receives in 24 hours, whatever the client addresses asking:
# per event, and for all events together. Counted in the database; further requests get the
# usual "check your inbox" answer and send nothing.
SIGN_UP_EMAILS_PER_EVENT_PER_DAY = 3
SIGN_UP_EMAILS_PER_ADDRESS_PER_DAY = 10
# Accessibility feedback: messages per client address and hour (in the cache), and per sender's
# e-mail address and hour (counted from the stored feedback).
ACCESSIBILITY_FEEDBACK_PER_HOUR = int(os.environ.get("ACCESSIBILITY_FEEDBACK_PER_HOUR", "10"))
ACCESSIBILITY_FEEDBACK_PER_EMAIL_PER_HOUR = 5

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# One-click sign-in as the demo's personas on the sign-in page (portal/accounts/personas.py).
# Development only: the system check refuses it with DEBUG off.
DEMO_PERSONAS = False
LOGIN_REDIRECT_URL = "/"

# django-allauth: e-mail is the only identifier and must be verified before signing in.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Confirming the address signs in the person who just signed up (allauth does so only for the
# session that signed up, never for whoever else opens the link).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Interreg portal] "
ACCOUNT_ADAPTER = "portal.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "portal.accounts.forms.PortalSignupForm"}
# Failed sign-ins are limited per address *and* account (see AccountAdapter): a stranger who
# hammers someone's account from one address is stopped without locking the owner out
# elsewhere. The per-address limit caps one attacker across all accounts; MFA covers attacks
# spread over many addresses. Counters live in the shared cache (Redis in production).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}

ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# Behind the production proxy the client address is the last X-Forwarded-For entry it adds.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
# Browsers allow passkeys on https and on 127.0.0.1/localhost; allauth must be told about the
# latter for development and tests.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env_bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", False)
MFA_TOTP_ISSUER = "Interreg portal"
# Accept the code of the neighbouring 30-second step too (RFC 6238 drift allowance): phone
# clocks drift, and a code typed as its step ends would otherwise be refused.
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODE_COUNT = 10
USERSESSIONS_TRACK_ACTIVITY = True

# The Wagtail admin signs people in through the same allauth form (and its rate limits).
# Wagtail sends people it keeps out of the admin here: a signed-in person without access gets
# a 403 page instead of the sign-in form, which would send them back (portal.core.views).
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# One-click sign-in as the demo's personas on the sign-in page (portal/accounts/personas.py).
# Development only: the system check refuses it with DEBUG off.
DEMO_PERSONAS = False
# The address every absolute link the portal builds starts with: e-mails, the certificate's
# printed address and QR code, calendar files, share links, the admin's (portal.core.links
# reads it). Unset, it is the development server's own: http://127.0.0.1:$PORT.
SITE_BASE_URL = (
    os.environ.get("SITE_BASE_URL", "").strip()
    or f"http://127.0.0.1:{os.environ.get('PORT', '').strip() or '8000'}"
).rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
WAGTAIL_SITE_NAME = "Interreg portal"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Each page indexed and searched in its own language (portal/core/search_backend.py).
    WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "portal.core.search_backend"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# Uploads. Images are checked by content (format sniffed, pixel count read from the header
# before any decoding) and documents by an extension allow-list plus a content signature check.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.core.uploads.CheckedDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.core.uploads.CheckedImageForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LANGUAGE_CODE = "en"
# The 24 official languages of the EU. Maltese is missing from Django's table of languages:
# it is added here, with its catalogue of Django's own messages in locale_fallbacks/.
django_locale.LANG_INFO.setdefault(
    "mt", {"bidi": False, "code": "mt", "name": "Maltese", "name_local": "Malti"}
)
LANGUAGES = [
    ("bg", _("Bulgarian")),
    ("cs", _("Czech")),
    ("da", _("Danish")),
    ("de", _("German")),
    ("el", _("Greek")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("et", _("Estonian")),
    ("fi", _("Finnish")),
    ("fr", _("French")),
    ("ga", _("Irish")),
    ("hr", _("Croatian")),
    ("hu", _("Hungarian")),
    ("it", _("Italian")),
    ("lt", _("Lithuanian")),
    ("lv", _("Latvian")),
    ("mt", _("Maltese")),
    ("nl", _("Dutch")),
    ("pl", _("Polish")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("sk", _("Slovak")),
    ("sl", _("Slovenian")),
    ("sv", _("Swedish")),
]
# The portal's catalogues first; then Django's and allauth's own messages in the languages
# those projects do not ship (Maltese), kept by hand.
# Pages in every language; a page not yet translated is shown in its original language.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin speaks each editor's language (their profile's) where Wagtail ships a catalogue
# for it (Croatian, Portuguese and Slovak under their country's variant); Irish and Maltese
# editors see it in English.
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    (code, name)
    for code, name in LANGUAGES
    if code
    in {"bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "hu", "it", "lt", "lv", "nl"}
    | {"pl", "ro", "sl", "sv"}
] + [("hr-hr", _("Croatian")), ("pt-pt", _("Portuguese")), ("sk-sk", _("Slovak"))]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_fallbacks"]
# A language chosen with the switcher is remembered for a year (portal.core.languages).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
# English dates the European way ("21 September 2027, 18:00"), in the admin too.
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Map libraries come from PyPI packages, so no Node is needed and nothing from a CDN.
    ("vendor/leaflet", xstatic.pkg.leaflet.BASE_DIR),
    ("vendor/leaflet-markercluster", xstatic.pkg.leaflet_markercluster.BASE_DIR),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Only development and tests let Django serve uploaded media (see README, "Production").
SERVE_MEDIA_FILES = False
# Files only views hand out after an access check (restricted brand assets, for instance).
# Keep this outside MEDIA_ROOT and never let the web server serve it.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
# Community post attachments: documents and images, each checked by content.
COMMUNITY_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
COMMUNITY_ATTACHMENTS_PER_POST = 5
# Flood limits: threads and replies one person may write in an hour, counted from the stored
# posts (so they hold without the cache and across web servers). Accounts younger than
# COMMUNITY_NEW_ACCOUNT_DAYS get the stricter pair; moderators and site staff have none.
COMMUNITY_NEW_ACCOUNT_DAYS = 3
COMMUNITY_THREADS_PER_HOUR = 10
COMMUNITY_REPLIES_PER_HOUR = 60
COMMUNITY_NEW_ACCOUNT_THREADS_PER_HOUR = 3
COMMUNITY_NEW_ACCOUNT_REPLIES_PER_HOUR = 10


def s3_storages(
    *,
    media_bucket: str,
    private_bucket: str,
    access_key: str,
    secret_key: str,
    endpoint_url: str = "",
    region: str = "",
    addressing_style: str = "",
    media_url: str = "",
    signed_url_seconds: int = 60,
) -> dict:
    """The "default" (public media) and "private" storages in S3-compatible buckets.

    Media objects get no ACL: the bucket policy lets anyone read only the prefixes that are
    public on local disk too (original_images/, images/, slam/), so their addresses are plain
    and stable; documents/ stays readable by the portal alone, behind Wagtail's document view.
    Private objects are stored with the private ACL in a bucket nobody else may read; the
    portal hands them out, after its access check, as addresses signed for a minute.
    Neither storage overwrites: two uploads with the same name keep two objects.
    """
    connection = {
        "access_key": access_key,
        "secret_key": secret_key,
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        "addressing_style": addressing_style or None,
        "signature_version": "s3v4",
        "file_overwrite": False,
    }
    media = {**connection, "bucket_name": media_bucket, "querystring_auth": False}
    if media_url:
        public = urlsplit(media_url)
        media["custom_domain"] = public.netloc + public.path.rstrip("/")
        media["url_protocol"] = f"{public.scheme}:"
    private = {
        **connection,
        "bucket_name": private_bucket,
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": signed_url_seconds,
    }
    return {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": media},
        "private": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": private},
    }


def media_origin(storages: dict) -> str:
    """The origin public media is served from when it is not the portal's own, else ""."""
    options = storages["default"].get("OPTIONS", {})
    if "bucket_name" not in options:
        return ""
    if options.get("custom_domain"):
        return f"{options['url_protocol']}//{options['custom_domain'].split('/')[0]}"
    endpoint = urlsplit(options["endpoint_url"] or "https://s3.amazonaws.com")
    return f"{endpoint.scheme}://{endpoint.netloc}"


# Uploaded files: on local disk (MEDIA_ROOT, PRIVATE_MEDIA_ROOT) unless MEDIA_STORAGE=s3, which
# puts them in two S3-compatible buckets (see README, "Media").
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local").strip().lower() or "local"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "portal.core.private_files.PrivateDiskStorage"},
    "staticfiles": {"BACKEND": "portal.core.staticfiles.StaticFilesStorage"},
}
S3_REQUIRED = ("S3_MEDIA_BUCKET", "S3_PRIVATE_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY")
if MEDIA_STORAGE == "s3":
    if missing := [name for name in S3_REQUIRED if not os.environ.get(name, "").strip()]:
        raise ImproperlyConfigured(f"MEDIA_STORAGE=s3 needs {', '.join(missing)} to be set.")
    STORAGES |= s3_storages(
        media_bucket=os.environ.get("S3_MEDIA_BUCKET", ""),
        private_bucket=os.environ.get("S3_PRIVATE_BUCKET", ""),
        access_key=os.environ.get("S3_ACCESS_KEY_ID", ""),
        secret_key=os.environ.get("S3_SECRET_ACCESS_KEY", ""),
        endpoint_url=os.environ.get("S3_ENDPOINT_URL", ""),
        region=os.environ.get("S3_REGION", ""),
        addressing_style=os.environ.get("S3_ADDRESSING_STYLE", ""),
        media_url=os.environ.get("S3_MEDIA_URL", ""),
        signed_url_seconds=int(os.environ.get("S3_SIGNED_URL_SECONDS", "60")),
    )
elif MEDIA_STORAGE != "local":
    raise ImproperlyConfigured('MEDIA_STORAGE must be "local" (the default) or "s3".')

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Interreg portal <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Content Security Policy: every script and style is a file served by the portal itself.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Wagtail marks its preview views SAMEORIGIN itself; everything else may not be framed.
if MAP_TILE_URL:
    # The tile server's origin ({s} sub-domains become a wildcard) may serve images.
    _tiles = urlsplit(MAP_TILE_URL)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(
        f"{_tiles.scheme}://{_tiles.netloc.replace('{s}', '*')}"
    )
if _media_origin := media_origin(STORAGES):
    # Images and Slam films (with their captions) come straight from the media bucket.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_media_origin)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["media-src"] = ["'self'", _media_origin]
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Idle timeout: the session expires after this many seconds without a request.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(60 * 60 * 2)))
# Active sessions are saved again at most this often (portal.core.middleware), so the idle
# timeout is exact to within this many seconds.
SESSION_REFRESH_INTERVAL = int(os.environ.get("SESSION_REFRESH_INTERVAL", "300"))
# Django's cached_db sessions, read with the page's lookup when a request has a session.
SESSION_ENGINE = "portal.core.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "filters": {
        "once_a_minute": {
            "()": "portal.core.log_filters.OncePerInterval",
            "seconds": 60,
            "message": "Cache server unavailable: serving from the database without it "
            "(said once a minute while it lasts)",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("LOG_FORMAT", "plain"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "portal.cache": {"filters": ["once_a_minute"]},
    },
}

# Rich text everywhere uses one feature list; embeds go through the consent-first embed block.
RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": RICH_TEXT_FEATURES},
    }
}
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars fetched from outside
PRIVACY_NOTICE_VERSION = os.environ.get("PRIVACY_NOTICE_VERSION", "2026-11")
PRIVACY_NOTICE_URL = os.environ.get("PRIVACY_NOTICE_URL", "/privacy/")
