from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import ReferenceIndex

from . import admin_views
from .access import may_open_course_content
from .models import LessonPage
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
        return request.user.has_perm(admin_views.STATISTICS_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Academy statistics"), reverse("academy_admin:statistics"), icon_name="list-ul"
    )


@hooks.register("before_serve_document")
def course_material_for_learners_only(document, request):
    """A document used only in lessons is the course's material: its learners and editors
    may download it; anyone else is refused even with the exact link."""
    references = list(
        ReferenceIndex.get_references_to(document).values_list("content_type_id", "object_id")
    )
    if not references:
        return None
    lesson_type = ContentType.objects.get_for_model(LessonPage).pk
    if any(content_type != lesson_type for content_type, _object_id in references):
        return None
    lessons = LessonPage.objects.filter(pk__in=[int(object_id) for _type, object_id in references])
    if any(may_open_course_content(request.user, lesson.course) for lesson in lessons):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404
