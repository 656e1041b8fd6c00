from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from . import roles

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
