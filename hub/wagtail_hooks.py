from wagtail import hooks

from .viewsets import HubViewSetGroup


@hooks.register("register_admin_viewset")
def register_hub_viewsets():
    return HubViewSetGroup()
