from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import access, admin_views
from .viewsets import BrandViewSetGroup


@hooks.register("register_admin_viewset")
def register_brand_viewsets():
    return BrandViewSetGroup()


@hooks.register("register_admin_urls")
def register_brand_admin_urls():
    urls = [
        path("statistics/", admin_views.statistics, name="statistics"),
        path("statistics/downloads.csv", admin_views.statistics_export, name="statistics_export"),
    ]
    return [path("brand/", include((urls, "brand_admin"), namespace="brand_admin"))]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_see_statistics(request.user)


@hooks.register("register_brand_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Download statistics"), reverse("brand_admin:statistics"), icon_name="order", order=10
    )
