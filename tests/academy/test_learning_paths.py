"""Learning paths: progress, recommendations and the path credential."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

from academy import selectors, services
from academy.learning_versions import learning_changed
from academy.models import Certificate, LearningPath, LearningPathStep
from tests.academy.test_open_badges import (
    assert_open_badge,
    credential_token,
    status_bit,
    verify_independently,
)
from tests.factories import TEST_TOTP_SECRET, AffiliationFactory, UserFactory
from tests.factories.academy import make_one_lesson_course, make_path
from tests.helpers import PERSONAL_PAGE_QUERY_BUDGET, queries_at_10_and_1000

pytestmark = pytest.mark.django_db


@pytest.fixture
def controller(db):
    user = UserFactory()
    AffiliationFactory(user=user, function="controller")
    return user


@pytest.fixture
def courses(home):
    first = make_one_lesson_course(
        title="Checking costs", effort_hours=Decimal("2"), learning_outcomes="Check costs\nSample"
    )
    second = make_one_lesson_course(
        title="Audit trail", effort_hours=Decimal("3.5"), learning_outcomes="Sample\nReport"
    )
    extra = make_one_lesson_course(title="State aid", effort_hours=Decimal("1"))
    return first, second, extra


def _complete(user, course_and_lesson):
    course, lesson = course_and_lesson
    services.enrolment_create(user=user, course=course)
    return services.lesson_complete(user=user, lesson=lesson)


def _path_certificates(user):
    return Certificate.objects.filter(holder=user, kind=Certificate.Kind.LEARNING_PATH)


def test_progress_counts_required_courses_and_optional_ones_apart(controller, courses):
    first, second, extra = courses
    path = make_path(first[0], second[0], optional=[extra[0]])
    _complete(controller, extra)
    _complete(controller, first)
    progress = selectors.learning_path_detail(path=path, user=controller)
    assert (progress.required_done, progress.required_total) == (1, 2)
    assert progress.optional_done == 1
    assert progress.next_step.course == second[0]
    assert not progress.complete


def test_the_last_required_course_issues_the_path_credential_once(controller, courses):
    first, second, extra = courses
    path = make_path(first[0], second[0], optional=[extra[0]], validity_months=36)
    _complete(controller, first)
    assert not _path_certificates(controller).exists()
    _complete(controller, second)
    certificate = _path_certificates(controller).get()
    assert certificate.title == path.title
    assert certificate.learning_path == path
    assert certificate.source_key == f"path:{path.pk}:user:{controller.pk}"
    assert certificate.effort_hours == Decimal("5.5")
    assert certificate.learning_outcomes == ["Check costs", "Sample", "Report"]
    expected_end = timezone.now() + timedelta(days=365 * 3)
    assert abs(certificate.valid_until - expected_end) < timedelta(days=2)
    # The optional course afterwards issues nothing more.
    _complete(controller, extra)
    assert _path_certificates(controller).count() == 1
    assert services.learning_paths_complete(user=controller, course=second[0]) == []


def test_optional_steps_are_not_needed(controller, courses):
    first, _second, extra = courses
    make_path(first[0], optional=[extra[0]])
    _complete(controller, first)
    assert _path_certificates(controller).get().valid_until is None


def test_a_revoked_path_credential_is_not_issued_again_by_completing(controller, courses):
    first, _second, extra = courses
    path = make_path(first[0], optional=[extra[0]])
    _complete(controller, first)
    certificate = _path_certificates(controller).get()
    replacement = services.certificate_reissue(certificate=certificate, by=None)
    assert replacement.learning_path == path
    assert replacement.kind == Certificate.Kind.LEARNING_PATH
    services.certificate_revoke(certificate=replacement, reason="Issued in error", by=None)
    _complete(controller, extra)
    assert services.learning_paths_complete(user=controller, course=first[0]) == []
    assert _path_certificates(controller).count() == 2
    assert not _path_certificates(controller).filter(revoked_at__isnull=True).exists()


def test_a_path_that_is_not_live_issues_nothing(controller, courses):
    first, _second, _extra = courses
    make_path(first[0], live=False)
    _complete(controller, first)
    assert not _path_certificates(controller).exists()


def test_paths_of_approved_functions_and_for_newcomers_are_recommended(controller, courses):
    first, second, _extra = courses
    mine = make_path(first[0], audience=LearningPath.Audience.CONTROLLER)
    newcomers = make_path(second[0], audience=LearningPath.Audience.NEWCOMERS)
    make_path(first[0], audience=LearningPath.Audience.AUDITOR)
    make_path(first[0], audience=LearningPath.Audience.CONTROLLER, live=False)
    recommended = [p.path for p in selectors.learning_paths_recommended(user=controller)]
    assert sorted(recommended, key=lambda p: p.pk) == [mine, newcomers]


def test_someone_in_no_programme_is_recommended_the_newcomers_paths(courses):
    first, second, _extra = courses
    newcomers = make_path(second[0], audience=LearningPath.Audience.NEWCOMERS)
    make_path(first[0], audience=LearningPath.Audience.CONTROLLER)
    recommended = selectors.learning_paths_recommended(user=UserFactory())
    assert [p.path for p in recommended] == [newcomers]


@pytest.mark.parametrize("status", ["pending", "declined"])
def test_an_unapproved_affiliation_gives_no_recommendation(courses, status):
    first, second, _extra = courses
    make_path(first[0], audience=LearningPath.Audience.CONTROLLER)
    make_path(second[0], audience=LearningPath.Audience.NEWCOMERS)
    user = UserFactory()
    AffiliationFactory(user=user, function="controller", status=status)
    assert selectors.learning_paths_recommended(user=user) == []


def test_a_path_title_is_shown_in_the_learners_language_when_translated(controller, courses):
    first, _second, _extra = courses
    path = make_path(first[0], title="Controllers' path")
    french = path.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.title = "Parcours des contrôleurs"
    french.save()
    with translation.override("fr"):
        progress = selectors.learning_paths_recommended(user=controller)[0]
        assert progress.shown.title == "Parcours des contrôleurs"
        assert progress.shown_language == ""
        assert [p.path for p in selectors.learning_path_catalogue(user=controller)] == [path]
    with translation.override("de"):
        progress = selectors.learning_paths_recommended(user=controller)[0]
        assert progress.shown.title == "Controllers' path"
        assert progress.shown_language == "en"


# Pages, permissions and query budgets ---------------------------------------------------------


def _grow_paths(courses, audience=LearningPath.Audience.CONTROLLER):
    """`grow(total)`: live paths for `audience` up to `total`, two steps each."""

    def grow(total):
        existing = LearningPath.objects.count()
        locale = Locale.get_default()
        paths = LearningPath.objects.bulk_create(
            LearningPath(title=f"Path {n:04}", audience=audience, live=True, locale=locale)
            for n in range(existing, total)
        )
        LearningPathStep.objects.bulk_create(
            LearningPathStep(path=path, course=course, required=order == 0, sort_order=order)
            for path in paths
            for order, course in enumerate(courses)
        )

    return grow


def test_my_learning_with_paths_keeps_its_queries_at_10_and_1000_paths(client, controller, courses):
    first, second, _extra = courses
    _complete(controller, first)
    client.force_login(controller)
    # Paths written in bulk send no signal: the learner's kept page is dropped before each
    # counted request, which renders it.
    few, many, response = queries_at_10_and_1000(
        client,
        reverse("academy:my_learning"),
        _grow_paths([first[0], second[0]]),
        forget=lambda: learning_changed([controller.pk]),
    )
    assert few == many
    assert many <= PERSONAL_PAGE_QUERY_BUDGET, many
    recommended = response.context["recommended_paths"]
    assert len(recommended) == 1000
    assert {(p.required_done, p.required_total) for p in recommended} == {(1, 1)}
    assert {p.optional_done for p in recommended} == {0}


def test_the_path_list_keeps_its_queries_at_10_and_1000_paths(client, controller, courses):
    first, second, _extra = courses
    client.force_login(controller)
    few, many, response = queries_at_10_and_1000(
        client, reverse("academy:learning_paths"), _grow_paths([first[0], second[0]])
    )
    assert few == many
    assert many <= PERSONAL_PAGE_QUERY_BUDGET, many
    assert response.context["paths"].paginator.count == 1000


def test_a_path_page_keeps_its_queries_at_10_and_1000_rows(client, controller, courses):
    first, second, extra = courses
    path = make_path(first[0], second[0], optional=[extra[0]])
    _complete(controller, first)

    def grow(total):
        _grow_paths([first[0], second[0]])(total)
        existing = Certificate.objects.filter(holder=controller).count()
        Certificate.objects.bulk_create(
            Certificate(
                code=f"PATH{n:06}",
                kind=Certificate.Kind.LEARNING_PATH,
                source_key=f"budget:{n}",
                holder=controller,
                holder_name="Marta",
                title=f"Path {n}",
                completed_on=timezone.localdate(),
            )
            for n in range(existing, total)
        )

    client.force_login(controller)
    few, many, response = queries_at_10_and_1000(client, path.get_absolute_url(), grow)
    assert few == many
    assert many <= PERSONAL_PAGE_QUERY_BUDGET, many
    steps = response.context["progress"].steps
    assert [(s.course, s.required, s.done) for s in steps] == [
        (first[0], True, True),
        (second[0], True, False),
        (extra[0], False, False),
    ]


def test_signed_out_visitors_see_a_live_path_without_anyones_progress(client, courses):
    first, second, _extra = courses
    path = make_path(first[0], second[0], title="Controllers' path")
    learner = UserFactory()
    _complete(learner, first)
    response = client.get(path.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Controllers&#x27; path" in html
    assert first[0].title in html and second[0].title in html
    assert "required courses done" not in html
    assert not any(step.done for step in response.context["progress"].steps)
    listing = client.get(reverse("academy:learning_paths")).content.decode()
    assert path.get_absolute_url() in listing


def test_a_path_that_is_not_live_is_not_found(client, courses):
    path = make_path(courses[0][0], live=False)
    assert client.get(path.get_absolute_url()).status_code == 404
    assert (
        path.get_absolute_url()
        not in client.get(reverse("academy:learning_paths")).content.decode()
    )


def test_learners_see_their_own_state_only(client, controller, courses):
    first, second, _extra = courses
    path = make_path(first[0], second[0])
    _complete(controller, first)
    _complete(controller, second)
    other = UserFactory()
    client.force_login(other)
    progress = client.get(path.get_absolute_url()).context["progress"]
    assert (progress.required_done, progress.certificate) == (0, None)
    client.force_login(controller)
    progress = client.get(path.get_absolute_url()).context["progress"]
    assert progress.required_done == 2
    assert progress.certificate.holder == controller
    assert (
        progress.certificate.get_absolute_url().encode()
        in client.get(reverse("academy:my_learning")).content
    )


ADMIN_PATHS = "/admin/academy/paths/"


def test_an_editor_without_the_academys_permission_cannot_manage_paths(client, courses):
    path = make_path(courses[0][0])
    editor = UserFactory(wagtail_admin=True, totp_secret=TEST_TOTP_SECRET)
    client.force_login(editor)
    for url in (ADMIN_PATHS, f"{ADMIN_PATHS}add/", f"{ADMIN_PATHS}edit/{path.pk}/"):
        response = client.get(url)
        # The admin turns "permission denied" into a trip home.
        assert response.status_code == 302 and response["Location"] == "/admin/", url
    assert client.post(f"{ADMIN_PATHS}delete/{path.pk}/").status_code in (302, 403)
    assert LearningPath.objects.filter(pk=path.pk).exists()


def test_an_editor_with_the_permission_manages_paths(client, courses):
    path = make_path(courses[0][0], title="Controllers' path")
    editor = UserFactory(wagtail_admin=True, totp_secret=TEST_TOTP_SECRET)
    editor.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="academy", codename__endswith="_learningpath"
        )
    )
    client.force_login(editor)
    assert "Controllers&#x27; path" in client.get(ADMIN_PATHS).content.decode()
    assert client.get(f"{ADMIN_PATHS}edit/{path.pk}/").status_code == 200


def test_a_path_credential_validates_as_an_open_badge(client, controller, courses):
    first, _second, _extra = courses
    path = make_path(first[0], title="Controllers' path", validity_months=12)
    _complete(controller, first)
    certificate = _path_certificates(controller).get()
    credential = verify_independently(client, credential_token(client, certificate))
    assert_open_badge(credential)
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == "Controllers' path"
    assert achievement["achievementType"] == "LearningProgram"
    assert achievement["id"] == achievement["criteria"]["id"]
    assert achievement["id"].endswith(path.get_absolute_url())
    assert achievement["creditsAvailable"] == 2.0
    assert "validUntil" in credential and "expirationDate" in credential
    assert status_bit(client, credential) is False


def test_a_step_is_a_course_in_its_original_language(courses):
    from django.core.exceptions import ValidationError

    from academy.models.pages import COURSE_IN_ITS_ORIGINAL_LANGUAGE
    from portal.core.demo_translations import translate_page

    original, _lesson = courses[0]
    french = translate_page(original, "fr", {original.title: f"{original.title} (FR)"}).specific
    path = make_path(courses[1][0])
    with pytest.raises(ValidationError) as error:
        LearningPathStep(path=path, course=french).clean()
    assert error.value.message_dict["course"] == [str(COURSE_IN_ITS_ORIGINAL_LANGUAGE)]
    LearningPathStep(path=path, course=original).clean()


def test_people_who_completed_a_paths_courses_before_it_existed_receive_its_credential(
    controller, courses
):
    first, second, extra = courses
    halfway = UserFactory()
    _complete(controller, first)
    _complete(controller, second)
    _complete(halfway, first)
    path = make_path(first[0], second[0], optional=[extra[0]])
    translated = path.copy_for_translation(Locale.objects.get(language_code="fr"))
    translated.live = True
    translated.save()
    assert translated.steps.count() == 3  # a translation carries the steps too
    assert not _path_certificates(controller).exists()

    assert services.learning_path_credentials_backfill() == 1
    certificate = _path_certificates(controller).get()
    assert certificate.learning_path == path  # the original, not its translation
    assert not _path_certificates(halfway).exists()
    assert services.learning_path_credentials_backfill() == 0


def test_the_backfill_leaves_a_revoked_path_credential_revoked(controller, courses):
    first, _second, _extra = courses
    _complete(controller, first)
    path = make_path(first[0])
    services.learning_path_credentials_backfill()
    certificate = _path_certificates(controller).get()
    services.certificate_revoke(certificate=certificate, reason="Issued in error", by=None)
    assert services.learning_path_credentials_backfill() == 0
    assert _path_certificates(controller).get().learning_path == path
