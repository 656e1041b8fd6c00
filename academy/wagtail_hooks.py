from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import access, admin_views
from .viewsets import AcademyViewSetGroup


@hooks.register("register_admin_viewset")
def register_academy_viewsets():
    return AcademyViewSetGroup()


@hooks.register("register_admin_urls")
def register_academy_admin_urls():
    urls = [
        path("sessions/<int:pk>/attendance/", admin_views.attendance, name="attendance"),
        path("statistics/", admin_views.statistics, name="statistics"),
        path(
            "certificates/<int:pk>/revoke/",
            admin_views.certificate_revoke,
            name="certificate_revoke",
        ),
    ]
    return [path("academy/", include((urls, "academy_admin"), namespace="academy_admin"))]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_see_statistics(request.user)


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Academy statistics"), reverse("academy_admin:statistics"), icon_name="list-ul"
    )


@hooks.register("before_serve_document")
def course_material_for_learners_only(document, request):
    """Anyone else is refused a lesson's document even with the exact link."""
    if access.may_download_document(request.user, document):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404
