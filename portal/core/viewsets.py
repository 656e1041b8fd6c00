"""What every app's admin list views share."""

from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet


class RelatedIndexView(IndexView):
    """A list that fetches the rows its columns name in the same query, not one per row."""

    list_select_related: tuple[str, ...] = ()

    def get_base_queryset(self):
        return super().get_base_queryset().select_related(*self.list_select_related)


class RelatedModelViewSet(ModelViewSet):
    """Set `list_select_related` to the foreign keys the list and export show."""

    index_view_class = RelatedIndexView
    list_select_related: tuple[str, ...] = ()

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(list_select_related=self.list_select_related, **kwargs)
