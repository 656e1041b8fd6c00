"""What visitors get while a service the portal needs is down."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.defaults import server_error

# Raised when the database server cannot be reached or drops the connection.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error_or_unavailable(request, template_name="500.html"):
    """Django's 500 view, except when the database cannot be reached: then a page that says
    the portal is briefly unavailable, with `Retry-After`, and answers 503 so that proxies and
    monitoring treat it as an outage. Django calls this while handling the exception."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return unavailable_response()
    return server_error(request, template_name)


def unavailable_response() -> HttpResponse:
    """The "briefly unavailable" page, 503 with `Retry-After`: also for a view whose own
    service is missing (credentials while no signing key is configured)."""
    # Rendered without a request: nothing on it may need the database.
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
