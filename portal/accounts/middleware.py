import time
from urllib.parse import urlencode

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
from django.contrib.auth import middleware as auth_middleware
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme

from . import roles
from .models import User

# Pages a person without a second factor may still open: enrolling one, signing out, and
# what those pages need.
_MFA_SETUP_PREFIXES = (
    "/accounts/2fa/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/static/",
)
# Where the person was going when sent to enrol: offered again once the second factor is set.
AFTER_MFA_SETUP_SESSION_KEY = "portal_after_mfa_setup"


class RequireMFAMiddleware:
    """Staff, editors and moderators must enrol a second factor before doing anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(_MFA_SETUP_PREFIXES)
        ):
            request.session.pop(AFTER_MFA_SETUP_SESSION_KEY, None)
            if roles.requires_mfa(user) and not roles.has_mfa(user):
                destination = request.get_full_path()
                if request.method == "GET" and url_has_allowed_host_and_scheme(
                    destination, allowed_hosts={request.get_host()}
                ):
                    request.session[AFTER_MFA_SETUP_SESSION_KEY] = destination
                query = urlencode({"next": destination})
                return redirect(f"{reverse('mfa_activate_totp')}?{query}")
        return self.get_response(request)


class UserSessionActivityMiddleware:
    """Record a signed-in session's device and last activity (the account's "sessions" page)
    without writing to the database on every request.

    Allauth's own middleware updates the session's row on each request: five queries. This
    one records a session the first time it is seen, whenever its address or browser
    changes, and otherwise at most once per SESSION_REFRESH_INTERVAL, when
    SessionIdleRefreshMiddleware saves the session anyway.
    """

    SEEN_KEY = "_activity_recorded"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is not None and user.is_authenticated and session and session.session_key:
            self._record(request, user, session)
        return self.get_response(request)

    def _record(self, request, user, session) -> None:
        # The key changes on sign-in, so a stamp left by the previous key does not count.
        client = "|".join(
            (
                session.session_key,
                request.META.get("REMOTE_ADDR", ""),
                request.headers.get("User-Agent", ""),
            )
        )
        fingerprint = salted_hmac("portal.accounts.session-activity", client).hexdigest()[:32]
        seen = session.get(self.SEEN_KEY) or ["", 0]
        now = int(time.time())
        if seen[0] == fingerprint and now - seen[1] < settings.SESSION_REFRESH_INTERVAL:
            return
        UserSession.objects.create_from_request(request, user=user, session=session)
        session[self.SEEN_KEY] = [fingerprint, now]


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, but a request that changes nothing (GET, HEAD) takes its person's row from
    where their identity is kept between requests (`roles.kept_person`), with what every page
    asks about them, in one round trip to the cache instead of a query. The row kept is the
    account as last saved (every save forgets it), and the session is checked against it as
    Django checks it; anything but a session that row verifies as it stands (a secret key
    rotated, an account gone or made inactive) is left to Django, which reads the database.
    The row kept holds no password, only the hash sessions carry.
    A request that may write (a form saving the account) always starts from the database."""

    def process_request(self, request):
        super().process_request(request)
        if request.method in ("GET", "HEAD"):
            request.user = SimpleLazyObject(lambda: _kept_user(request))


def _kept_user(request):
    if not hasattr(request, "_cached_user"):  # where Django's own lazy user keeps it too
        request._cached_user = _person(request)
    return request._cached_user


def _person(request):
    try:
        user_id = User._meta.pk.to_python(request.session[SESSION_KEY])
        backend_path = request.session[BACKEND_SESSION_KEY]
    except KeyError:
        return AnonymousUser()
    if backend_path not in settings.AUTHENTICATION_BACKENDS:
        return auth.get_user(request)
    backend = load_backend(backend_path)
    user, user_hash = roles.kept_person(user_id, lambda: backend.get_user(user_id))
    session_hash = request.session.get(HASH_SESSION_KEY)
    if (
        user is None
        or not backend.user_can_authenticate(user)
        or not session_hash
        or not constant_time_compare(session_hash, user_hash)
    ):
        return auth.get_user(request)
    return user
