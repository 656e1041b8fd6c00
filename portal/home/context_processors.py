from django.utils.functional import SimpleLazyObject

from .models import AccessibilityStatementPage


def accessibility_statement(request):
    """The address of the accessibility statement for the footer of every page, in the
    visitor's language when it is translated; asked for only by templates that show it."""

    def url():
        statement = AccessibilityStatementPage.objects.live().public().first()
        if statement is None:
            return ""
        return statement.localized.url or ""

    return {"accessibility_statement_url": SimpleLazyObject(url)}
