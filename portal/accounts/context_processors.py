from .middleware import AFTER_MFA_SETUP_SESSION_KEY


def account_roles(request):
    """Where someone who just set up a second factor was going (the recovery codes page);
    the account menu itself is a personal piece (portal/accounts/pieces.py)."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return {}
    return {"after_mfa_setup": request.session.get(AFTER_MFA_SETUP_SESSION_KEY, "")}
