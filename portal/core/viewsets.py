"""What every app's admin list views share."""

from django.contrib.auth import get_user_model
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy


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


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Records only an app's own rules may change: listed, inspected and exported."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in {"add", "change", "delete"}]
        return (
            super().users_with_any_permission(actions)
            if actions
            else get_user_model().objects.none()
        )
