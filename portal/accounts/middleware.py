from django.shortcuts import redirect
from django.urls import reverse

from . import roles

# Pages a person without a second factor may still open: enrolling one, signing out, and
# what those pages need.
_MFA_SETUP_PREFIXES = (
    "/accounts/2fa/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/static/",
)


class RequireMFAMiddleware:
    """Staff, editors and moderators must enrol a second factor before doing anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and roles.requires_mfa(user)
            and not request.path.startswith(_MFA_SETUP_PREFIXES)
            and not roles.has_mfa(user)
        ):
            return redirect(reverse("mfa_activate_totp") + "?next=" + request.get_full_path())
        return self.get_response(request)
