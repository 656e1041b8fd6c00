"""The portal's addresses plus one shared page holding a form, for the CSRF tests of
test_personal_pieces: no public page has a form that both visitors and members post."""

from django.http import HttpResponse
from django.template import RequestContext, Template
from django.urls import path

from portal.core.cache import shared_with_everyone
from portal.urls import urlpatterns as portal_urlpatterns

FORM = Template('<form method="post">{% csrf_token %}<button>Send</button></form>')


@shared_with_everyone
def shared_form(request):
    if request.method == "POST":
        return HttpResponse(b"posted")
    return HttpResponse(FORM.render(RequestContext(request)))


urlpatterns = [path("shared-form/", shared_form), *portal_urlpatterns]
