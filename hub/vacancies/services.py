"""Writes of vacancies: publishing and editing, each recorded with who and when."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.html import linebreaks
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from hub import access
from portal.core.cache import content_changed
from portal.core.sanitize import sanitize_html

from .models import Vacancy

NOT_YOUR_PROGRAMME = _("You publish vacancies for your own programme only.")
NOT_ALLOWED = _("Only approved staff of a programme and the portal's editors publish vacancies.")
# Only editors may advertise for a body that is not a programme (Interact's office, a
# ministry hosting a contact point): programme staff publish in their programme's name.
PROGRAMME_REQUIRED = _("Choose the programme this vacancy is for.")

_HAS_MARKUP = re.compile(r"<[a-zA-Z/]")


def description_html(text: str) -> str:
    """Plain paragraphs or a little HTML; either is stored sanitised."""
    text = (text or "").strip()
    if text and not _HAS_MARKUP.search(text):
        text = linebreaks(text, autoescape=True)
    return sanitize_html(text)


def may_edit(user, vacancy: Vacancy) -> bool:
    """Editors edit every vacancy; programme staff those of the programmes they publish for."""
    ids = access.publishing_programme_ids(user)
    return ids is None or (vacancy.programme_id is not None and vacancy.programme_id in ids)


def _check_may_publish(user, programme) -> None:
    if not access.may_publish(user):
        raise PermissionDenied(NOT_ALLOWED)
    if programme is None:
        if not access.publishes_everywhere(user):
            raise ValidationError({"programme": PROGRAMME_REQUIRED})
    elif not access.may_publish_for(user, programme):
        raise ValidationError({"programme": NOT_YOUR_PROGRAMME})


def _apply(vacancy: Vacancy, values: dict) -> None:
    for name, value in values.items():
        setattr(vacancy, name, value)
    vacancy.description = description_html(vacancy.description)
    vacancy.slug = Vacancy.make_slug(vacancy.title)
    vacancy.full_clean()


def vacancy_create(*, user, values: dict, themes=()) -> Vacancy:
    _check_may_publish(user, values.get("programme"))
    vacancy = Vacancy(created_by=user)
    _apply(vacancy, values)
    with transaction.atomic():
        vacancy.save()
        vacancy.themes.set(themes)
        log(vacancy, "wagtail.create", user=user)
        transaction.on_commit(content_changed)
    return vacancy


def vacancy_update(*, vacancy: Vacancy, user, values: dict, themes=()) -> Vacancy:
    if not may_edit(user, vacancy):
        raise PermissionDenied(NOT_YOUR_PROGRAMME)
    _check_may_publish(user, values.get("programme", vacancy.programme))
    _apply(vacancy, values)
    with transaction.atomic():
        vacancy.save()
        vacancy.themes.set(themes)
        log(vacancy, "wagtail.edit", user=user)
        transaction.on_commit(content_changed)
    return vacancy
