"""The notification centre, e-mail preferences and one-click unsubscribe."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.accounts.models import Profile, User
from portal.core.cache import kept_for_person
from portal.core.forms import PortalForm
from portal.core.query import query_choice, query_page

from . import services
from .emails import address_in
from .models import EmailOptOut, Notification
from .scopes import visible_condition, visible_scopes

PER_PAGE = 30


@login_required
@require_GET
@kept_for_person(services.centre_versions)
def centre(request):
    scopes = visible_scopes([request.user])[request.user.pk]
    notifications = (
        Notification.objects.filter(recipient=request.user)
        .filter(visible_condition(scopes))
        .select_related("actor")
    )
    show = query_choice(request, "show", ("all", "unread"), "all")
    if show == "unread":
        notifications = notifications.filter(read_at__isnull=True)
    page_obj = Paginator(notifications, PER_PAGE).get_page(query_page(request))
    return render(
        request,
        "notifications/centre.html",
        {"page_obj": page_obj, "show": show},
    )


@login_required
@require_POST
def open_notification(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    scopes = visible_scopes([request.user])[request.user.pk]
    if not Notification.objects.filter(pk=pk).filter(visible_condition(scopes)).exists():
        raise Http404
    services.mark_read(user=request.user, notification_ids=[pk])
    target = notification.url
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "notifications:centre"
    else:  # made in whoever caused it's language: opened in the reader's
        target = address_in(target, get_language())
    return redirect(target)


@login_required
@require_POST
def mark_all_read(request):
    services.mark_read(user=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:centre")


# Kinds only some people receive: offered in the preferences to those who hold the permission.
KIND_PERMISSIONS = {Notification.Kind.ACCESSIBILITY: "home.view_accessibilityfeedback"}


def kinds_offered(user=None) -> list[str]:
    return [
        kind
        for kind in Notification.Kind.values
        if kind not in KIND_PERMISSIONS
        or (user is not None and user.has_perm(KIND_PERMISSIONS[kind]))
    ]


class PreferencesForm(PortalForm):
    email_frequency = forms.ChoiceField(
        label=gettext_lazy("E-mail me about notifications"),
        choices=Profile.EmailFrequency.choices,
        widget=forms.RadioSelect,
    )
    kinds = forms.MultipleChoiceField(
        label=gettext_lazy("E-mail me about"),
        choices=Notification.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        offered = set(kinds_offered(user))
        self.fields["kinds"].choices = [
            (kind, label) for kind, label in Notification.Kind.choices if kind in offered
        ]


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    profile, _created = Profile.objects.get_or_create(user=request.user)
    opted_out = set(EmailOptOut.objects.filter(user=request.user).values_list("kind", flat=True))
    initial = {
        "email_frequency": profile.email_frequency,
        "kinds": [kind for kind in kinds_offered(request.user) if kind not in opted_out],
    }
    form = PreferencesForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        profile.email_frequency = form.cleaned_data["email_frequency"]
        profile.save(update_fields=["email_frequency"])
        wanted = set(form.cleaned_data["kinds"])
        for kind in kinds_offered(request.user):
            if kind in wanted:
                services.opt_in(user=request.user, kind=kind)
            else:
                services.opt_out(user=request.user, kind=kind)
        if profile.email_frequency in (Profile.EmailFrequency.DAILY, Profile.EmailFrequency.WEEKLY):
            services.opt_in(user=request.user, kind=EmailOptOut.DIGEST)
        messages.success(request, _("Your e-mail preferences are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


def _kind_label(kind: str) -> str:
    if kind == EmailOptOut.DIGEST:
        return _("Daily and weekly digests")
    return str(dict(Notification.Kind.choices).get(kind, kind))


@csrf_exempt  # RFC 8058: mail clients POST here without a form; the signed token is the key
@never_cache  # a link for one person: no browser or proxy keeps the page
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    target = services.unsubscribe_target(token)
    if target is None:
        raise Http404
    user_id, kind = target
    if kind != EmailOptOut.DIGEST and kind not in Notification.Kind.values:
        raise Http404
    user = get_object_or_404(User, pk=user_id)
    done = request.method == "POST"
    if done:
        services.opt_out(user=user, kind=kind)
    return render(
        request,
        "notifications/unsubscribe.html",
        {"done": done, "kind": _kind_label(kind), "token": token},
    )
