"""Writing calls: programmes publish and edit their own, editors everyone's. Every change is
recorded in Wagtail's log with who made it and when."""

import markdown
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import Collection

from hub.access import may_publish_for
from portal.core.sanitize import sanitize_html

from .models import CLOSES_BEFORE_OPENING, SLUG_TAKEN, Call, CallDocument

DOCUMENTS_COLLECTION = "Calls for proposals"
NOT_YOUR_PROGRAMME = _("You publish calls only for the programmes you work for.")


def priorities_html(text: str) -> str:
    """Programmes write paragraphs and "- " lists (Markdown) or a little HTML; either is
    stored sanitised."""
    return sanitize_html(markdown.markdown((text or "").strip(), extensions=["sane_lists"]))


def _document_store(*, uploaded, title: str, user):
    """An uploaded file (checked by content in the form) kept in the calls' collection."""
    root = Collection.get_first_root_node()
    home = root.get_children().filter(name=DOCUMENTS_COLLECTION).first()
    if home is None:
        home = root.add_child(name=DOCUMENTS_COLLECTION)
    document = get_document_model()(
        title=title[:255], file=uploaded, collection=home, uploaded_by_user=user
    )
    document.save()
    return document


def _apply(call: Call, values: dict) -> None:
    for name, value in values.items():
        setattr(call, name, value)
    call.priorities = priorities_html(call.priorities)
    if call.opens_at and call.closes_at and call.closes_at <= call.opens_at:
        raise ValidationError({"closes_at": CLOSES_BEFORE_OPENING})


def _save(call: Call) -> None:
    try:
        with transaction.atomic():
            call.save()
    except IntegrityError as error:
        # Two people choosing the same address at once: the constraint decides.
        if "slug" in str(error):
            raise ValidationError({"slug": SLUG_TAKEN}) from error
        raise


def _documents(call, *, user, new_document, remove_documents) -> None:
    if remove_documents:
        CallDocument.objects.filter(
            call=call, pk__in=[item.pk for item in remove_documents]
        ).delete()
    if new_document:
        title, uploaded = new_document
        CallDocument.objects.create(
            call=call,
            title=title,
            document=_document_store(uploaded=uploaded, title=title, user=user),
            sort_order=call.documents.count(),
        )


@transaction.atomic
def call_create(*, user, values: dict, themes=(), new_document=None) -> Call:
    """`values` are the call's fields; `new_document` a (title, uploaded file) pair."""
    if not may_publish_for(user, values["programme"]):
        raise PermissionDenied(NOT_YOUR_PROGRAMME)
    call = Call(created_by=user)
    _apply(call, values)
    _save(call)
    call.themes.set(themes)
    _documents(call, user=user, new_document=new_document, remove_documents=())
    log(call, "wagtail.create", user=user)
    return call


@transaction.atomic
def call_update(
    *, call: Call, user, values: dict, themes=(), new_document=None, remove_documents=()
) -> Call:
    """Only for someone who publishes for the call's programme, and for the programme they
    move it to."""
    if not may_publish_for(user, call.programme_id):
        raise PermissionDenied(NOT_YOUR_PROGRAMME)
    if not may_publish_for(user, values["programme"]):
        raise PermissionDenied(NOT_YOUR_PROGRAMME)
    _apply(call, values)
    _save(call)
    call.themes.set(themes)
    _documents(call, user=user, new_document=new_document, remove_documents=remove_documents)
    log(call, "wagtail.edit", user=user)
    return call
