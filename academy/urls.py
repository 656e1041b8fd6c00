from django.urls import path

from . import views

app_name = "academy"

urlpatterns = [
    path("academy/courses/<int:course_id>/enrol/", views.enrol, name="enrol"),
    path("academy/enrolments/<int:pk>/cancel/", views.enrolment_cancel, name="enrolment_cancel"),
    path("academy/my-learning/", views.my_learning, name="my_learning"),
    path("academy/paths/", views.learning_path_list, name="learning_paths"),
    path("academy/paths/<int:pk>/", views.learning_path_detail, name="learning_path"),
    path(
        "academy/my-learning/credentials.zip",
        views.my_credentials_archive,
        name="my_credentials_archive",
    ),
    path("people/<str:public_id>/certificates/", views.learner_record, name="learner_record"),
    path(
        "academy/sessions/<int:pk>/calendar.ics",
        views.session_calendar,
        name="session_calendar",
    ),
    path("certificates/verify/", views.certificate_lookup, name="certificate_lookup"),
    path("certificates/verify/<str:code>/", views.certificate_verify, name="certificate_verify"),
    path(
        "certificates/<str:code>/certificate.pdf",
        views.certificate_download,
        name="certificate_download",
    ),
    path(
        "certificates/<str:code>/credential.jwt",
        views.certificate_credential,
        name="certificate_credential",
    ),
    path("certificates/<str:code>/badge.png", views.certificate_badge, name="certificate_badge"),
    path(
        "certificates/<str:code>/linkedin/",
        views.certificate_linkedin,
        name="certificate_linkedin",
    ),
]
