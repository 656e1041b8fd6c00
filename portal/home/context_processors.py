from django.conf import settings
from django.db.models import Case, IntegerField, Value, When
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from portal.core.access import public_pages
from portal.core.cache import cached_value

from .models import AccessibilityStatementPage


def _statement_url() -> str:
    """The statement in the visitor's language where it is translated, else the original: one
    query, the view restrictions and the languages asked inside it."""
    language = get_language() or settings.LANGUAGE_CODE
    statement = (
        public_pages(AccessibilityStatementPage.objects.live())
        .annotate(
            preference=Case(
                When(locale__language_code=language, then=Value(0)),
                When(locale__language_code=settings.LANGUAGE_CODE, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("preference", "path")
        .first()
    )
    return (statement.url or "") if statement is not None else ""


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
