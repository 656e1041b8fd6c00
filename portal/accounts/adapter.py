from allauth.account.adapter import DefaultAccountAdapter

from portal.notifications.services import email_enqueue


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # Account e-mails go through the task queue like every other e-mail of the portal.
        message = self.render_mail(template_prefix, email, context)
        email_enqueue(message=message)
