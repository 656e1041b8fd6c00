from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.core.dashboard import WorkWaiting, add_work_panel

from . import access, admin_views
from .selectors import events_awaiting_review
from .viewsets import CooperationDayViewSetGroup


@hooks.register("register_admin_viewset")
def register_cooperation_day_viewsets():
    return CooperationDayViewSetGroup()


@hooks.register("register_admin_urls")
def register_cooperation_day_admin_urls():
    urls = [
        path("queue/", admin_views.queue, name="queue"),
        path("queue/approve/", admin_views.bulk_approve, name="bulk_approve"),
        path("events/<int:pk>/", admin_views.review, name="review"),
        path("dashboard/", admin_views.dashboard, name="dashboard"),
        path("dashboard/events.csv", admin_views.dashboard_export, name="dashboard_export"),
    ]
    return [
        path(
            "cooperation-day/",
            include((urls, "cooperation_day_admin"), namespace="cooperation_day_admin"),
        ),
    ]


class CampaignTeamMenuItem(MenuItem):
    def is_shown(self, request):
        return access.is_campaign_team(request.user)


@hooks.register("register_cooperation_day_menu_item")
def register_queue_menu_item():
    return CampaignTeamMenuItem(
        _("Moderation queue"), reverse("cooperation_day_admin:queue"), icon_name="tasks", order=0
    )


@hooks.register("register_cooperation_day_menu_item")
def register_dashboard_menu_item():
    return CampaignTeamMenuItem(
        _("Dashboard"), reverse("cooperation_day_admin:dashboard"), icon_name="order", order=1
    )


@hooks.register("construct_homepage_panels")
def add_events_to_moderate_panel(request, panels):
    waiting = events_awaiting_review(user=request.user)
    if not waiting:
        return
    count_text = ngettext(
        "%(count)d event waiting for review", "%(count)d events waiting for review", waiting
    ) % {"count": waiting}
    add_work_panel(
        panels,
        name="cooperation_day_events_to_moderate",
        heading=_("Cooperation Day events to moderate"),
        items=[
            WorkWaiting(
                label=_("Moderation queue"),
                count_text=count_text,
                url=reverse("cooperation_day_admin:queue"),
            )
        ],
        order=10,
    )
