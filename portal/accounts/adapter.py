from allauth.account.adapter import DefaultAccountAdapter

from portal.core.links import current_site, rebase_url
from portal.notifications.services import email_enqueue

from .services import signup_completed


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth counts failures per account; counting per account *and* client address
        # means nobody can lock a real user out by failing on purpose from elsewhere.
        account_key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account_key}:{self.get_client_ip(request)}"

    def send_mail(self, template_prefix, email, context):
        # Account e-mails name the site and link to it like every other e-mail of the portal
        # (portal.core.links), whatever host the request came in on, and go through the task
        # queue like them.
        context = {**context, "current_site": current_site()}
        for key, value in context.items():
            if key.endswith("_url") and isinstance(value, str) and "://" in value:
                context[key] = rebase_url(value)
        message = self.render_mail(template_prefix, email, context)
        email_enqueue(message=message)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            signup_completed(user=user)
        return user
