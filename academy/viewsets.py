"""The Academy in the Wagtail admin: trainers, sessions, enrolments, quiz results, certificates."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.core.capacity import PlaceStatus
from portal.core.viewsets import ReadOnlyPolicy, RelatedIndexView, RelatedModelViewSet

from . import services
from .models import Certificate, CourseSession, Enrolment, LearningPath, QuizAttempt, Trainer


class TrainerViewSet(SnippetViewSet):
    model = Trainer
    icon = "user"
    menu_label = _("Trainers")
    url_prefix = "academy/trainers"
    list_display = ["name", "role", "user"]
    search_fields = ["name"]


class LearningPathViewSet(SnippetViewSet):
    model = LearningPath
    icon = "list-ol"
    menu_label = _("Learning paths")
    url_prefix = "academy/paths"
    list_display = ["title", "audience", "validity_months", "live"]
    list_filter = ["audience", "live"]
    search_fields = ["title"]


class SessionIndexView(RelatedIndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                confirmed=Count("enrolments", filter=Q(enrolments__status=PlaceStatus.CONFIRMED)),
                waitlisted=Count("enrolments", filter=Q(enrolments__status=PlaceStatus.WAITLISTED)),
            )
        )

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        buttons.append(
            Button(
                _("Attendance"),
                url=reverse("academy_admin:attendance", args=[instance.pk]),
                icon_name="tasks",
                priority=5,
            )
        )
        return buttons


class SessionEditView(EditView):
    def save_instance(self):
        instance = super().save_instance()
        # More seats: the first people waiting get them (and are told by e-mail).
        services.session_capacity_changed(session=instance)
        return instance


class CourseSessionViewSet(RelatedModelViewSet):
    model = CourseSession
    icon = "date"
    menu_label = _("Sessions")
    index_view_class = SessionIndexView
    list_select_related = ("course",)
    edit_view_class = SessionEditView
    list_display = [
        "course",
        "starts_at",
        "delivery",
        "capacity",
        Column("confirmed", label=_("Confirmed")),
        Column("waitlisted", label=_("Waiting")),
    ]
    list_filter = ["course", "delivery", "starts_at"]
    search_fields = ["course__title", "venue", "city"]
    form_fields = [
        "course",
        "delivery",
        "starts_at",
        "ends_at",
        "time_zone",
        "capacity",
        "enrolment_closes_at",
        "venue",
        "address",
        "city",
        "country",
        "online_link",
        "trainers",
    ]
    ordering = ["-starts_at"]


class EnrolmentViewSet(RelatedModelViewSet):
    model = Enrolment
    icon = "group"
    menu_label = _("Enrolments")
    list_select_related = ("user", "course", "session")
    list_display = ["user", "course", "session", "status", "attended", "completed_at"]
    list_filter = ["status", "attended", "course", "session"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "course__title"]
    list_export = [
        "user.email",
        "user.first_name",
        "user.last_name",
        "course.title",
        "session",
        "status",
        "created_at",
        "attended",
        "completed_at",
    ]
    export_headings = {
        "user.email": _("E-mail"),
        "user.first_name": _("First name"),
        "user.last_name": _("Last name"),
        "course.title": _("Course"),
    }
    export_filename = "enrolments"
    form_fields = ["status"]
    ordering = ["-created_at"]
    inspect_view_enabled = True


class QuizAttemptViewSet(RelatedModelViewSet):
    model = QuizAttempt
    icon = "help"
    menu_label = _("Quiz results")
    list_select_related = ("user", "course", "quiz")
    list_display = ["user", "quiz", "course", "number", "score", "passed", "submitted_at"]
    list_filter = ["passed", "course", "quiz"]
    search_fields = ["user__email", "quiz__title"]
    list_export = [
        "user.email",
        "course.title",
        "quiz.title",
        "number",
        "score",
        "passed",
        "submitted_at",
    ]
    export_headings = {
        "user.email": _("E-mail"),
        "course.title": _("Course"),
        "quiz.title": _("Quiz"),
    }
    form_fields = ["passed"]
    ordering = ["-submitted_at"]
    inspect_view_enabled = True


class CertificateIndexView(RelatedIndexView):
    # Loads the drafts script, which forgets a revocation reason once it is confirmed.
    template_name = "academy/admin/certificate_index.html"

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if instance.is_valid:
            buttons.append(
                Button(
                    _("Revoke or re-issue"),
                    url=reverse("academy_admin:certificate_revoke", args=[instance.pk]),
                    icon_name="warning",
                    priority=5,
                )
            )
        buttons.append(
            Button(_("Verification page"), url=instance.get_absolute_url(), icon_name="link")
        )
        return buttons


class CertificateViewSet(RelatedModelViewSet):
    model = Certificate
    icon = "doc-full-inverse"
    menu_label = _("Certificates")
    index_view_class = CertificateIndexView
    list_select_related = ("holder", "course")
    list_display = ["code", "holder_name", "title", "kind", "completed_on", "revoked_at"]
    list_filter = ["kind", "course", "revoked_at", "issued_at"]
    search_fields = ["code", "holder_name", "title", "holder__email"]
    list_export = [
        "code",
        "holder_name",
        "title",
        "kind",
        "completed_on",
        "issued_at",
        "revoked_at",
        "revoked_reason",
    ]
    # Issued by the engine only; editors revoke or re-issue through their own screen.
    form_fields = ["holder_name"]
    inspect_view_enabled = True
    ordering = ["-issued_at"]


for read_only_model in (Enrolment, QuizAttempt, Certificate):
    register_permission_policy(read_only_model, ReadOnlyPolicy(read_only_model))


class AcademyViewSetGroup(ViewSetGroup):
    menu_label = _("Academy")
    menu_icon = "group"
    items = (
        CourseSessionViewSet("academy_sessions"),
        EnrolmentViewSet("academy_enrolments"),
        QuizAttemptViewSet("academy_quiz_attempts"),
        CertificateViewSet("academy_certificates"),
        TrainerViewSet,
        LearningPathViewSet,
    )
