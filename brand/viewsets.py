"""The brand team's admin: assets with their files, usage terms, and download statistics."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from portal.core.viewsets import RelatedModelViewSet

from . import services
from .models import Asset, UsageTerms


class _DescribesFiles:
    """After a save: read the new files' facts and make their previews."""

    def save_instance(self):
        asset = super().save_instance()
        services.asset_files_describe(asset=asset)
        return asset


class AssetCreateView(_DescribesFiles, generic.CreateView):
    pass


class AssetEditView(_DescribesFiles, generic.EditView):
    pass


class AssetViewSet(RelatedModelViewSet):
    model = Asset
    icon = "image"
    menu_label = _("Assets")
    add_view_class = AssetCreateView
    edit_view_class = AssetEditView
    list_select_related = ("programme",)
    list_display = ["title", "kind", "programme", "language", "access_level", "published_at"]
    list_filter = ["kind", "access_level", "language", "programme"]
    search_fields = ["title", "description"]
    list_export = [
        "title",
        "kind",
        "programme.name",
        "language",
        "version",
        "access_level",
        "published_at",
        "expires_at",
    ]
    export_filename = "brand-assets"
    ordering = ["-published_at"]


class UsageTermsViewSet(ModelViewSet):
    model = UsageTerms
    icon = "doc-full"
    menu_label = _("Usage terms")
    list_display = ["title", "version", "updated_at"]
    search_fields = ["title"]


class BrandViewSetGroup(ViewSetGroup):
    menu_label = _("Brand")
    menu_icon = "image"
    submenu_hook = "register_brand_menu_item"
    items = (AssetViewSet("brand_assets"), UsageTermsViewSet("brand_terms"))
