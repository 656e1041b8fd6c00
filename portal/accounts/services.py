import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from hub.models import NUTS_CODE_INVALID, validate_nuts_code
from portal.core import languages
from portal.core.languages import language_of
from portal.core.links import site_base_url
from portal.notifications.services import email_from_templates

from . import gdpr, roles
from .models import Affiliation, ConsentRecord, Profile, Programme, User

SLUG_TAKEN = _("Another programme already uses the web address “%(slug)s”.")
COUNTRY_UNKNOWN = _("“%(code)s” is not a country code (use two letters, e.g. FR or DE).")
AFFILIATION_ALREADY_APPROVED = _("You already hold this function in this programme.")
AFFILIATION_ALREADY_PENDING = _("You have already asked for this; it is waiting for approval.")
AFFILIATION_NOT_PENDING = _("This request has already been decided.")
AFFILIATION_DECLINE_NEEDS_MESSAGE = _("Tell the person why, so they can correct their request.")


def _send(*, template: str, to, context: dict) -> None:
    """One e-mail to each person in `to`, in their language."""
    for person in to:
        language = language_of(person)
        with translation.override(language):
            email_from_templates(
                template=f"accounts/email/{template}",
                to=[person.email],
                context=context,
                language=language,
            )


def _programme_admins(programme: Programme) -> list:
    admins = User.objects.filter(
        affiliations__programme=programme,
        affiliations__status=Affiliation.Status.APPROVED,
        affiliations__is_programme_admin=True,
    )
    people = list(admins.select_related("profile").distinct().order_by("email"))
    if people:
        return people
    # A programme without admins yet: the site staff decide.
    return list(roles.site_staff().select_related("profile").order_by("email"))


@transaction.atomic
def affiliation_request(*, user, programme: Programme, function: str, listed: bool) -> Affiliation:
    """Ask to be recognised in `function` at `programme`; its admins are told by e-mail."""
    existing = (
        Affiliation.objects.select_for_update()
        .filter(user=user, programme=programme, function=function)
        .first()
    )
    if existing and existing.status == Affiliation.Status.APPROVED:
        raise ValidationError(AFFILIATION_ALREADY_APPROVED, code="approved")
    if existing and existing.status == Affiliation.Status.PENDING:
        raise ValidationError(AFFILIATION_ALREADY_PENDING, code="pending")
    affiliation = existing or Affiliation(user=user, programme=programme, function=function)
    affiliation.status = Affiliation.Status.PENDING
    affiliation.listed = listed
    affiliation.decided_by = None
    affiliation.decided_at = None
    affiliation.decision_message = ""
    affiliation.save()
    recipients = _programme_admins(programme)
    if recipients:
        _send(
            template="affiliation_requested",
            to=recipients,
            context={"affiliation": affiliation, "base_url": site_base_url()},
        )
    return affiliation


@transaction.atomic
def affiliation_decide(
    *, affiliation: Affiliation, decided_by, approve: bool, message: str = ""
) -> Affiliation:
    """Approve or decline a pending request; the requester is told by e-mail."""
    if not roles.is_programme_admin(decided_by, affiliation.programme_id):
        raise PermissionDenied
    affiliation = Affiliation.objects.select_for_update().get(pk=affiliation.pk)
    if affiliation.status != Affiliation.Status.PENDING:
        raise ValidationError(AFFILIATION_NOT_PENDING, code="decided")
    message = message.strip()
    if not approve and not message:
        raise ValidationError({"message": AFFILIATION_DECLINE_NEEDS_MESSAGE}, code="required")
    affiliation.status = Affiliation.Status.APPROVED if approve else Affiliation.Status.DECLINED
    affiliation.decision_message = message
    affiliation.decided_by = decided_by
    affiliation.decided_at = timezone.now()
    affiliation.save(update_fields=["status", "decision_message", "decided_by", "decided_at"])
    roles.forget(affiliation.user)
    _send(
        template="affiliation_decided",
        to=[affiliation.user],
        context={"affiliation": affiliation, "base_url": site_base_url()},
    )
    return affiliation


@transaction.atomic
def affiliation_withdraw(*, affiliation: Affiliation, user) -> None:
    """The user gives up a request or a function they hold."""
    if affiliation.user_id != user.pk:
        raise PermissionDenied
    affiliation.delete()
    roles.forget(user)


@dataclass
class ProgrammeImportReport:
    created: int = 0
    updated: int = 0
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # line, acronym, reason


# The columns of a programme CSV (`import_programmes`).
PROGRAMME_IMPORT_FIELDS = (
    "acronym",
    "name",
    "strand",
    "sub_type",
    "countries",
    "website",
    "description",
)
# Columns a file may leave out: a programme keeps what it holds for a column the file does
# not have, and loses it for an empty cell of a column the file has.
PROGRAMME_OPTIONAL_FIELDS = (
    "area_nuts_codes",
    "contact_email",
    "contact_phone",
    "contact_address",
)


def _country_codes(text: str) -> list[str]:
    codes = [code.upper() for code in re.split(r"[;,\s]+", text) if code]
    for code in codes:
        if code not in countries:
            raise ValidationError(
                {"countries": ValidationError(COUNTRY_UNKNOWN, params={"code": code})}
            )
    return list(dict.fromkeys(codes))


def _nuts_codes(text: str) -> str:
    """The area's codes, upper case, once each, separated by spaces (as `Programme` keeps them)."""
    codes = [code for code in re.split(r"[;,\s]+", text) if code]
    for code in codes:
        try:
            validate_nuts_code(code.upper())
        except ValidationError as error:
            raise ValidationError(
                {"area_nuts_codes": ValidationError(NUTS_CODE_INVALID, params={"code": code})}
            ) from error
    return " ".join(dict.fromkeys(code.upper() for code in codes))


def _programme_from_row(row: dict[str, str], existing: Programme | None) -> Programme:
    """The programme `row` describes, validated like an editor's input but not yet saved."""
    values = {name: (row.get(name) or "").strip() for name in PROGRAMME_IMPORT_FIELDS}
    programme = existing or Programme()
    programme.acronym = values["acronym"]
    programme.name = values["name"]
    programme.strand = values["strand"].upper()
    programme.sub_type = values["sub_type"].upper()
    programme.website = values["website"]
    programme.description = values["description"]
    errors = {}
    try:
        programme.countries = _country_codes(values["countries"])
    except ValidationError as error:
        errors.update(error.message_dict)
    for name in PROGRAMME_OPTIONAL_FIELDS:
        if row.get(name) is None:  # the file has no such column
            continue
        value = row[name].strip()
        if name == "area_nuts_codes":
            try:
                value = _nuts_codes(value)
            except ValidationError as error:
                errors.update(error.message_dict)
                continue
        setattr(programme, name, value)
    if existing is None and programme.acronym:
        programme.slug = slugify(programme.acronym)[:60]
        if Programme.objects.filter(slug=programme.slug).exists():
            errors.setdefault("acronym", []).append(SLUG_TAKEN % {"slug": programme.slug})
    try:
        programme.full_clean(exclude=[*errors, "slug"])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return programme


def programme_import(
    *, rows: Iterable[dict[str, str]], first_line: int = 2
) -> ProgrammeImportReport:
    """Create or update programmes by acronym; rows that fail validation are reported, not saved."""
    report = ProgrammeImportReport()
    for line, row in enumerate(rows, start=first_line):
        acronym = (row.get("acronym") or "").strip()
        existing = Programme.objects.filter(acronym__iexact=acronym).first() if acronym else None
        try:
            programme = _programme_from_row(row, existing)
        except ValidationError as error:
            reasons = "; ".join(
                f"{name}: {' '.join(str(message) for message in messages)}"
                for name, messages in error.message_dict.items()
            )
            report.rejected.append((line, acronym, reasons))
            continue
        programme.save()
        if existing:
            report.updated += 1
        else:
            report.created += 1
    return report


def profile_for(user) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def signup_completed(*, user, language: str) -> None:
    """Record the privacy notice the new member accepted, and give them a profile that keeps
    the language they signed up in."""
    ConsentRecord.objects.create(
        user=user,
        document=ConsentRecord.Document.PRIVACY_NOTICE,
        version=settings.PRIVACY_NOTICE_VERSION,
    )
    profile = profile_for(user)
    if not profile.interface_language and language in languages.language_codes():
        profile.interface_language = language
        profile.save(update_fields=["interface_language"])


def profile_language_save(*, user, code: str) -> None:
    """The language a person reads the portal and its e-mails in, chosen with the switcher."""
    profile = profile_for(user)
    if profile.interface_language != code:
        profile.interface_language = code
        profile.save(update_fields=["interface_language"])


def language_on_sign_in(*, user, chosen_here: str | None) -> str | None:
    """The language a person reads the portal in once signed in: their profile's; if they
    never chose one, the one they chose on this device (kept from now on); else none (their
    browser's language applies)."""
    profile = profile_for(user)
    if profile.interface_language:
        return profile.interface_language
    if chosen_here:
        profile.interface_language = chosen_here
        profile.save(update_fields=["interface_language"])
        return chosen_here
    return None


@transaction.atomic
def profile_update(*, form) -> Profile:
    old_avatar = form.instance.avatar.name if form.instance.pk else ""
    profile = form.save()
    if old_avatar and old_avatar != profile.avatar.name:
        storage = profile.avatar.storage
        transaction.on_commit(lambda: storage.delete(old_avatar))
    return profile


@transaction.atomic
def account_delete(*, user) -> None:
    """Erase the person and their personal data. What they published stays, without a name:
    content keeps a null author, which pages show as "deleted user"."""
    profile = Profile.objects.filter(user=user).first()
    avatar = profile.avatar.name if profile and profile.avatar else ""
    storage = profile.avatar.storage if profile else None
    gdpr.erase_user_data(user)
    user.delete()
    gdpr.search_index_compact()
    if avatar:
        transaction.on_commit(lambda: storage.delete(avatar))
