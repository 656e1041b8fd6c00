from django.utils.functional import SimpleLazyObject

from . import roles
from .middleware import AFTER_MFA_SETUP_SESSION_KEY


def account_roles(request):
    """What the account menu offers depends on who is signed in; asked only when shown."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return {}
    return {
        "may_edit_site": SimpleLazyObject(lambda: roles.may_edit_site(user)),
        "after_mfa_setup": request.session.get(AFTER_MFA_SETUP_SESSION_KEY, ""),
    }
