from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import access, admin_views


@hooks.register("register_admin_urls")
def register_slam_admin_urls():
    urls = [
        path("votes/", admin_views.vote_audit, name="vote_audit_current"),
        path("<int:year>/votes/", admin_views.vote_audit, name="vote_audit"),
    ]
    return [path("slam/", include((urls, "slam_admin"), namespace="slam_admin"))]


class VoteAuditMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_see_vote_audit(request.user)


@hooks.register("register_reports_menu_item")
def register_vote_audit_menu_item():
    return VoteAuditMenuItem(
        _("Interreg Slam vote audit"), reverse("slam_admin:vote_audit_current"), icon_name="warning"
    )
