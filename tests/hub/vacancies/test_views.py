"""Publishing and editing vacancies: who may, for which programme, what is recorded, and how
mistakes are shown."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from hub.vacancies import forms, models, services
from hub.vacancies.models import Vacancy
from tests.factories import UserFactory
from tests.factories.vacancies import make_vacancy

pytestmark = pytest.mark.django_db

CREATE = reverse("hub_vacancies:vacancy_create")
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _form_data(programme=None, **overrides) -> dict:
    closes = timezone.localtime(timezone.now() + timedelta(days=21))
    data = {
        "title": "Communication officer",
        "description": "You tell the programme's story.\n\nYou write in two languages.",
        "programme": str(programme.pk) if programme else "",
        "employer_name": "",
        "employer_url": "",
        "workplace": "on_site",
        "town": "Bratislava",
        "country": "SK",
        "contract_type": "fixed_term",
        "contract_duration": "24 months",
        "hours": "full_time",
        "hours_per_week": "",
        "salary_min": "",
        "salary_max": "",
        "salary_currency": "eur",
        "salary_period": "",
        "salary_note": "",
        "closes_at": closes.strftime("%Y-%m-%dT12:00"),
        "time_zone": "Europe/Bratislava",
        "apply_url": "www.sk-at.eu/jobs",
        "apply_email": "",
        "how_to_apply": "",
    }
    data.update(overrides)
    return data


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(CREATE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "who", ["user", "controller", "pending_officer"], ids=["member", "controller", "pending"]
)
def test_people_who_do_not_publish_are_refused(client, request, who):
    client.force_login(request.getfixturevalue(who))
    page = client.get(CREATE)
    assert page.status_code == 200
    assert page.context["refused"] == services.NOT_ALLOWED
    assert "Only approved staff of a programme" in page.content.decode()
    assert 'name="title"' not in page.content.decode()
    assert client.post(CREATE, _form_data()).status_code == 403
    assert not Vacancy.objects.exists()


def test_an_officer_publishes_for_their_programme(client, officer, programme):
    client.force_login(officer)
    page = client.get(CREATE)
    assert page.status_code == 200
    response = client.post(CREATE, _form_data(programme))
    vacancy = Vacancy.objects.get()
    assert response.status_code == 302
    assert response["Location"] == vacancy.get_absolute_url()
    assert vacancy.programme == programme
    assert vacancy.created_by == officer
    assert vacancy.apply_url == "https://www.sk-at.eu/jobs"
    assert vacancy.salary_currency == "EUR"
    assert vacancy.description == (
        "<p>You tell the programme&#x27;s story.</p>\n\n<p>You write in two languages.</p>"
    )
    # Noon in Bratislava (UTC+1 or +2) is stored in UTC.
    assert vacancy.local_closes_at.hour == 12
    assert vacancy.closes_at.utcoffset() == timedelta(0)
    entry = ModelLogEntry.objects.get(action="wagtail.create")
    assert (entry.user_id, entry.object_id) == (officer.pk, str(vacancy.pk))


def test_an_officer_cannot_publish_for_another_programme(client, officer, other_programme):
    client.force_login(officer)
    response = client.post(CREATE, _form_data(other_programme))
    assert response.status_code == 200
    assert "Select a valid choice" in str(response.context["form"].errors["programme"])
    assert not Vacancy.objects.exists()


def test_the_service_refuses_another_programme_too(officer, other_programme):
    from tests.factories.vacancies import vacancy_values

    with pytest.raises(services.ValidationError) as raised:
        services.vacancy_create(user=officer, values=vacancy_values(other_programme))
    assert raised.value.message_dict == {"programme": [str(services.NOT_YOUR_PROGRAMME)]}


def test_an_officer_must_name_their_programme(client, officer):
    client.force_login(officer)
    response = client.post(CREATE, _form_data(None, employer_name="Somebody else"))
    assert response.status_code == 200
    assert response.context["form"].errors["programme"]


def test_an_editor_publishes_for_a_body_that_is_not_a_programme(client, editor):
    client.force_login(editor)
    response = client.post(
        CREATE, _form_data(None, employer_name="European Association of Border Regions")
    )
    assert response.status_code == 302
    vacancy = Vacancy.objects.get()
    assert vacancy.programme is None
    assert vacancy.employer_label == "European Association of Border Regions"


def test_mistakes_are_shown_beside_their_fields_with_what_was_typed(client, officer, programme):
    client.force_login(officer)
    past = timezone.localtime(timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        CREATE,
        _form_data(
            programme,
            title="Trainee",
            town="",
            hours="part_time",
            salary_min="3000",
            salary_max="2000",
            closes_at=past,
            apply_url="",
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["town"] == [str(models.PLACE_MISSING)]
    assert errors["hours_per_week"] == [str(models.HOURS_PER_WEEK_MISSING)]
    assert errors["salary_max"] == [str(models.SALARY_RANGE_REVERSED)]
    assert errors["salary_period"] == [str(models.SALARY_PERIOD_MISSING)]
    assert errors["closes_at"] == [str(forms.CLOSING_IN_THE_PAST)]
    assert errors["apply_url"] == [str(models.APPLY_MISSING)]
    page = response.content.decode()
    assert 'id="id_town_error"' in page or "field--error" in page
    assert 'value="Trainee"' in page
    assert 'value="3000"' in page
    assert "There is a problem" in page


def test_nonsense_is_refused_without_a_server_error(client, officer, programme):
    client.force_login(officer)
    response = client.post(
        CREATE,
        _form_data(
            programme,
            closes_at="yesterday-ish",
            time_zone="Mars/Olympus",
            salary_min="lots",
            hours_per_week="99999",
            country="ZZ",
            workplace="moon",
        ),
    )
    assert response.status_code == 200
    assert {"closes_at", "time_zone", "salary_min", "hours_per_week", "country", "workplace"} <= (
        response.context["form"].errors.keys()
    )


def test_the_same_form_sent_twice_publishes_once(client, officer, programme):
    client.force_login(officer)
    token = client.get(CREATE).context["form"]["submission_token"].value()
    data = _form_data(programme, submission_token=token)
    first = client.post(CREATE, data)
    second = client.post(CREATE, data)
    assert Vacancy.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_staff_edit_their_programmes_vacancies_and_the_change_is_logged(client, officer, programme):
    vacancy = make_vacancy(programme, title="Project officer")
    url = reverse("hub_vacancies:vacancy_edit", args=[vacancy.pk])
    client.force_login(officer)
    form = client.get(url).context["form"]
    assert form["title"].value() == "Project officer"
    response = client.post(url, _form_data(programme, title="Senior project officer"))
    vacancy.refresh_from_db()
    assert response["Location"] == vacancy.get_absolute_url()
    assert vacancy.title == "Senior project officer"
    assert vacancy.slug == "senior-project-officer"
    entry = ModelLogEntry.objects.get(action="wagtail.edit")
    assert entry.user_id == officer.pk
    assert entry.timestamp is not None


def test_a_closed_vacancy_can_be_corrected_without_reopening_it(client, officer, programme):
    vacancy = make_vacancy(programme, closes_at=timezone.now() - timedelta(days=2))
    url = reverse("hub_vacancies:vacancy_edit", args=[vacancy.pk])
    client.force_login(officer)
    unchanged = client.get(url).context["form"].initial["closes_at"].strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url,
        _form_data(
            programme, title="Corrected", closes_at=unchanged, time_zone="Europe/Bratislava"
        ),
    )
    assert response.status_code == 302, response.context["form"].errors


@pytest.mark.parametrize("who", ["other_officer", "controller", "user"])
def test_others_cannot_edit(client, request, programme, who):
    vacancy = make_vacancy(programme, title="Project officer")
    client.force_login(request.getfixturevalue(who))
    url = reverse("hub_vacancies:vacancy_edit", args=[vacancy.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _form_data(programme, title="Taken over")).status_code == 403
    vacancy.refresh_from_db()
    assert vacancy.title == "Project officer"


def test_editors_edit_every_vacancy(client, editor, programme):
    vacancy = make_vacancy(programme)
    client.force_login(editor)
    url = reverse("hub_vacancies:vacancy_edit", args=[vacancy.pk])
    response = client.post(url, _form_data(programme, title="Edited by the portal"))
    assert response.status_code == 302
    assert reverse("hub_vacancies:vacancy_edit", args=[999999]) != url
    assert client.get(reverse("hub_vacancies:vacancy_edit", args=[999999])).status_code == 404


def test_the_edit_link_shows_to_those_who_may_edit(client, officer, other_officer, programme):
    vacancy = make_vacancy(programme)
    edit = reverse("hub_vacancies:vacancy_edit", args=[vacancy.pk])
    assert edit not in client.get(vacancy.get_absolute_url()).content.decode()
    client.force_login(other_officer)
    assert edit not in client.get(vacancy.get_absolute_url()).content.decode()
    client.force_login(officer)
    assert edit in client.get(vacancy.get_absolute_url()).content.decode()
    assert CREATE in client.get(reverse("hub_vacancies:vacancy_list")).content.decode()


def test_text_typed_into_a_vacancy_is_shown_as_text(client, editor, programme):
    client.force_login(editor)
    response = client.post(
        CREATE,
        _form_data(
            programme,
            title=f"Officer {XSS}",
            description=f'<p>Hello</p>{XSS}<a href="javascript:alert(1)">x</a>',
            employer_name=f"Body {XSS}",
            town=f"Town {XSS}",
            contract_duration=f"{XSS}",
            salary_note=f"{XSS}",
            salary_min="1",
            salary_period="month",
            how_to_apply=f"Write {XSS}",
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    vacancy = Vacancy.objects.get()
    assert "<script" not in vacancy.description and "javascript:" not in vacancy.description
    for url in (
        vacancy.get_absolute_url(),
        reverse("hub_vacancies:vacancy_list"),
        reverse("hub_vacancies:feed_rss"),
        reverse("hub_vacancies:feed_atom"),
    ):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "<img src=x" not in page, url
        assert "javascript:alert" not in page, url
    json_ld = client.get(vacancy.get_absolute_url()).content.decode()
    assert "\\u003Cscript\\u003E" in json_ld


def test_an_admin_edit_goes_through_the_sanitiser(client, superuser, programme):
    from django.forms.models import model_to_dict

    from hub.vacancies.viewsets import VacancyViewSet

    vacancy = make_vacancy(programme)
    data = {key: value for key, value in model_to_dict(vacancy).items() if value is not None}
    data.update(
        title="Renamed in the admin",
        description=f"<p>Fine</p>{XSS}",
        closes_at=timezone.localtime(vacancy.closes_at).strftime("%Y-%m-%d %H:%M:%S"),
        published_at=timezone.localtime(vacancy.published_at).strftime("%Y-%m-%d %H:%M:%S"),
        themes=[],
        remote_countries=[],
    )
    form = VacancyViewSet("vacancies").get_form_class(for_update=True)(data, instance=vacancy)
    assert form.is_valid(), form.errors
    form.save()
    vacancy.refresh_from_db()
    assert vacancy.description == '<p>Fine</p>alert("x")'
    assert vacancy.slug == "renamed-in-the-admin"

    client.force_login(superuser)
    assert client.get(reverse("vacancies:edit", args=[vacancy.pk])).status_code == 200
    listing = client.get(reverse("vacancies:index"))
    assert "Renamed in the admin" in listing.content.decode()
    client.force_login(UserFactory())
    assert client.get(reverse("vacancies:index")).status_code in (302, 403)
