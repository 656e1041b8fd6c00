import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from django.conf import settings
from django.utils import translation

from portal.core import languages
from portal.core.links import current_site, rebase_url
from portal.notifications.emails import address_in
from portal.notifications.services import email_enqueue

from . import roles
from .models import User
from .services import language_on_sign_in, signup_completed


def _enrolling_just_after_signing_in(request) -> bool:
    """Someone who must have a second factor and signed in minutes ago with the password alone
    (no second step followed: they have no factor yet), on their way through enrolling one.
    Asking for the password they have just typed proves nothing more; once the re-authentication
    window has passed, it is asked for as usual."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False) or not roles.requires_mfa(user):
        return False
    records = get_authentication_records(request, user)
    if not records or records[-1].get("method") != "password":
        return False
    return time.time() - records[-1]["at"] < account_settings.REAUTHENTICATION_TIMEOUT


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth counts failures per account; counting per account *and* client address
        # means nobody can lock a real user out by failing on purpose from elsewhere.
        account_key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account_key}:{self.get_client_ip(request)}"

    def send_mail(self, template_prefix, email, context):
        # Account e-mails name the site and link to it like every other e-mail of the portal
        # (portal.core.links), whatever host the request came in on, and go through the task
        # queue like them; they are written in their recipient's language.
        language = self._recipient_language(email, context)
        context = {**context, "current_site": current_site()}
        for key, value in context.items():
            if key.endswith("_url") and isinstance(value, str) and "://" in value:
                context[key] = address_in(rebase_url(value), language)
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        email_enqueue(message=message)

    def _recipient_language(self, email: str, context) -> str:
        """The language the recipient chose; else, for the person asking (signing up,
        resetting their password), the page's; else, for someone else (an invitation), the
        site's default."""
        recipient = context.get("user")
        if not isinstance(recipient, User):
            recipient = User.objects.select_related("profile").filter(email__iexact=email).first()
        profile = getattr(recipient, "profile", None) if recipient is not None else None
        if getattr(profile, "interface_language", ""):
            return profile.interface_language
        asking = getattr(self.request, "user", None) if self.request is not None else None
        someone_else = (
            getattr(asking, "is_authenticated", False)
            and asking.email.lower() != email.lower()
            and (recipient is None or recipient.pk != asking.pk)
        )
        if someone_else:
            return settings.LANGUAGE_CODE
        return translation.get_language() or settings.LANGUAGE_CODE

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            signup_completed(user=user, language=translation.get_language())
        return user

    def login(self, request, user):
        super().login(request, user)
        chosen = language_on_sign_in(user=user, chosen_here=languages.chosen_language(request))
        if chosen:
            request.session[languages.SESSION_LANGUAGE_KEY] = chosen

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        mfa = app == "allauth.mfa" and self.request is not None
        if mfa and _enrolling_just_after_signing_in(self.request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)
