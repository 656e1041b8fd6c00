from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from portal.core.cache import cached_value

from .models import AccessibilityStatementPage


def _statement_url() -> str:
    statement = AccessibilityStatementPage.objects.live().public().first()
    return (statement.localized.url or "") if statement is not None else ""


def accessibility_statement(request):
    """The address of the accessibility statement for the footer of every page, in the
    visitor's language when it is translated. Kept until the next publish, and asked for only
    by templates that show it."""

    def url():
        return cached_value(
            ("accessibility-statement-url", get_language() or ""),
            _statement_url,
            settings.PAGE_CACHE_SECONDS,
        )

    return {"accessibility_statement_url": SimpleLazyObject(url)}
